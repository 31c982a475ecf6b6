import type { Indicator, PerformanceTable, PrintedProgress } from '../tables/table.schema.ts';
import { searchKey } from '../text/search-key.ts';
import {
  type Deviation,
  type DeviationCause,
  type IndicatorProgress,
  type Likelihood,
  type MonitoringNote,
  type MonitoringReport,
  monitoringReportSchema,
} from './monitoring.schema.ts';

// An uploaded 绩效运行监控表 is the author's monitoring report written on paper. These functions turn its
// printed rows into the report of the stored table it belongs to: rows find their indicator by name,
// printed words become the report's enums, and whatever does not fit is kept as text and said.

/** What an imported monitoring form gives for a stored table: the report (null without a month) and problems. */
export interface MonitoringImport {
  report: MonitoringReport | null;
  /** Imported indicator position → stored indicator position, for every matched row. */
  matches: { imported: number; stored: number }[];
  problems: MonitoringNote[];
}

/** Names compared as search compares them, without the punctuation forms put around names. */
function nameKey(text: string | null | undefined): string {
  return searchKey(text ?? '').replace(/[\p{P}\p{S}]/gu, '');
}

function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) grams.push(text.slice(i, i + 2));
  return grams;
}

/** Similarity of two names in 0..1: Dice over character pairs, 0.8 at least when one contains the other. */
export function nameSimilarity(a: string, b: string): number {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const contained = Math.min(x.length, y.length) >= 2 && (x.includes(y) || y.includes(x)) ? 0.8 : 0;
  const gx = bigrams(x);
  const gy = bigrams(y);
  if (gx.length === 0 || gy.length === 0) return contained;
  const pool = new Map<string, number>();
  for (const g of gy) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of gx) {
    const left = pool.get(g) ?? 0;
    if (left > 0) {
      shared += 1;
      pool.set(g, left - 1);
    }
  }
  return Math.max(contained, (2 * shared) / (gx.length + gy.length));
}

/** Below this a same-level name is not the same indicator (`培训人次` vs `培训满意度` is 0.5). */
const SIMILAR_ENOUGH = 0.6;

/** Printed levels agree where both are printed (forms often leave 一级 out). */
function sameLevels(imported: Indicator, stored: Indicator): boolean {
  const same = (a: string | null, b: string | null) => a === null || b === null || nameKey(a) === nameKey(b);
  return (
    imported.level2 !== null &&
    stored.level2 !== null &&
    same(imported.level1, stored.level1) &&
    same(imported.level2, stored.level2)
  );
}

/**
 * Pairs imported indicators with stored ones, never two onto one: first the same name (as search compares
 * names, punctuation aside), then among the rest the same level 1 and 2 with the most similar name.
 */
export function matchIndicators(
  imported: readonly Indicator[],
  stored: readonly Indicator[],
): { imported: number; stored: number; exact: boolean }[] {
  const pairs: { imported: number; stored: number; exact: boolean }[] = [];
  const takenStored = new Set<number>();
  const takenImported = new Set<number>();
  imported.forEach((row, i) => {
    const key = nameKey(row.name);
    const j = stored.findIndex((s, k) => !takenStored.has(k) && nameKey(s.name) === key);
    if (key !== '' && j >= 0) {
      pairs.push({ imported: i, stored: j, exact: true });
      takenStored.add(j);
      takenImported.add(i);
    }
  });
  const similar: { imported: number; stored: number; score: number }[] = [];
  imported.forEach((row, i) => {
    if (takenImported.has(i)) return;
    stored.forEach((s, j) => {
      if (takenStored.has(j) || !sameLevels(row, s)) return;
      const score = nameSimilarity(row.name, s.name);
      if (score >= SIMILAR_ENOUGH) similar.push({ imported: i, stored: j, score });
    });
  });
  // Best pairs first, so a weaker pair never takes the indicator a stronger one needs.
  similar.sort((a, b) => b.score - a.score || a.imported - b.imported || a.stored - b.stored);
  for (const pair of similar) {
    if (takenImported.has(pair.imported) || takenStored.has(pair.stored)) continue;
    pairs.push({ imported: pair.imported, stored: pair.stored, exact: false });
    takenImported.add(pair.imported);
    takenStored.add(pair.stored);
  }
  return pairs.sort((a, b) => a.imported - b.imported);
}

