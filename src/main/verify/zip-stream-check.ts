// The completeness check on bytes as they stream: fflate's streaming Unzip inflates the one CSV
// inside an archive zip (reference §1.7) chunk by chunk, lines go to the pure checker, so a
// multi-gigabyte monthly file is judged in bounded memory while it downloads or is read back.
import { Unzip, UnzipInflate } from 'fflate'
import { completenessChecker, type CompletenessReport } from '../../shared/completeness'

export interface StreamCheck {
  push(chunk: Uint8Array): void
  /** The report once every byte was pushed; undefined when the zip held no CSV to judge. */
  finish(): CompletenessReport | undefined
}

/** A check for `key`, or undefined when its data type has no time series to judge. */
export function streamCheckFor(key: string, root = 'data/'): StreamCheck | undefined {
  const checker = completenessChecker(key, root)
  if (!checker) return undefined
  const decoder = new TextDecoder()
  let rest = ''
  let seen = false
  let failure: Error | undefined
  const lines = (text: string) => {
    const parts = (rest + text).split('\n')
    rest = parts.pop() ?? ''
    for (const l of parts) checker.line(l)
  }
  const unzip = new Unzip((file) => {
    // One CSV per zip; anything else in it (never seen) is not ours to judge.
    if (seen || !file.name.endsWith('.csv')) return
    seen = true
    file.ondata = (err, data, final) => {
      if (err) failure = err
      else lines(decoder.decode(data, { stream: !final }))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  return {
    push(chunk) {
      if (!failure) unzip.push(chunk)
    },
    finish() {
      if (!failure) unzip.push(new Uint8Array(0), true)
      if (failure) throw new Error(`the zip could not be read: ${failure.message}`)
      if (!seen) return undefined
      if (rest) checker.line(rest)
      return checker.finish()
    },
  }
}

/** One line for logs and terminals: what is uncovered and which daily files cover it. */
export function describeGaps(r: CompletenessReport): string[] {
  const out = r.gaps.map((g) => `gap in ${r.key}: ${g.from} … ${g.to}${g.fillKeys.length > 0 ? `; daily files that cover it: ${g.fillKeys.join(', ')}` : '; no finer archive file covers it'}`)
  if (r.outOfOrder > 0) out.push(`${r.key}: ${r.outOfOrder} rows out of time order`)
  return out
}
