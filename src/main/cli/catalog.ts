// `archive-sync catalog`: the archive matrix as the app knows it — markets, data types, their
// frequencies and intervals, and which are stopped or uncertain.
import { CATALOG, FREQUENCIES, IRREGULAR_INTERVALS, MARKETS } from '../../shared/catalog'

export function catalogText(): string {
  const lines: string[] = []
  for (const market of MARKETS) {
    lines.push(market)
    const types = new Set(FREQUENCIES.flatMap((f) => Object.keys(CATALOG[market][f])))
    for (const dt of types) {
      const freqs = FREQUENCIES.filter((f) => CATALOG[market][f][dt])
      const spec = CATALOG[market][freqs[0]][dt]
      const intervals = [...new Set(freqs.flatMap((f) => CATALOG[market][f][dt].intervals ?? []))]
        .map((i) => (IRREGULAR_INTERVALS.includes(i) ? `${i}*` : i))
        .join(' ')
      const status = spec.status === 'active' ? '' : ` [${spec.status}${spec.note ? `: ${spec.note}` : ''}]`
      const pair = spec.symbolKind === 'pair' ? ' (folder is the pair, e.g. BTCUSD)' : ''
      lines.push(`  ${dt.padEnd(20)} ${freqs.join('+').padEnd(14)} ${intervals || '-'}${pair}${status}`)
    }
  }
  lines.push('', '* published irregularly: expect gaps')
  return `${lines.join('\n')}\n`
}
