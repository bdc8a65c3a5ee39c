import type { AlertLevel, ReportStatus } from '../db/schema.ts'

/** Indonesia's four-step alert vocabulary, in rising order; `normal` is a routine report. */
export const ALERT_LEVELS: AlertLevel[] = ['normal', 'waspada', 'siaga', 'awas']
export const STATUSES: ReportStatus[] = ['new', 'acknowledged', 'in_progress', 'resolved']

/** 0 for normal … 3 for awas. */
export function alertRank(level: AlertLevel): number {
  return ALERT_LEVELS.indexOf(level)
}

// new → acknowledged → in_progress → resolved; a resolved report can be reopened.
const NEXT: Record<ReportStatus, ReportStatus[]> = {
  new: ['acknowledged'],
  acknowledged: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['in_progress'],
}

/** The statuses a report may move to from `from`. */
export function nextStatuses(from: ReportStatus): readonly ReportStatus[] {
  return NEXT[from]
}

/** Whether a report may move from one status to another. */
export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return NEXT[from].includes(to)
}
