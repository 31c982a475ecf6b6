/**
 * `npm run eval:score [--json] [--show-test]`: imports every labelled self-evaluation (the shared dev
 * documents and the grown corpus's train and test splits), keeps what the unit printed as its claim
 * and re-scores it with the rules. Per row it prints the printed score (hand label), the claim as
 * imported, the rule's score, the difference and its cause; per document the totals. A document that
 * fails prints its located reason and the run goes on. The test split prints figures only (rules are
 * written against dev and train), unless `--show-test`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '@jixiao/core/errors/app-error';
import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { readPrintedTotal } from '@jixiao/core/scoring/printed-total';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import type {
  ClaimCause,
  ClaimComparison,
  ClaimLine,
} from '@jixiao/core/scoring/self-evaluation-claim.schema';
import {
  type Indicator,
  type PerformanceTable,
  performanceTableSchema,
} from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { searchKey } from '@jixiao/core/text/search-key';
import { parseFile } from '../parse-file.ts';

export type Split = 'dev' | 'train' | 'test';

/** One indicator row: the hand label's printed score beside the claim as imported and the rule. */
export interface RowReport {
  index: number;
  name: string;
  /** 得分 as printed (hand label); undefined when the row has no labelled counterpart. */
  printed: number | null | undefined;
  weight: number | null;
  claimed: number | null;
  rule: number;
  difference: number | null;
  cause: ClaimCause | null;
  zh: string;
  en: string;
  /** The printed score follows the rule (read from the hand label and scored the same way). */
  labelConsistent: boolean;
}

export interface Failure {
  stage: 'label' | 'import';
  code: string;
  zh: string;
  en: string;
  path?: string | undefined;
}

