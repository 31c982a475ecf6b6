/**
 * The UI's words in Chinese (first) and English, two files per feature: `messages.<feature>.ts` exports
 * `{ zh: {...} as const }` and `messages.<feature>.en.ts` its English, typed against those keys. The Chinese
 * words arrive with the routes that show them: the app frame's (common, accounts) are in the first load, and
 * routes.tsx loads a page's features beside its chunk (`withMessages`), before it renders, so a page never
 * shows a key (i18n/route-messages.test.ts reads each page's imports and fails when a route forgets one).
 * English is one chunk (messages.en.ts), fetched once when chosen. `MessageKey` is the union of all zh keys
 * (messages.zh.ts, a type here); `en` is typed `Record<MessageKey, string>`, so a key missing in English is a
 * type error there.
 */
import { accountsMessages } from './messages.accounts.ts';
import { commonMessages } from './messages.common.ts';
import type { MessageFeature, MessageKey } from './messages.zh.ts';

export type { MessageFeature, MessageKey };

export type Locale = 'zh' | 'en';

export type Messages = Record<MessageKey, string>;

type Words = Readonly<Record<string, string>>;

/** The app frame's features: in the first load, whatever the route. */
export const shellFeatures: readonly MessageFeature[] = ['common', 'accounts'];

/** Every other feature's Chinese, fetched once when a route that shows it is opened. */
const loaders: Record<Exclude<MessageFeature, 'common' | 'accounts'>, () => Promise<Words>> = {
  'budget-years': () => import('./messages.budget-years.ts').then((m) => m.budgetYearsMessages.zh),
  evaluation: () => import('./messages.evaluation.ts').then((m) => m.evaluationMessages.zh),
  'ex-ante': () => import('./messages.ex-ante.ts').then((m) => m.exAnteMessages.zh),
  'import-duplicates': () =>
    import('./messages.import-duplicates.ts').then((m) => m.importDuplicatesMessages.zh),
  'import-workflow': () => import('./messages.import-workflow.ts').then((m) => m.importWorkflowMessages.zh),
  library: () => import('./messages.library.ts').then((m) => m.libraryMessages.zh),
  'monitoring-import': () =>
    import('./messages.monitoring-import.ts').then((m) => m.monitoringImportMessages.zh),
  peers: () => import('./messages.peers.ts').then((m) => m.peersMessages.zh),
  portal: () => import('./messages.portal.ts').then((m) => m.portalMessages.zh),
  recheck: () => import('./messages.recheck.ts').then((m) => m.recheckMessages.zh),
  rectification: () => import('./messages.rectification.ts').then((m) => m.rectificationMessages.zh),
  'review-rules': () => import('./messages.review-rules.ts').then((m) => m.reviewRulesMessages.zh),
  rules: () => import('./messages.rules.ts').then((m) => m.rulesMessages.zh),
  'table-copy': () => import('./messages.table-copy.ts').then((m) => m.tableCopyMessages.zh),
  tables: () => import('./messages.tables.ts').then((m) => m.tablesMessages.zh),
  workbench: () => import('./messages.workbench.ts').then((m) => m.workbenchMessages.zh),
  workflow: () => import('./messages.workflow.ts').then((m) => m.workflowMessages.zh),
};

/**
 * The Chinese words loaded so far, which `t()` reads at each call: the shell's from the start, each route's
 * added before its page renders. Lookups of a key not (yet) loaded find nothing; `t()` then shows the key.
 */
export const zhMessages: Partial<Messages> = { ...commonMessages.zh, ...accountsMessages.zh };

const loaded = new Map<MessageFeature, Promise<void>>(shellFeatures.map((f) => [f, Promise.resolve()]));

/** Loads the Chinese words of `features` (each once) into `zhMessages`. */
export function loadMessages(features: readonly MessageFeature[]): Promise<void> {
  return Promise.all(
    features.map((feature) => {
      let done = loaded.get(feature);
      if (!done) {
        const load = loaders[feature as keyof typeof loaders];
        done = load().then(
          (words) => {
            Object.assign(zhMessages, words);
          },
          (error: unknown) => {
            // A chunk that did not arrive (offline, a deploy replaced it) is asked again next time.
            loaded.delete(feature);
            throw error;
          },
        );
        loaded.set(feature, done);
      }
      return done;
    }),
  ).then(() => undefined);
}

/** A route's page chunk, resolved once the words it shows are loaded too (both fetched at once). */
export async function withMessages<T>(features: readonly MessageFeature[], page: Promise<T>): Promise<T> {
  const [module] = await Promise.all([page, loadMessages(features)]);
  return module;
}

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

/**
 * Whether a key built at run time (e.g. `auditAction.${code}`) has a text among the words loaded; unknown codes
 * are shown raw. (A page's own features are loaded before it renders.)
 */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zhMessages, key);
}
