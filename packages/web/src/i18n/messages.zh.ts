/**
 * Every Chinese word of the UI, by feature: what `MessageKey` is made of, and the full dictionary for tests.
 * The app itself loads a feature's words with the routes that show them (messages.ts, routes.tsx), so this
 * module is imported for its types only outside tests. A feature adds ONE line here, one to the loaders in
 * messages.ts and one to `en` in messages.en.ts.
 */
import { accountsMessages } from './messages.accounts.ts';
import { budgetYearsMessages } from './messages.budget-years.ts';
import { commonMessages } from './messages.common.ts';
import { evaluationMessages } from './messages.evaluation.ts';
import { exAnteMessages } from './messages.ex-ante.ts';
import { importDuplicatesMessages } from './messages.import-duplicates.ts';
import { importWorkflowMessages } from './messages.import-workflow.ts';
import { libraryMessages } from './messages.library.ts';
import { monitoringImportMessages } from './messages.monitoring-import.ts';
import { peersMessages } from './messages.peers.ts';
import { portalMessages } from './messages.portal.ts';
import { recheckMessages } from './messages.recheck.ts';
import { rectificationMessages } from './messages.rectification.ts';
import { reviewRulesMessages } from './messages.review-rules.ts';
import { rulesMessages } from './messages.rules.ts';
import { tableCopyMessages } from './messages.table-copy.ts';
import { tablesMessages } from './messages.tables.ts';
import { workbenchMessages } from './messages.workbench.ts';
import { workflowMessages } from './messages.workflow.ts';

/** Each feature's words, by the feature's name (its file, `messages.<name>.ts`). */
export const zhByFeature = {
  'review-rules': reviewRulesMessages.zh,
  common: commonMessages.zh,
  accounts: accountsMessages.zh,
  tables: tablesMessages.zh,
  workflow: workflowMessages.zh,
  evaluation: evaluationMessages.zh,
  portal: portalMessages.zh,
  workbench: workbenchMessages.zh,
  rules: rulesMessages.zh,
  'table-copy': tableCopyMessages.zh,
  'import-duplicates': importDuplicatesMessages.zh,
  'import-workflow': importWorkflowMessages.zh,
  'budget-years': budgetYearsMessages.zh,
  library: libraryMessages.zh,
  'monitoring-import': monitoringImportMessages.zh,
  recheck: recheckMessages.zh,
  peers: peersMessages.zh,
  rectification: rectificationMessages.zh,
  'ex-ante': exAnteMessages.zh,
} as const;

const zh = {
  ...reviewRulesMessages.zh,
  ...commonMessages.zh,
  ...accountsMessages.zh,
  ...tablesMessages.zh,
  ...workflowMessages.zh,
  ...evaluationMessages.zh,
  ...portalMessages.zh,
  ...workbenchMessages.zh,
  ...rulesMessages.zh,
  ...tableCopyMessages.zh,
  ...importDuplicatesMessages.zh,
  ...importWorkflowMessages.zh,
  ...budgetYearsMessages.zh,
  ...libraryMessages.zh,
  ...monitoringImportMessages.zh,
  ...recheckMessages.zh,
  ...peersMessages.zh,
  ...rectificationMessages.zh,
  ...exAnteMessages.zh,
} as const;

export type MessageKey = keyof typeof zh;
export type MessageFeature = keyof typeof zhByFeature;

/** All the Chinese words at once (tests; the app registers them feature by feature). */
export const zhMessages: Record<MessageKey, string> = zh;
