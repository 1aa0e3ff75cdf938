import type { ReactNode } from 'react'

/** Label/value pairs as a description list: screen readers announce each value with its term. */
export function StatList({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <dl className="stats" aria-label={label}>
      {children}
    </dl>
  )
}

export function Stat({ label, children, tone }: { label: string; children: ReactNode; tone?: 'good' | 'bad' | 'muted' }) {
  return (
    <div className={tone ? `stat stat-${tone}` : 'stat'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}
