// The known name nearest a misspelt one, for "did you mean" hints. Hand-written: a dozen lines
// of edit distance on names under 30 characters do not warrant a dependency.

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]
}

/** The closest of `known` within a third of the name's length (at least 2 edits), else undefined. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3))
  let best: { name: string; d: number } | undefined
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase())
    if (d <= limit && (!best || d < best.d)) best = { name: k, d }
  }
  return best?.name
}
