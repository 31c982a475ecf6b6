import { type MoneyUnit, parseAmount } from '@jixiao/core/money/money';
import type { Budget } from '@jixiao/core/tables/table.schema';
import { cutsOf } from './digit-runs.ts';
import { plausibleExecutionWeight } from './fields.ts';

/**
 * The budget-execution row of a self-evaluation whose cells were run together (text of a flattened PDF:
 * `预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1010100%20`). The figures' boundaries are
 * lost, but the form states how they relate: the rate is what was spent over the budget, and the score is
 * the execution weight times the rate. The one way to cut the run of digits that satisfies both is the
 * reading; a run that several cuts satisfy is left unread.
 */

type Column = 'initial' | 'adjusted' | 'executed' | 'weight';

// The captions of the execution table, in the order printed; 执行率 ends the money and the weight.
const CAPTION =
  /(年初预算数?)|(全年预算数?|调整后的?预算数?|预算数)|(全年(?:实际)?执行数|预算执行数|实际执行数|执行数)|(分值|权重)|(执行率)/g;
// The data row: its label, the digits up to the rate's %, then the score.
const ROW = /(?:年度|本年)?(?:财政)?资金总额[:：]?([\d.]{2,40})%(\d{1,3}(?:\.\d{1,2})?)?/;

export interface GluedExecution {
  budget: Pick<Budget, 'initial' | 'adjusted' | 'executed' | 'executionScore' | 'executionWeight'>;
}

/** Reads the execution row of a run-together self-evaluation line, or null when it cannot be cut one way. */
export function readGluedExecution(line: string, unit: MoneyUnit): GluedExecution | null {
  const block = line.indexOf('预算执行情况');
  if (block < 0) return null;
  const row = ROW.exec(line.slice(block, block + 400));
  if (!row?.[1]) return null;
  const captions = line.slice(block, block + (row.index ?? 0));
  const columns: Column[] = [];
  for (const m of captions.matchAll(CAPTION)) {
    if (m[5]) break;
    const column: Column = m[1] ? 'initial' : m[2] ? 'adjusted' : m[3] ? 'executed' : 'weight';
    if (!columns.includes(column)) columns.push(column);
  }
  if (!columns.includes('adjusted') || !columns.includes('executed')) return null;
  // The execution weight is a column, or printed in the block's caption (`(20分)`, `得分(20分*执行率)`).
  const printedWeight = /[(（](\d{1,2})分/.exec(captions)?.[1];
  const score = row[2] === undefined ? null : Number(row[2]);
  const cuts = cutsOf(row[1], columns.length + 1).filter((pieces) => {
    const value = (c: Column) => pieces[columns.indexOf(c)] ?? Number.NaN;
    const rate = pieces[columns.length] ?? Number.NaN;
    const adjusted = value('adjusted');
    if (!(adjusted > 0) || Math.abs((value('executed') / adjusted) * 100 - rate) > 0.5) return false;
    const weight = columns.includes('weight') ? value('weight') : Number(printedWeight);
    if (score === null || !Number.isFinite(weight)) return true;
    return Math.abs((weight * Math.min(rate, 100)) / 100 - score) <= 0.05;
  });
  const [cut] = cuts;
  if (cut === undefined || cuts.some((c) => c.some((v, n) => v !== cut[n]))) return null;
  const budget: GluedExecution['budget'] = {};
  columns.forEach((column, n) => {
    if (column !== 'weight') budget[column] = parseAmount(String(cut[n]), unit)?.yuan ?? null;
  });
  if (score !== null) budget.executionScore = score;
  const weight = columns.includes('weight') ? cut[columns.indexOf('weight')] : Number(printedWeight);
  if (weight !== undefined && plausibleExecutionWeight(weight, score)) budget.executionWeight = weight;
  return { budget };
}
