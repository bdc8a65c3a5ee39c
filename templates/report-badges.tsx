import type { AlertLevel, ReportStatus } from '../src/db/schema.ts'
import type { Messages } from '../src/i18n/index.ts'

/** The alert level as a coloured badge that also reads as text in print and to screen readers. */
export function LevelBadge({ t, level }: { t: Messages; level: AlertLevel }) {
  return <span class={`badge level-${level}`}>{t.alertLevels[level]}</span>
}

export function StatusBadge({ t, status }: { t: Messages; status: ReportStatus }) {
  return <span class={`badge status-${status}`}>{t.statuses[status]}</span>
}
