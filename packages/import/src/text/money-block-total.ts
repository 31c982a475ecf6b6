import type { Budget } from '@jixiao/core/tables/table.schema';
import { AMOUNT_CELL } from './amount-cell.ts';
import type { Token } from './tokens.ts';
import { key } from './vocabulary.ts';

/**
 * The caption of a form's money block when it is followed by a 合计 row instead of named amounts:
 * `项目资金(万元) | 合计 | 250`, `项目资金情况 | 项目资金申请(万元) | 项目 | 上年度安排资金 | 本年度申请资金`.
 */
const MONEY_BLOCK = /^(项目|专项)?资金(情况|申请|来源)?(\((万元|元)\))?$/;
const TOTAL_WORD = /^(合计|总计)$/;
// Column captions of a money block that sets last year's money beside this year's.
const PRIOR_COLUMN = /^上年(度)?(安排|预算)?(资金|数|金额)?/;
const CURRENT_COLUMN = /^(本年(度)?|当年(度)?|(19|20)\d{2}年(度)?)(申请|安排|预算|预计)?(资金|数|金额|投入)?/;
// A block caption is followed by its 合计 within a few rows; past that the 合计 is another table's.
const REACH = 16;

export interface MoneyBlockFigure {
  field: keyof Pick<Budget, 'total' | 'priorYearBudget'>;
  text: string;
  /** The caption naming the money unit, `项目资金(万元)`; null when only the form's default applies. */
  caption: string;
}

function totalAt(tokens: readonly Token[], i: number): number | null {
  const t = tokens[i];
  if (!t) return null;
  if (TOTAL_WORD.test(key(t.text))) return i + 1;
  // `合 计` spaced out into two cells.
  const next = tokens[i + 1];
  if (key(t.text) === '合' && next && key(next.text) === '计') return i + 2;
  return null;
}

/**
 * The amounts of the 合计 row under a money-block caption, each with the budget field it gives: a single
 * amount is the project's money (total); two amounts under 上年… and 本年… columns are last year's money
 * and this year's (total). Null when the block has no such row or its columns cannot be told apart.
 */
export function readMoneyBlockTotal(tokens: readonly Token[], end: number): MoneyBlockFigure[] | null {
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (!t || !MONEY_BLOCK.test(key(t.text))) continue;
    let caption = key(t.text);
    const columns: (MoneyBlockFigure['field'] | null)[] = [];
    for (let j = i + 1; j < Math.min(end, i + REACH); j++) {
      const c = tokens[j];
      if (c === null || c === undefined) continue;
      const k = key(c.text);
      if (MONEY_BLOCK.test(k) && /\((万元|元)\)/.test(k)) caption = k;
      if (PRIOR_COLUMN.test(k)) columns.push('priorYearBudget');
      else if (CURRENT_COLUMN.test(k)) columns.push('total');
      const after = totalAt(tokens, j);
      if (after === null) continue;
      const amounts: string[] = [];
      for (let a = after; a < end; a++) {
        const cell = tokens[a];
        if (cell === null || cell === undefined) break;
        if (cell.text.trim() === '') continue;
        if (!AMOUNT_CELL.test(cell.text.trim())) break;
        amounts.push(cell.text.trim());
      }
      if (amounts.length === 1 && columns.length <= 1)
        return [{ field: 'total', text: amounts[0] as string, caption }];
      if (amounts.length >= 2 && amounts.length === columns.length && columns.includes('total'))
        return amounts.flatMap((text, n) => {
          const field = columns[n];
          return field ? [{ field, text, caption }] : [];
        });
      return null;
    }
  }
  return null;
}
