import type { importWorkflowMessages } from './messages.import-workflow.ts';

export const importWorkflowEn = {
  'importFlow.kind': 'Document kind',
  'importFlow.kindFound': 'Read as a {kind}',
  'importFlow.kind.target': 'performance target table',
  'importFlow.kind.self-evaluation': 'self-evaluation form',
  'importFlow.kind.monitoring': 'monitoring form',
  'importFlow.kind.department-wide': 'department-wide target table',
  'importFlow.split': 'Split into two rows',
  'importFlow.merge': 'Merge with the row below',
  'importFlow.missing': '{n} row{s} with empty cells (in yellow): fill them in or confirm',
  'importFlow.lowConfidence': '{n} row{s} read by a guess: check them',
  'importFlow.execution': 'Budget execution',
  'importFlow.executionScore': 'Budget execution score',
  'importFlow.total': 'Total score {total} (indicators {indicators} + budget execution {execution})',
  'importFlow.rowLines': 'Source lines {line}–{endLine}',
} satisfies Record<keyof typeof importWorkflowMessages.zh, string>;
