/**
 * `npm run eval:score [corpus-dir] [--json]`: re-scores the self-evaluation forms of the labelled corpus
 * (from the hand labels and from what `parseFile` reads out of the same documents) with the national
 * scheme and reports, per document and row, where Jixiao's score differs from the printed one and why:
 * missing data, a printed arithmetic error, contradicting budget rows, or a different local scheme.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { categoryOf, scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import type { GradeBand, ScoringCategory, ScoringScheme } from '@jixiao/core/scoring/scoring-scheme.schema';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import {
  type IndicatorActualInput,
  type SelfEvaluationScore,
  selfEvaluationEntrySchema,
} from '@jixiao/core/scoring/self-evaluation.schema';
import {
  type Indicator,
  type PerformanceTable,
  performanceTableSchema,
} from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { parseFile } from '../parse-file.ts';

export type DifferenceCode =
  | 'score.not_printed'
  | 'score.missing_actual'
  | 'score.missing_target'
  | 'score.arithmetic'
  | 'score.out_of_band'
  | 'budget.contradiction'
  | 'scheme.local_weights'
  | 'document.truncated';

export interface Difference {
  code: DifferenceCode;
  zh: string;
  en: string;
}

export interface RowComparison {
  index: number;
  name: string;
  weight: number;
  printed: number | null;
  jixiao: number;
  formula: string;
  difference: Difference | null;
}

export interface ScoreComparison {
  id: string;
  source: 'label' | 'import';
  project: string;
  region: string | null;
  rows: RowComparison[];
  execution: { printed: number | null; jixiao: number; formula: string; difference: Difference | null };
  printedTotal: number | null;
  jixiaoTotal: number;
  grade: string;
  /** Document-level reasons (scheme, truncation, budget rows). */
  notes: Difference[];
}

/** Printed input of one document: the table as read plus what the form printed beside it. */
interface PrintedForm {
  table: PerformanceTable;
  printedExecution: number | null;
  printedTotal: number | null;
  /** A second reading of the budget when its rows contradict each other (本年财政拨款 vs 年度资金总额). */
  alternativeBudget: { adjusted: number; executed: number } | null;
  truncated: boolean;
  region: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The table a hand label describes (targets re-read from their printed text). */
function fromLabel(label: Json): PrintedForm {
  const budget = obj(label.budget);
  const totalRow = obj(budget.total_row);
  const appropriation = obj(budget.current_year_appropriation);
  const adjusted = num(obj(budget.adjusted).yuan) ?? num(totalRow.full_year_yuan);
  const executed = num(obj(budget.executed).yuan) ?? num(totalRow.executed_yuan);
  const altAdjusted = num(appropriation.full_year_yuan);
  const altExecuted = num(appropriation.executed_yuan);
  const indicators = (Array.isArray(label.indicators) ? label.indicators : []).map((raw): Indicator => {
    const i = obj(raw);
    const target = (str(i.target) ?? '').replace(/\s*\|\s*/g, '');
    return {
      level1: str(i.level1),
      level2: str(i.level2),
      name: str(i.level3) ?? '',
      target: parseTarget(target),
      weight: num(i.weight),
      actual: str(i.actual),
      score: num(i.score),
    };
  });
  const table = performanceTableSchema.parse({
    kind: 'self-evaluation',
    year: num(label.year) ?? 2000,
    unit: str(label.unit) ?? '?',
    name: str(label.project) ?? '?',
    budget: { adjusted, executed },
    indicators,
  });
  const printedExecution = num(budget.execution_score) ?? num(totalRow.score);
  return {
    table,
    printedExecution,
    printedTotal: num(obj(label.totals).score_total),
    alternativeBudget:
      altAdjusted !== null && altExecuted !== null && (altAdjusted !== adjusted || altExecuted !== executed)
        ? { adjusted: altAdjusted, executed: altExecuted }
        : null,
    truncated: label.truncated === true,
    region: str(label.region),
  };
}

/** The band a printed actual claims (`达成预期指标`, `部分完成`, `未完成`). */
function bandOfText(text: string | null | undefined): GradeBand | null {
  if (!text) return null;
  if (/未达成|未完成|没有完成/.test(text)) return '未达成';
  if (/部分|基本/.test(text)) return '部分达成';
  if (/达成|达到|完成|符合|明显|良好|是/.test(text)) return '达成';
  return null;
}

/** The band whose range holds a printed score, best band first. */
function bandOfScore(score: number, weight: number, scheme: ScoringScheme): GradeBand | null {
  for (const band of ['达成', '部分达成', '未达成'] as const) {
    const b = scheme.qualitativeBands[band];
    if (score >= b.min * weight - 1e-9 && score <= b.max * weight + 1e-9) return band;
  }
  return null;
}

function sameScore(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) < 0.005;
}

