// Failures grouped by error class, each with the title and fix of the one error table
// (src/shared/errors/table.ts). Pure: the live monitor and the report share it.
import type { ErrorClass } from '../../../shared/contract'
import { ERROR_CLASSES } from '../../../shared/errors/table'

export interface ErrorGroup {
  errorClass: ErrorClass
  count: number
  /** Up to three distinct messages, the most frequent first. */
  examples: string[]
  title: string
  fix: string
}

export function groupErrors(items: Iterable<{ errorClass: ErrorClass; message: string }>): ErrorGroup[] {
  const byClass = new Map<ErrorClass, { count: number; messages: Map<string, number> }>()
  for (const { errorClass, message } of items) {
    const g = byClass.get(errorClass) ?? { count: 0, messages: new Map<string, number>() }
    g.count += 1
    // Distinct messages are bounded: a 100,000-failure job must not grow this map without limit.
    if (g.messages.has(message) || g.messages.size < 50) g.messages.set(message, (g.messages.get(message) ?? 0) + 1)
    byClass.set(errorClass, g)
  }
  return [...byClass.entries()]
    .map(([errorClass, g]) => ({
      errorClass,
      count: g.count,
      examples: [...g.messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([m]) => m),
      title: ERROR_CLASSES[errorClass].title,
      fix: ERROR_CLASSES[errorClass].fix,
    }))
    .sort((a, b) => b.count - a.count)
}