/** Printed placeholders that mean "nothing here". */
const EMPTY_WORDS = new Set([
  '',
  '无',
  '/',
  '-',
  '--',
  '—',
  '——',
  '无偏差',
  '未偏离',
  '不适用',
  '暂无',
  'n/a',
]);

function printed(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return EMPTY_WORDS.has(trimmed.toLowerCase()) ? null : trimmed;
}

// Negative words first: `不可能` contains `可能`, `基本能` contains `能`.
const LIKELIHOOD_WORDS: [Likelihood, string[]][] = [
  ['完全不可能', ['完全不可能', '不可能', '无法完成', '不能', '未能', '难以']],
  ['有可能', ['有可能', '可能', '基本能', '基本可以']],
  ['确定能', ['确定能', '能', '可以完成', '可以']],
];

/** The report's likelihood for a printed 完成目标可能性 (`基本能完成` → 有可能), or null when unclear. */
export function likelihoodOf(text: string | null | undefined): Likelihood | null {
  const key = nameKey(text);
  if (key === '') return null;
  for (const [likelihood, words] of LIKELIHOOD_WORDS) {
    if (words.some((word) => key.includes(word))) return likelihood;
  }
  return null;
}

const CAUSE_WORDS: [DeviationCause, string[]][] = [
  ['经费', ['资金', '经费', '预算']],
  ['制度', ['制度', '政策']],
  ['人员', ['人员', '人手']],
  ['硬件', ['设备', '硬件', '场地']],
];

// The classes the monitoring templates print for a cause (原因分类: 经费保障, 制度保障, 人员保障, 硬件条件保障,
// 其他). A form that names the class beside the reason has said which it is, whatever words the reason uses.
const CAUSE_CLASSES: [DeviationCause, RegExp][] = [
  ['经费', /经费保障/],
  ['制度', /制度保障/],
  ['人员', /人员保障/],
  ['硬件', /硬件(条件)?保障/],
];

/** The report's cause for a printed 偏差原因: its class when printed, else by key words; 其他 when none is there. */
export function causeOf(text: string): DeviationCause {
  const classes = CAUSE_CLASSES.filter(([, pattern]) => pattern.test(text));
  if (classes.length === 1 && classes[0]) return classes[0][0];
  for (const [cause, words] of CAUSE_WORDS) {
    if (words.some((word) => text.includes(word))) return cause;
  }
  return '其他';
}

/** Cuts text to a schema limit, marking the cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function deviationOf(progress: PrintedProgress): {
  deviation: Deviation | null;
  unclearLikelihood: string | null;
} {
  const expectedValue = printed(progress.expectedValue);
  const likelihoodText = printed(progress.likelihood);
  const causeText = printed(progress.cause);
  const measure = printed(progress.measure);
  const likelihood = likelihoodOf(likelihoodText);
  const unclearLikelihood = likelihoodText !== null && likelihood === null ? likelihoodText : null;
  // The printed cause is kept whole as the note: the enum says which kind, the text says what happened.
  const notes = [causeText, unclearLikelihood === null ? null : `完成目标可能性：${unclearLikelihood}`];
  const causeNote = notes.filter((n) => n !== null).join('；');
  if (expectedValue === null && likelihoodText === null && causeText === null && measure === null) {
    return { deviation: null, unclearLikelihood };
  }
  return {
    deviation: {
      cause: causeText === null ? null : causeOf(causeText),
      causeNote: causeNote === '' ? null : clip(causeNote, 2000),
      expectedValue: expectedValue === null ? null : clip(expectedValue, 200),
      likelihood,
      measure: measure === null ? null : clip(measure, 2000),
    },
    unclearLikelihood,
  };
}

function progressOf(
  index: number,
  progress: PrintedProgress,
  target: Indicator,
): { line: IndicatorProgress; unclear: string | null } {
  const value = printed(progress.value);
  const { deviation, unclearLikelihood } = deviationOf(progress);
  // A long description of progress does not fit the value field, and a target that is not a number is
  // judged (达成/部分达成/未达成) rather than given a value: there the printed text is the note the
  // author's judgement starts from.
  const judged = target.target.kind !== 'quantitative' && target.target.kind !== 'date';
  const toNote = value !== null && (value.length > 200 || judged);
  return {
    line: {
      index,
      value: value === null ? null : clip(value, 200),
      note: toNote ? clip(value, 2000) : null,
      deviation,
    },
    unclear: unclearLikelihood,
  };
}

function levelsOf(indicator: Indicator): string {
  return [indicator.level1, indicator.level2].filter((l) => l !== null && l.trim() !== '').join(' / ');
}

/**
 * The monitoring report an imported 绩效运行监控表 gives for the stored table it belongs to: each printed
 * row's progress on the matching stored indicator (printed value kept as text, likelihood and cause mapped
 * to their enums), the budget (annual as printed, else the stored 当年预算; executed as printed), and
 * located zh/en problems: rows matching no indicator, indicators the form leaves out, a missing month.
 * `cutOffMonth` chosen by the user overrides the printed one; without either the report is null.
 */
