/**
 * The UI's words in Chinese (first) and English, two files per feature: `messages.<feature>.ts` exports
 * `{ zh: {...} as const }` and `messages.<feature>.en.ts` its English, typed against those keys. A feature
 * adds ONE line to `zh` below and one to `en` in messages.en.ts, which is loaded only when English is
 * chosen (so the first load carries one language). `MessageKey` is the union of all zh keys; `en` is
 * typed `Record<MessageKey, string>`, so a key missing in English is a type error there (and in the
 * feature's .en.ts, through its `satisfies`).
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

export type Locale = 'zh' | 'en';

export type Messages = Record<MessageKey, string>;

/** The Chinese words, in the first load (the default language). */
export const zhMessages: Messages = zh;

/**
 * Fills `{name}` placeholders. `{s}` is English's plural ending for the count `{n}` ("1 table",
 * "3 tables"); Chinese texts need none, so it is not a placeholder the two languages must share.
 */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key in params) return String(params[key]);
    if (key === 's' && 'n' in params) return Number(params.n) === 1 ? '' : 's';
    return whole;
  });
}

/** Whether a key built at run time (e.g. `auditAction.${code}`) has a text; unknown codes are shown raw. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}
