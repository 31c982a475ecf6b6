import type { PerformanceTable } from '../tables/table.schema.ts';
import type { ScoringScheme } from './scoring-scheme.schema.ts';
import { detectScoringScheme, getScoringScheme } from './scoring-schemes.ts';
import { type SelfEvaluationEntry, selfEvaluationEntrySchema } from './self-evaluation.schema.ts';
import type { SelfEvaluationClaim } from './self-evaluation-claim.schema.ts';

export interface PrintedFormOptions {
  /** 总分 as printed, when the reader found it. */
  printedTotal?: number | null | undefined;
  /** 预算执行率 分值 as printed; the table's printed one (`budget.executionWeight`) when not given. */
  executionWeight?: number | null | undefined;
  /** A scheme the user chose; else the one the printed weights tell. */
  schemeId?: string | undefined;
  importId?: string | null | undefined;
  fileName?: string | null | undefined;
  /** Printed weights per row when the form was re-laid onto another table (printedFormOnTable). */
  printedWeights?: readonly (number | null)[] | undefined;
}

/** The unit's claim on a filled 自评表 as imported: per row its printed weight, actual and score. */
export function claimOfPrintedForm(
  table: PerformanceTable,
  options: PrintedFormOptions = {},
): SelfEvaluationClaim {
  return {
    source: 'import',
    importId: options.importId ?? null,
    fileName: options.fileName ?? null,
    rows: table.indicators.map((indicator, index) => ({
      index,
      weight: options.printedWeights
        ? (options.printedWeights[index] ?? null)
        : typeof indicator.weight === 'number'
          ? indicator.weight
          : null,
      actual: indicator.actual ?? null,
      score: typeof indicator.score === 'number' ? indicator.score : null,
    })),
    executionWeight:
      options.executionWeight === undefined
        ? (table.budget.executionWeight ?? null)
        : options.executionWeight,
    executionScore: table.budget.executionScore ?? null,
    total: options.printedTotal ?? null,
  };
}

/**
 * The self-evaluation a filled 自评表 describes: the printed actuals and budget as the entry, the
 * printed weights and scores as the unit's claim, scored with the chosen scheme or the one its
 * printed weights tell (execution 10 / indicators 90, or 20 / 80).
 */
export function selfEvaluationOfPrintedForm(
  table: PerformanceTable,
  options: PrintedFormOptions = {},
): { entry: SelfEvaluationEntry; scheme: ScoringScheme } {
  const claim = claimOfPrintedForm(table, options);
  const scheme =
    options.schemeId === undefined
      ? detectScoringScheme({
          executionWeight: claim.executionWeight,
          executionScore: claim.executionScore,
          rowWeights: claim.rows.map((r) => r.weight),
        })
      : getScoringScheme(options.schemeId);
  const entry = selfEvaluationEntrySchema.parse({
    schemeId: scheme.id,
    budget: { adjusted: table.budget.adjusted ?? null, executed: table.budget.executed ?? null },
    indicators: table.indicators.map((indicator, index) => ({
      index,
      actual: indicator.actual?.slice(0, 200) ?? null,
      reason: indicator.deviationReason?.slice(0, 2000) ?? null,
    })),
    claim,
  });
  return { entry, scheme };
}

/** A row of a filled form that matches no indicator of the table it goes into. */
export interface UnmatchedRow {
  index: number;
  name: string;
}

const key = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

/**
 * The filled form re-laid onto the indicators of `table` (the approved target table it reports on):
 * per indicator the form's row of the same name (as search compares names), else the row at the same
 * position when both list as many rows. The indicators keep the table's targets and weights; the
 * form's printed weight, actual and score go with them. Rows of the form matching none are returned.
 */
export function printedFormOnTable(
  form: PerformanceTable,
  table: PerformanceTable,
): { form: PerformanceTable; printedWeights: (number | null)[]; unmatched: UnmatchedRow[] } {
  const byName = new Map<string, number[]>();
  form.indicators.forEach((row, i) => {
    const k = key(row.name);
    byName.set(k, [...(byName.get(k) ?? []), i]);
  });
  const used = new Set<number>();
  const sameCount = form.indicators.length === table.indicators.length;
  const picks = table.indicators.map((indicator, i) => {
    const named = (byName.get(key(indicator.name)) ?? []).find((k) => !used.has(k));
    const pick = named ?? (sameCount && !used.has(i) ? i : undefined);
    if (pick !== undefined) used.add(pick);
    return pick;
  });
  const indicators = table.indicators.map((indicator, i) => {
    const row = picks[i] === undefined ? undefined : form.indicators[picks[i]];
    return {
      ...indicator,
      actual: row?.actual ?? null,
      score: row?.score ?? null,
      deviationReason: row?.deviationReason ?? null,
    };
  });
  return {
    form: { ...form, indicators },
    printedWeights: picks.map((p) => (p === undefined ? null : (form.indicators[p]?.weight ?? null))),
    unmatched: form.indicators.flatMap((row, index) => (used.has(index) ? [] : [{ index, name: row.name }])),
  };
}