export function monitoringReportFromImport(
  imported: PerformanceTable,
  stored: PerformanceTable,
  options: { cutOffMonth?: number | null } = {},
): MonitoringImport {
  const problems: MonitoringNote[] = [];
  const cutOffMonth = options.cutOffMonth ?? imported.monitoring?.cutOffMonth ?? null;
  if (cutOffMonth === null) {
    problems.push({
      code: 'monitoring_import.month_missing',
      severity: 'error',
      zh: '监控表没有印出截至月份（1–m 月），请选择监控月份。',
      en: 'The form does not print its cut-off month (January to month m): choose the month.',
      path: 'monitoring.cutOffMonth',
    });
  }
  const pairs = matchIndicators(imported.indicators, stored.indicators);
  const matchedImported = new Set(pairs.map((p) => p.imported));
  const matchedStored = new Set(pairs.map((p) => p.stored));
  imported.indicators.forEach((row, i) => {
    if (matchedImported.has(i)) return;
    const levels = levelsOf(row);
    problems.push({
      code: 'monitoring_import.indicator_unmatched',
      severity: 'warning',
      zh: `监控表第 ${i + 1} 个指标“${row.name}”${levels ? `（${levels}）` : ''}在目标表中没有同名指标，其进度未导入。`,
      en: `Indicator ${i + 1} of the form, "${row.name}"${levels ? ` (${levels})` : ''}, has no indicator of that name in the target table: its progress was not imported.`,
      path: `indicators.${i}`,
    });
  });
  stored.indicators.forEach((indicator, j) => {
    if (matchedStored.has(j)) return;
    problems.push({
      code: 'monitoring_import.indicator_not_reported',
      severity: 'warning',
      zh: `目标表的指标“${indicator.name}”在监控表中没有填报，请在监控记录中补填。`,
      en: `The form does not report the table's indicator "${indicator.name}": complete it in the monitoring record.`,
      path: `report.indicators.${j}`,
    });
  });
  const lines: IndicatorProgress[] = [];
  for (const pair of pairs) {
    const row = imported.indicators[pair.imported];
    const target = stored.indicators[pair.stored];
    if (!row || !target) continue;
    if (!pair.exact) {
      problems.push({
        code: 'monitoring_import.indicator_similar',
        severity: 'hint',
        zh: `监控表指标“${row.name}”按相近名称对应到目标表指标“${target.name}”，请核对。`,
        en: `The form's indicator "${row.name}" was matched to the table's "${target.name}" by a similar name: check it.`,
        path: `indicators.${pair.imported}`,
      });
    }
    if (!row.progress) continue;
    const { line, unclear } = progressOf(pair.stored, row.progress, target);
    lines.push(line);
    if (unclear !== null) {
      problems.push({
        code: 'monitoring_import.likelihood_unclear',
        severity: 'warning',
        zh: `“${row.name}”的完成目标可能性“${unclear}”不是 确定能/有可能/完全不可能，已记入偏差说明，请选择。`,
        en: `The likelihood "${unclear}" of "${row.name}" is none of certain/possible/impossible: it was kept in the cause note; choose one.`,
        path: `indicators.${pair.imported}.progress.likelihood`,
      });
    }
  }
  lines.sort((a, b) => a.index - b.index);
  const printedAnnual = imported.budget.currentYear ?? imported.budget.adjusted ?? null;
  const report =
    cutOffMonth === null
      ? null
      : monitoringReportSchema.parse({
          cutOffMonth,
          budget: {
            annual: printedAnnual ?? stored.budget.currentYear ?? null,
            executed: imported.monitoring?.executed ?? null,
          },
          indicators: lines,
        });
  return {
    report,
    matches: pairs.map(({ imported: i, stored: j }) => ({ imported: i, stored: j })),
    problems,
  };
}
