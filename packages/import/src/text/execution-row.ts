import { splitWeightAndScore } from './fused-cells.ts';
import { key } from './vocabulary.ts';

/**
 * The 预算执行率 row some forms print inside the indicator table (Hebei's 自评表 ends its indicators with
 * `预算执行率 | 预算执行率 | … | 分值 | 得分`): the budget's execution line, never an indicator. Its 分值 and
 * 得分 are the execution weight and score of the budget.
 */
const EXECUTION_LABEL = /^(预算执行率|预算执行情况|资金执行率|预算资金执行率)(\(\d{1,2}分\))?$/;

export function isExecutionRowLabel(text: string): boolean {
  return EXECUTION_LABEL.test(key(text));
}

export interface ExecutionRow {
  weight: number | null;
  score: number | null;
  line: number;
}

const FIGURE = /^\d{1,3}(?:\.\d+)?$/;

/**
 * The execution figures of the row whose cells after its labels are `values`, as the table's columns
 * place them (`placed` gives each value's column, by the same alignment as an indicator row's).
 * A weight is kept only where a scheme could give it (1–30 of 100) and a score only up to its weight.
 */
export function executionRowFigures(
  values: readonly string[],
  placed: ReadonlyMap<number, string>,
  line: number,
): ExecutionRow {
  let weight: number | null = null;
  let score: number | null = null;
  let run: string | null = null;
  placed.forEach((role, n) => {
    const text = (values[n] ?? '').trim().replace(/分$/, '');
    if (role !== 'weight' && role !== 'score') return;
    // 分值 and 得分 run together (`2019` = 20 | 19), in either column, as in an indicator row.
    if (!FIGURE.test(text)) {
      if (/^\d[\d.]*$/.test(text)) run = text;
      return;
    }
    if (role === 'weight') weight = Number(text);
    else score = Number(text);
  });
  const fused = run !== null && weight === null && score === null ? splitWeightAndScore(run) : null;
  if (fused !== null) ({ weight, score } = fused);
  if (weight !== null && !(weight >= 1 && weight <= 30)) weight = null;
  if (score !== null && weight !== null && score > weight) score = null;
  return { weight, score, line };
}
