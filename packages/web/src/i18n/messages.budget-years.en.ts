import type { budgetYearsMessages } from './messages.budget-years.ts';

/** English words of 预算年度设置 (budget years): the administrator's calendar, deadlines and closed years. Loaded with messages.en.ts, only when English is chosen. */
export const budgetYearsEn = {
  'years.tab': 'Budget years',
  'years.intro':
    'Per region and budget year: whether drafting is open, the submission deadline, the monitoring cut-off month and the self-evaluation window. Years without a setting keep the defaults: open, no deadline, monitoring to July.',
  'years.new': 'New year setting',
  'years.edit': 'Edit {region} {year}',
  'years.region': 'Region',
  'years.year': 'Budget year',
  'years.draftingOpen': 'Drafting open',
  'years.open': 'Open',
  'years.closed': 'Closed',
  'years.submissionDeadline': 'Submission deadline',
  'years.cutOffMonth': 'Monitoring cut-off month',
  'years.selfEvaluationOpen': 'Self-evaluation open',
  'years.selfEvaluationDeadline': 'Self-evaluation deadline',
  'years.updated': 'Last changed',
  'years.none': '—',
  'years.empty': 'No year settings yet: every year is open by the defaults.',
  'years.saved': 'Saved the setting of {region} {year}',
  'years.closeConfirmTitle': 'Close drafting of {region} {year}?',
  'years.closeConfirm':
    'Authors will no longer be able to start, import, copy or submit target tables of that year; submitted tables can still be reviewed.',
  'years.closeOk': 'Close drafting',
  'years.deadlineLine': 'Target tables of {year} are due by {date}',
  'auditAction.budget_year.update': 'Changed a budget year setting',
} satisfies Record<keyof typeof budgetYearsMessages.zh, string>;
