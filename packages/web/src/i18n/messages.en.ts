/**
 * The English words, loaded only when English is chosen (i18n.tsx): Chinese users, the default, do not
 * fetch them with the first load (about 10 KB gzip). Each feature's English is `messages.<feature>.en.ts`
 * (typed against its zh keys), apart from its Chinese so that the two land in different chunks; a feature
 * adds ONE line below, as to `zh` in messages.ts. `Record<MessageKey, string>` makes a key missing in
 * English a type error here.
 */
import enUS from 'antd/locale/en_US';
import { accountsEn } from './messages.accounts.en.ts';
import { budgetYearsEn } from './messages.budget-years.en.ts';
import { commonEn } from './messages.common.en.ts';
import { evaluationEn } from './messages.evaluation.en.ts';
import { exAnteEn } from './messages.ex-ante.en.ts';
import { importDuplicatesEn } from './messages.import-duplicates.en.ts';
import { importWorkflowEn } from './messages.import-workflow.en.ts';
import { libraryEn } from './messages.library.en.ts';
import { monitoringImportEn } from './messages.monitoring-import.en.ts';
import { peersEn } from './messages.peers.en.ts';
import { portalEn } from './messages.portal.en.ts';
import { recheckEn } from './messages.recheck.en.ts';
import { rectificationEn } from './messages.rectification.en.ts';
import { reviewRulesEn } from './messages.review-rules.en.ts';
import { rulesEn } from './messages.rules.en.ts';
import { tableCopyEn } from './messages.table-copy.en.ts';
import { tablesEn } from './messages.tables.en.ts';
import type { MessageKey } from './messages.ts';
import { workbenchEn } from './messages.workbench.en.ts';
import { workflowEn } from './messages.workflow.en.ts';

export const en: Record<MessageKey, string> = {
  ...reviewRulesEn,
  ...commonEn,
  ...accountsEn,
  ...tablesEn,
  ...workflowEn,
  ...evaluationEn,
  ...portalEn,
  ...workbenchEn,
  ...rulesEn,
  ...tableCopyEn,
  ...importDuplicatesEn,
  ...importWorkflowEn,
  ...budgetYearsEn,
  ...libraryEn,
  ...peersEn,
  ...rectificationEn,
  ...exAnteEn,
  ...monitoringImportEn,
  ...recheckEn,
};

/** antd's own English words (pagination, empty states, pickers) travel with ours. */
export const antdEn = enUS;