/** Re-scores one printed form and explains every difference from the printed scores. */
export function compareForm(
  id: string,
  source: 'label' | 'import',
  form: PrintedForm,
  scheme: ScoringScheme,
) {
  const { table } = form;
  const notes: Difference[] = [];
  const rowNotes = new Map<number, Difference>();
  // Jixiao cannot decide some rows by arithmetic (qualitative, no target, no actual): there the
  // printed score stands for the reviewer's grade when it fits a band, so the totals stay comparable.
  const actuals: IndicatorActualInput[] = table.indicators.map((indicator, index) => {
    const printed = indicator.score ?? null;
    const weight = indicator.weight ?? 0;
    const arithmetic =
      (indicator.target.kind === 'quantitative' || indicator.target.kind === 'date') &&
      !!indicator.actual?.trim() &&
      parseTarget(indicator.actual).kind !== 'qualitative';
    if (arithmetic || printed === null) return { index, actual: indicator.actual ?? null };
    const claimed = indicator.target.kind === 'qualitative' ? bandOfText(indicator.actual) : null;
    const fitting = bandOfScore(printed, weight, scheme);
    if (claimed && fitting !== claimed && bandOfScore(printed, weight, scheme) !== claimed) {
      const band = scheme.qualitativeBands[claimed];
      if (printed < band.min * weight - 1e-9 || printed > band.max * weight + 1e-9) {
        rowNotes.set(index, {
          code: 'score.out_of_band',
          zh: `完成情况为“${claimed}”，但印刷得分 ${printed} 不在该档（${band.min * weight}–${band.max * weight} 分）内`,
          en: `Marked "${claimed}" but the printed ${printed} lies outside that band (${band.min * weight}–${band.max * weight})`,
        });
      }
    }
    if (!fitting) return { index, actual: indicator.actual ?? null };
    return { index, actual: indicator.actual ?? null, grade: { band: fitting, score: printed } };
  });
  const entry = selfEvaluationEntrySchema.parse({
    budget: { adjusted: table.budget.adjusted ?? null, executed: table.budget.executed ?? null },
    indicators: actuals,
  });
  const result: SelfEvaluationScore = scoreSelfEvaluation(table, entry, scheme);

  const rows: RowComparison[] = result.indicators.map((line, index) => {
    const indicator = table.indicators[index] as Indicator;
    const printed = indicator.score ?? null;
    let difference: Difference | null = rowNotes.get(index) ?? null;
    const missingTarget = indicator.target.kind === 'missing' || indicator.target.kind === 'placeholder';
    const missingActual = !indicator.actual?.trim();
    if (!difference && printed === null) {
      difference = {
        code: 'score.not_printed',
        zh: missingActual ? '表上未填完成值和得分（空白自评表）' : '表上未填得分',
        en: missingActual ? 'No actual and no score printed (an unfilled form)' : 'No score printed',
      };
    } else if (!difference && missingTarget) {
      difference = {
        code: 'score.missing_target',
        zh: `缺少年度指标值${missingActual ? '和完成值' : ''}：无法复核，印刷得分 ${printed} 按审核评分采用`,
        en: `No annual target${missingActual ? ' and no actual' : ''}: cannot be re-derived; the printed ${printed} is taken as the reviewer's grade`,
      };
    } else if (!difference && missingActual) {
      difference = {
        code: 'score.missing_actual',
        zh: `缺少完成值：无法复核，印刷得分 ${printed}`,
        en: `No actual value: cannot be re-derived (printed ${printed})`,
      };
    } else if (!difference && !sameScore(printed, line.score)) {
      difference = {
        code: 'score.arithmetic',
        zh: `印刷得分 ${printed}，按公式应为 ${line.score}（${line.explanation.formula}）`,
        en: `Printed ${printed}; the formula gives ${line.score} (${line.explanation.formula})`,
      };
    }
    return {
      index,
      name: indicator.name,
      weight: line.weight,
      printed,
      jixiao: line.score,
      formula: line.explanation.formula,
      difference,
    };
  });

  let executionDifference: Difference | null = null;
  if (form.alternativeBudget) {
    const alt = scoreSelfEvaluation(
      table,
      selfEvaluationEntrySchema.parse({ ...entry, budget: form.alternativeBudget }),
      scheme,
    );
    executionDifference = {
      code: 'budget.contradiction',
      zh: `预算行互相矛盾：合计行为 ${table.budget.adjusted ?? '空'}/${table.budget.executed ?? '空'} 元，本年财政拨款行为 ${form.alternativeBudget.adjusted}/${form.alternativeBudget.executed} 元，按后者应得 ${alt.execution.score} 分`,
      en: `Budget rows contradict: the total row says ${table.budget.adjusted ?? '–'}/${table.budget.executed ?? '–'} yuan, the appropriation row ${form.alternativeBudget.adjusted}/${form.alternativeBudget.executed}; by the latter execution scores ${alt.execution.score}`,
    };
  } else if (form.printedExecution === null) {
    executionDifference = {
      code: 'score.not_printed',
      zh: '表上未填预算执行得分',
      en: 'No execution score printed',
    };
  } else if (!sameScore(form.printedExecution, result.execution.score)) {
    executionDifference = {
      code: 'score.arithmetic',
      zh: `印刷预算执行得分 ${form.printedExecution}，按公式应为 ${result.execution.score}`,
      en: `Printed execution score ${form.printedExecution}; the formula gives ${result.execution.score}`,
    };
  }

  // A different local scheme shows in how the printed weights split over the categories.
  const split: Record<ScoringCategory, number> = { output: 0, outcome: 0, satisfaction: 0 };
  for (const indicator of table.indicators) split[categoryOf(indicator, scheme)] += indicator.weight ?? 0;
  const differs = (Object.keys(split) as ScoringCategory[]).filter(
    (c) => Math.abs(split[c] - scheme.categoryWeights[c]) > 1e-9,
  );
  if (table.indicators.every((i) => typeof i.weight === 'number') && differs.length > 0) {
    const text = `${split.output}/${split.outcome}/${split.satisfaction}`;
    const national = `${scheme.categoryWeights.output}/${scheme.categoryWeights.outcome}/${scheme.categoryWeights.satisfaction}`;
    if (form.truncated) {
      notes.push({
        code: 'document.truncated',
        zh: `文件不完整：产出/效益/满意度分值为 ${text}（全国默认 ${national}），缺失的行未计入`,
        en: `The document is cut off: weights ${text} over output/outcome/satisfaction (national ${national}); lost rows are not scored`,
      });
    } else {
      notes.push({
        code: 'scheme.local_weights',
        zh: `本地评分办法：产出/效益/满意度分值为 ${text}，不同于全国默认 ${national}；按表上分值计分`,
        en: `Local scheme: weights ${text} over output/outcome/satisfaction instead of the national ${national}; scored with the printed weights`,
      });
    }
  }

  const printedScores = rows.map((r) => r.printed);
  const printedTotal =
    form.printedTotal ??
    (printedScores.every((p) => p !== null) && form.printedExecution !== null
      ? printedScores.reduce<number>((s, p) => s + (p ?? 0), form.printedExecution)
      : null);
  return {
    id,
    source,
    project: table.name,
    region: form.region,
    rows,
    execution: {
      printed: form.printedExecution,
      jixiao: result.execution.score,
      formula: result.execution.explanation.formula,
      difference: executionDifference,
    },
    printedTotal,
    jixiaoTotal: result.total,
    grade: result.grade,
    notes,
  } satisfies ScoreComparison;
}