export interface DocumentReport {
  id: string;
  split: Split;
  file: string;
  project: string;
  region: string | null;
  schemeId: string | null;
  rows: RowReport[];
  execution: { printed: number | null; line: ClaimLine | null };
  total: {
    printed: number | null;
    claimed: number | null;
    rule: number | null;
    gap: number | null;
    /** The printed total equals the printed rows' sum and the rule's total (from the label). */
    labelConsistent: boolean;
  };
  notes: ClaimComparison['notes'];
  failures: Failure[];
  /** Rows of the hand label whose printed score follows the rule, imported or not. */
  labelConsistentRows: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The table a hand label describes (targets re-read from their printed text). */
/**
 * The label's target as the rules read it: its printed text, or, where that text holds cells the grammar
 * does not read as one target (`>= | 98 | %(百分比)` with the unit column's gloss), the operator, value and
 * unit the label gives for it.
 */
function labelTarget(printed: string, row: Json): Indicator['target'] {
  const parsed = parseTarget(printed);
  const value = num(row.value);
  if (parsed.kind === 'quantitative' || value === null) return parsed;
  const operator = str(row.operator);
  const sign = operator && operator !== 'qualitative' ? operator : '';
  const structured = parseTarget(`${sign}${value}${str(row.unit) ?? ''}`);
  return structured.kind === 'quantitative' ? { ...structured, raw: printed } : parsed;
}

export function tableOfLabel(label: Json): PerformanceTable {
  const budget = obj(label.budget);
  const totalRow = obj(budget.total_row);
  const adjusted = num(obj(budget.adjusted).yuan) ?? num(totalRow.full_year_yuan);
  const executed = num(obj(budget.executed).yuan) ?? num(totalRow.executed_yuan);
  const indicators = (Array.isArray(label.indicators) ? label.indicators : []).map((raw, i): Indicator => {
    const row = obj(raw);
    const target = (str(row.target) ?? '').replace(/\s*\|\s*/g, '');
    return {
      level1: str(row.level1),
      level2: str(row.level2),
      // Some forms print rows with no level-3 name: the row keeps a place-holder, not a crash.
      name: str(row.level3)?.trim() || str(row.level2)?.trim() || `第 ${i + 1} 行`,
      target: labelTarget(target, row),
      weight: num(row.weight),
      actual: str(row.actual),
      score: num(row.score),
    };
  });
  return performanceTableSchema.parse({
    kind: 'self-evaluation',
    year: num(label.year) ?? 2000,
    unit: str(label.unit) || '?',
    name: str(label.project) || '?',
    budget: {
      adjusted,
      executed,
      executionScore: num(budget.execution_score) ?? num(totalRow.score),
    },
    indicators,
    incomplete: label.truncated === true,
  });
}

function failureOf(stage: Failure['stage'], error: unknown): Failure {
  if (error instanceof AppError) {
    return { stage, code: error.code, zh: error.zh, en: error.en, path: error.location?.path };
  }
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const issue = obj(error.issues[0]);
    const where = Array.isArray(issue.path) ? issue.path.join('.') : undefined;
    return {
      stage,
      code: 'validation',
      zh: `数据不符合格式：${str(issue.message) ?? ''}`,
      en: `Invalid data: ${str(issue.message) ?? ''}`,
      path: where,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { stage, code: 'internal', zh: message, en: message };
}

/** Scores a printed form; the claim comparison is always present since the entry carries the claim. */
function scoreForm(
  table: PerformanceTable,
  printedTotal: number | null,
  executionWeight: number | null | undefined,
) {
  const { entry, scheme } = selfEvaluationOfPrintedForm(table, { printedTotal, executionWeight });
  const score = scoreSelfEvaluation(table, entry, scheme);
  if (!score.claim) throw new Error('claim comparison missing');
  return { score, claim: score.claim, scheme };
}

/** Labelled self-evaluations: `<dir>/<NN>.json` with `kind: self-evaluation` and its source beside it. */
export function loadSelfEvaluations(dir: string, split: Split) {
  const found: { id: string; split: Split; label: Json; file: string }[] = [];
  if (!existsSync(dir)) return found;
  const names = readdirSync(dir).sort();
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const label = obj(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    if (label.kind !== 'self-evaluation') continue;
    const base = name.slice(0, -5);
    const source = names.find((f) => f.startsWith(`${base}.`) && !f.endsWith('.json'));
    if (source) found.push({ id: `${split}/${base}`, split, label, file: path.join(dir, source) });
  }
  return found;
}

// A name as search compares it, without the stop a label copies from the cell (`…发放完毕,`).
const rowKey = (name: string): string => searchKey(name).replace(/[\s,，.。;；:：、]+$/u, '');

/** Label rows by position, matched to imported rows by name (as search compares), else by position. */
function labelMatch(labelTable: PerformanceTable, imported: PerformanceTable): (number | null)[] {
  const byName = new Map<string, number[]>();
  labelTable.indicators.forEach((indicator, i) => {
    const key = rowKey(indicator.name);
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const sameCount = labelTable.indicators.length === imported.indicators.length;
  return imported.indicators.map((indicator, i) => {
    const candidates = (byName.get(rowKey(indicator.name)) ?? []).filter((k) => !used.has(k));
    const pick = candidates[0] ?? (sameCount && !used.has(i) ? i : null);
    if (pick !== null) used.add(pick);
    return pick;
  });
}

/** Imports one labelled document and compares the claim with the rules; never throws. */
export async function evaluateDocument(doc: {
  id: string;
  split: Split;
  label: Json;
  file: string;
}): Promise<DocumentReport> {
  const failures: Failure[] = [];
  const report: DocumentReport = {
    id: doc.id,
    split: doc.split,
    file: doc.file,
    project: str(doc.label.project) ?? '?',
    region: str(doc.label.region),
    schemeId: null,
    rows: [],
    execution: { printed: null, line: null },
    total: { printed: null, claimed: null, rule: null, gap: null, labelConsistent: false },
    notes: [],
    failures,
    labelConsistentRows: 0,
  };
  const budget = obj(doc.label.budget);
  const executionWeight = num(budget.execution_weight);
  const printedTotal = num(obj(doc.label.totals).score_total);
  report.total.printed = printedTotal;
  report.execution.printed = num(budget.execution_score);
  let labelTable: PerformanceTable | null = null;
  let labelClaim: ClaimComparison | null = null;
  try {
    labelTable = tableOfLabel(doc.label);
    labelClaim = scoreForm(labelTable, printedTotal, executionWeight).claim;
    report.labelConsistentRows = labelClaim.lines
      .slice(1)
      .filter((l) => l.claimed !== null && l.cause === null).length;
    report.total.labelConsistent =
      printedTotal !== null &&
      labelClaim.claimedRowsSum !== null &&
      Math.abs(labelClaim.claimedRowsSum - printedTotal) <= 0.1 &&
      labelClaim.gap !== null &&
      Math.abs(labelClaim.gap) <= 0.1;
  } catch (error) {
    failures.push(failureOf('label', error));
  }
  try {
    const parsed = await parseFile({ name: path.basename(doc.file), bytes: readFileSync(doc.file) });
    const table = parsed.tables.find((t) => t.kind === 'self-evaluation') ?? parsed.tables[0];
    if (!table) {
      throw new AppError('import.no_table', '未读出任何表格', 'No table was read', { file: doc.file });
    }
    // Only what the importer read counts here (its printed execution weight), not the label's.
    const { claim, scheme } = scoreForm(table, readPrintedTotal(parsed.sourceText), undefined);
    report.schemeId = scheme.id;
    report.project = table.name;
    const match = labelTable ? labelMatch(labelTable, table) : table.indicators.map(() => null);
    report.rows = table.indicators.map((indicator, i) => {
      const line = claim.lines[i + 1] as ClaimLine;
      const k = match[i] ?? null;
      const labelLine = k === null ? null : labelClaim?.lines[k + 1];
      return {
        index: i,
        name: indicator.name,
        printed: k === null || !labelTable ? undefined : (labelTable.indicators[k]?.score ?? null),
        weight: line.printedWeight,
        claimed: line.claimed,
        rule: line.rule,
        difference: line.difference,
        cause: line.cause,
        zh: line.zh,
        en: line.en,
        labelConsistent: !!labelLine && labelLine.claimed !== null && labelLine.cause === null,
      };
    });
    report.execution.line = claim.lines[0] ?? null;
    report.total.claimed = claim.claimedTotal;
    report.total.rule = claim.ruleTotal;
    report.total.gap = claim.gap;
    report.notes = claim.notes;
  } catch (error) {
    failures.push({ ...failureOf('import', error), path: failureOf('import', error).path ?? doc.file });
  }
  return report;
}

export interface CorpusDirs {
  dev?: string | undefined;
  grown?: string | undefined;
}

export function defaultCorpusDirs(): Required<CorpusDirs> {
  return {
    dev: process.env.JIXIAO_CORPUS
      ? path.join(process.env.JIXIAO_CORPUS, 'dev')
      : path.resolve(import.meta.dirname, '../../../../../shared/corpus/dev'),
    grown: path.resolve(import.meta.dirname, '../../fixtures/corpus'),
  };
}

/** Imports and compares every labelled self-evaluation of dev, train and test. */
export async function evaluateScores(dirs: CorpusDirs = defaultCorpusDirs()): Promise<DocumentReport[]> {
  const docs = [
    ...(dirs.dev ? loadSelfEvaluations(dirs.dev, 'dev') : []),
    ...(dirs.grown ? loadSelfEvaluations(path.join(dirs.grown, 'train'), 'train') : []),
    ...(dirs.grown ? loadSelfEvaluations(path.join(dirs.grown, 'test'), 'test') : []),
  ];
  const out: DocumentReport[] = [];
  for (const doc of docs) out.push(await evaluateDocument(doc));
  return out;
}

export interface Figures {
  documents: number;
  failed: number;
  rows: number;
  /** Rows whose printed score follows the rule (from the hand label), whether the importer read them or not. */
  consistentRows: number;
  /** … of which the imported claim and the rule's score agree within ±0.1 and with the printed score. */
  consistentEqual: number;
  /** … of which the importer produced a matching row. */
  consistentImported: number;
  /** … of which the importer did not read the printed score (the claim is missing after import). */
  consistentUnread: number;
  /** Rows that differ (or cannot be compared) and carry a cause. */
  explained: number;
  /** Rows that differ by more than ±0.1 without a cause: should be 0. */
  unexplained: number;
  consistentTotals: number;
  consistentTotalsEqual: number;
  byCause: Record<string, number>;
}

export function figuresOf(reports: readonly DocumentReport[]): Figures {
  const f: Figures = {
    documents: reports.length,
    failed: reports.filter((r) => r.failures.some((x) => x.stage === 'import')).length,
    rows: 0,
    consistentRows: 0,
    consistentEqual: 0,
    consistentImported: 0,
    consistentUnread: 0,
    explained: 0,
    unexplained: 0,
    consistentTotals: 0,
    consistentTotalsEqual: 0,
    byCause: {},
  };
  for (const r of reports) {
    for (const row of r.rows) {
      f.rows++;
      const key = row.cause ?? 'same';
      f.byCause[key] = (f.byCause[key] ?? 0) + 1;
      if (row.labelConsistent) {
        f.consistentImported++;
        if (typeof row.printed === 'number' && Math.abs(row.rule - row.printed) <= 0.1) f.consistentEqual++;
        if (row.claimed === null) f.consistentUnread++;
      }
      if (row.cause !== null) f.explained++;
      else if (row.difference !== null && Math.abs(row.difference) > 0.1) f.unexplained++;
    }
    f.consistentRows += r.labelConsistentRows;
    if (r.total.labelConsistent) {
      f.consistentTotals++;
      if (
        r.total.printed !== null &&
        r.total.rule !== null &&
        Math.abs(r.total.rule - r.total.printed) <= 0.1
      ) {
        f.consistentTotalsEqual++;
      }
    }
  }
  return f;
}

function n(value: number | null | undefined): string {
  if (value === undefined) return '·';
  if (value === null) return '—';
  return String(Number(value.toFixed(2)));
}

function signed(value: number | null): string {
  if (value === null) return '—';
  const text = n(value);
  return value > 0 ? `+${text}` : text;
}

function formatFigures(label: string, f: Figures): string {
  return [
    `${label}: ${f.documents} 份 forms (${f.failed} 导入失败 failed), ${f.rows} 行 rows`,
    `  印刷得分符合规则的行 rule-consistent printed rows: ${f.consistentRows}, 导入读出 imported ${f.consistentImported}, 导入后相等 equal after import (±0.1): ${f.consistentEqual}, 导入未读出得分 score not read by the importer: ${f.consistentUnread}`,
    `  符合规则的总分 consistent printed totals: ${f.consistentTotals}, 导入后相等 equal: ${f.consistentTotalsEqual}`,
    `  有原因 rows with a cause: ${f.explained}; 差异无原因 unexplained differences: ${f.unexplained}`,
    `  原因 causes: ${Object.entries(f.byCause)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ].join('\n');
}

/** The report as text: per document and row for dev and train, figures for every split. */
export function formatScoreReport(
  reports: readonly DocumentReport[],
  options: { showTest?: boolean } = {},
): string {
  const out: string[] = [];
  for (const r of reports) {
    if (r.split === 'test' && !options.showTest) continue;
    out.push(
      `${r.id} ${r.project}${r.region ? ` (${r.region})` : ''} · 评分办法 scheme ${r.schemeId ?? '—'}`,
    );
    for (const f of r.failures) {
      out.push(`  ✗ ${f.stage} ${f.code}${f.path ? ` @ ${f.path}` : ''}: ${f.zh} / ${f.en}`);
    }
    if (r.total.rule !== null) {
      out.push(
        `  总分 total: 印刷 printed ${n(r.total.printed)} · 导入 claimed ${n(r.total.claimed)} · 规则 rule ${n(r.total.rule)} · 差 gap ${signed(r.total.gap)}`,
      );
    }
    const e = r.execution.line;
    if (e) {
      out.push(
        `  预算执行 execution: 印刷 ${n(r.execution.printed)} · 导入 ${n(e.claimed)} · 规则 ${n(e.rule)} · 差 ${signed(e.difference)}${e.cause ? ` · ${e.cause}` : ''}`,
      );
    }
    for (const row of r.rows) {
      const mark = row.cause === null ? '=' : '≠';
      out.push(
        `  ${mark} ${String(row.index + 1).padStart(2)} ${row.name}: 分值 ${n(row.weight)} · 印刷 ${n(row.printed)} · 导入 ${n(row.claimed)} · 规则 ${n(row.rule)} · 差 ${signed(row.difference)}${row.cause ? ` · ${row.cause}` : ''}`,
      );
      if (row.cause) out.push(`       ${row.zh}`);
    }
    for (const note of r.notes) out.push(`  ! ${note.code}: ${note.zh}`);
  }
  out.push('');
  for (const split of ['dev', 'train', 'test'] as const) {
    const of = reports.filter((r) => r.split === split);
    if (of.length > 0)
      out.push(formatFigures(split === 'test' ? 'test (frozen, figures only)' : split, figuresOf(of)));
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const reports = await evaluateScores();
  process.stdout.write(
    args.includes('--json')
      ? `${JSON.stringify(
          reports.map((r) =>
            r.split === 'test' && !args.includes('--show-test') ? { ...r, rows: [], notes: [] } : r,
          ),
          null,
          2,
        )}\n`
      : `${formatScoreReport(reports, { showTest: args.includes('--show-test') })}\n`,
  );
}
