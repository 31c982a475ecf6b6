import type { tableCopyMessages } from './messages.table-copy.ts';

/** English words of 复制为新年度: starting next year's table from an existing one. Loaded with messages.en.ts, only when English is chosen. */
export const tableCopyEn = {
  'copy.button': 'Copy to a new year',
  'copy.title': 'Copy to a new year’s target table',
  'copy.intro':
    'Starts a new draft from the saved version of “{name}” ({year}): project details, narratives and indicators with their targets are kept, this year’s budget becomes last year’s budget, and the executed amount of an entered self-evaluation becomes last year’s execution.',
  'copy.year': 'New year',
  'copy.ok': 'Copy and open',
  'copy.done': 'Draft for {year} created',
  'copy.unsaved': 'Unsaved changes in the editor are not carried into the new table.',
  'auditAction.table.copy': 'Copied to a new year',
} satisfies Record<keyof typeof tableCopyMessages.zh, string>;