/** Self-evaluation labels of a corpus folder: `dev/NN.json` (and `test/`) with `kind: self-evaluation`. */
export function loadSelfEvaluations(corpusDir: string): { id: string; label: Json; file: string }[] {
  const found: { id: string; label: Json; file: string }[] = [];
  for (const set of ['dev', 'test', 'holdout']) {
    const dir = path.join(corpusDir, set);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const label = obj(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
      if (label.kind !== 'self-evaluation') continue;
      const base = name.slice(0, -5);
      const source = readdirSync(dir).find((f) => f.startsWith(`${base}.`) && !f.endsWith('.json'));
      if (source) found.push({ id: `${set}/${base}`, label, file: path.join(dir, source) });
    }
  }
  return found;
}

/** Compares every self-evaluation of the corpus, from its label and from the importer's reading. */
export async function evaluateScores(corpusDir: string, schemeId?: string): Promise<ScoreComparison[]> {
  const scheme = getScoringScheme(schemeId);
  const out: ScoreComparison[] = [];
  for (const doc of loadSelfEvaluations(corpusDir)) {
    const labelled = fromLabel(doc.label);
    out.push(compareForm(doc.id, 'label', labelled, scheme));
    const parsed = await parseFile({ name: path.basename(doc.file), bytes: readFileSync(doc.file) });
    const table = parsed.tables.find((t) => t.kind === 'self-evaluation') ?? parsed.tables[0];
    if (table) {
      out.push(
        compareForm(
          doc.id,
          'import',
          {
            ...labelled,
            table,
            printedExecution: table.budget.executionScore ?? null,
            // Only what the importer read counts here: the label's printed total does not.
            printedTotal: null,
            // The importer keeps one budget reading; the label's second reading still applies.
            alternativeBudget: labelled.alternativeBudget,
            truncated: table.incomplete || labelled.truncated,
          },
          scheme,
        ),
      );
    }
  }
  return out;
}

