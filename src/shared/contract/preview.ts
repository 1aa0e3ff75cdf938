// Commands of the analyst's first look at the data: the first rows of one archive file, and the
// newest period the archive has for a dataset (for defaults that find data). Spread into the
// command table in commands.ts.
import { z } from 'zod'
import { SYMBOL_RE } from '../keys'

/** An archive zip key: `data/...<name>.zip`, no `..`, no control characters. Main checks the grammar. */
const archiveZipKey = z
  .string()
  .max(1024)
  .regex(/^[^\u0000-\u001f]+\.zip$/)
  .refine((k) => !k.split('/').includes('..'), { error: 'no ".." segments' })

const previewColumnSchema = z.object({
  name: z.string(),
  kind: z.enum(['time', 'number', 'text', 'bool']),
  /** For time columns: the unit found in this file's values. */
  unit: z.enum(['ms', 'us', 'text', 'mixed']).nullable(),
})

const filePreviewSchema = z.object({
  key: z.string(),
  file: z.string(),
  /** The zip's size in the archive. */
  size: z.number(),
  /** The CSV entry's name inside the zip. */
  entry: z.string(),
  /** Whether the file's first line was a header row (futures files from 2022 on). */
  header: z.boolean(),
  columns: z.array(previewColumnSchema),
  /** Raw cells of the first rows, as the archive wrote them. */
  rows: z.array(z.array(z.string())),
  /** Only the first `maxBytes` of the zip were read: rows are the first ones, not all. */
  partial: z.boolean(),
})
export type FilePreview = z.infer<typeof filePreviewSchema>

const datasetLatestSchema = z.object({
  /** The newest day any listed file covers; null when the folder is empty. */
  latestDay: z.string().nullable(),
  /** The newest whole month the listing holds (the default date range). */
  month: z.object({ start: z.string(), end: z.string() }).nullable(),
})

export const previewCommands = {
  'files:preview': { req: z.object({ key: archiveZipKey, rows: z.number().int().min(1).max(200).optional() }), res: filePreviewSchema },
  'catalog:latest': {
    req: z.object({
      market: z.string(),
      frequency: z.enum(['daily', 'monthly']),
      dataType: z.string(),
      symbol: z.string().regex(SYMBOL_RE),
      interval: z.string().regex(/^[0-9a-z]{1,4}$/).optional(),
    }),
    res: datasetLatestSchema,
  },
} as const
