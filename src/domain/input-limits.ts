/**
 * The longest text each field takes, in characters: the schemas refuse beyond it, the forms set
 * it as `maxlength`, and the refusal names it. One table, so the three never disagree.
 */
export const LIMITS = {
  reportTitle: 200,
  reportDescription: 5000,
  eventNote: 2000,
  search: 200,
  meetingTitle: 200,
  venue: 200,
  onlineUrl: 500,
  meetingDescription: 5000,
  reason: 1000,
  representative: 120,
  minutesSummary: 5000,
  minutesDecisions: 10000,
  minutesText: 50000,
  actionDescription: 1000,
  agendaTitle: 300,
  agendaNotes: 2000,
  categoryLabel: 80,
  holidayName: 80,
  personName: 120,
  username: 32,
  position: 100,
  rank: 60,
  idNumber: 30,
  documentNumber: 100,
  letterheadOffice: 120,
  letterheadAddress: 200,
} as const
