import type { monitoringImportMessages } from './messages.monitoring-import.ts';

/** English words of importing a monitoring form into its table's monitoring record. Loaded with messages.en.ts, only when English is chosen. */
export const monitoringImportEn = {
  'monitoringImport.kind': 'Monitoring form',
  'monitoringImport.period': 'Period',
  'monitoringImport.periodValue': 'Months 1–{m}',
  'monitoringImport.periodMissing': 'Not printed: choose it below',
  'monitoringImport.annual': 'Annual budget (yuan)',
  'monitoringImport.executed': 'Spent by the cut-off (yuan)',
  'monitoringImport.expectedExecuted': 'Expected spending for the year (yuan)',
  'monitoringImport.indicator': 'Indicator',
  'monitoringImport.target': 'Target',
  'monitoringImport.progress': 'Progress at the cut-off',
  'monitoringImport.expected': 'Expected for the year',
  'monitoringImport.likelihood': 'Likelihood of meeting it',
  'monitoringImport.cause': 'Cause of deviation',
  'monitoringImport.measure': 'Measure',
  'monitoringImport.confirm': 'Import into monitoring',
  'monitoringImport.into': 'Into',
  'monitoringImport.matched': 'Found your unit’s target table of this project and year:',
  'monitoringImport.noMatch':
    'Your unit has no approved table of this name that year: choose the table the form reports on.',
  'monitoringImport.noCandidates':
    'Your unit has no approved or published target table that year: the form cannot be imported.',
  'monitoringImport.chooseTable': 'Choose a target table',
  'monitoringImport.leftOut': 'Before importing ({n} note{s}):',
  'monitoringImport.month': 'Cut-off month',
  'monitoringImport.done': 'Imported into the monitoring record of “{name}”, months 1–{m} ({n} indicators)',
  'monitoringImport.problems': '{n} further note{s}: check and complete them in the monitoring record',
} satisfies Record<keyof typeof monitoringImportMessages.zh, string>;
