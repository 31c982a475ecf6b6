import type { importDuplicatesMessages } from './messages.import-duplicates.ts';

/** English words of the import page's duplicate dialog. Loaded with messages.en.ts, only when English is chosen. */
export const importDuplicatesEn = {
  'duplicates.title': 'Tables of the same project and year exist',
  'duplicates.intro':
    'Your unit already has a table of the project and year of the {n} table(s) below. Choose what to do with each; nothing is duplicated without a choice.',
  'duplicates.existing': 'Stored: {name} ({year}, {status}, version {version})',
  'duplicates.newVersion': 'New version',
  'duplicates.newVersionHint':
    'Save as the next version of the stored table, history kept (draft or returned tables)',
  'duplicates.replaceDraft': 'Replace draft',
  'duplicates.replaceDraftHint': 'Delete the stored draft and keep the imported table instead',
  'duplicates.skip': 'Skip',
  'duplicates.skipHint': 'Do not import this table',
  'duplicates.createAnyway': 'Create anyway',
  'duplicates.createAnywayHint': 'Create a second table of the same project and year',
  'duplicates.ok': 'Import as chosen',
  'duplicates.skippedAll': 'All skipped: no table was created',
  'duplicates.skipped': '{n} skipped',
} satisfies Record<keyof typeof importDuplicatesMessages.zh, string>;