function fmt(n: number | null): string {
  return n === null ? '—' : String(Number(n.toFixed(2)));
}

/** The report as text, one block per document and source. */
export function formatScoreReport(comparisons: ScoreComparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    out.push(
      `${c.id} [${c.source === 'label' ? '标注 label' : '导入 import'}] ${c.project}${c.region ? ` (${c.region})` : ''}`,
    );
    out.push(
      `  总分 total: 印刷 printed ${fmt(c.printedTotal)} · Jixiao ${fmt(c.jixiaoTotal)} (${c.grade})` +
        `  · 预算执行 execution: 印刷 ${fmt(c.execution.printed)} · Jixiao ${fmt(c.execution.jixiao)} = ${c.execution.formula}`,
    );
    if (c.execution.difference)
      out.push(
        `    预算执行 ${c.execution.difference.code}: ${c.execution.difference.zh} / ${c.execution.difference.en}`,
      );
    for (const r of c.rows) {
      // = same and re-derived; ~ could not be re-derived (missing data); ≠ Jixiao gives another score.
      const mark = !r.difference ? '=' : sameScore(r.printed, r.jixiao) ? '~' : '≠';
      out.push(
        `  ${mark} ${String(r.index + 1).padStart(2)} ${r.name}: 分值 ${fmt(r.weight)} · 印刷 ${fmt(r.printed)} · Jixiao ${fmt(r.jixiao)}`,
      );
      if (r.difference) out.push(`       ${r.difference.code}: ${r.difference.zh} / ${r.difference.en}`);
    }
    for (const n of c.notes) out.push(`  ! ${n.code}: ${n.zh} / ${n.en}`);
  }
  const rows = comparisons.flatMap((c) => c.rows);
  const byCode = new Map<string, number>();
  for (const r of rows) {
    const code = r.difference?.code ?? 'same';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  out.push('');
  out.push(
    `${comparisons.length} 份 forms, ${rows.length} 行 rows: ${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dir =
    args.find((a) => !a.startsWith('-')) ??
    process.env.JIXIAO_CORPUS ??
    path.resolve(import.meta.dirname, '../../../../../shared/corpus');
  if (!existsSync(dir)) {
    process.stderr.write(`语料目录不存在 / corpus folder not found: ${dir}\n`);
    process.exit(2);
  }
  const comparisons = await evaluateScores(dir);
  process.stdout.write(
    args.includes('--json')
      ? `${JSON.stringify(comparisons, null, 2)}\n`
      : `${formatScoreReport(comparisons)}\n`,
  );
}
