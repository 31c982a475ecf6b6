import { parseAmount } from '@jixiao/core/money/money';
import type { Budget, Warning } from '@jixiao/core/tables/table.schema';

// The project's money as a notice or 公示 words it: `…的通知》资金50万元,实施…`, `涉及资金203万元`,
// `安排补助资金35万元`, `项目总投资120万元`. Only amounts written right after 资金/投资 count: figures in
// targets (`产值≥80万元`) and in other sentences are not the project's money. The white space around
// 为/是/: is `\s*(?:[…]\s*)?`, not `\s*[…]?\s*`, whose two runs could split a long run of spaces in
// every way (its square in steps) before failing.
const PROSE_AMOUNT =
  /(?:资金|投资)(?:共计|合计|总额|总计|规模|总量)?\s*(?:[为是:：]\s*)?(\d{1,9}(?:,\d{3})*(?:\.\d+)?)\s*(万元|元)/g;

/**
 * The year's budget of a form that prints no money table, read from its running text when the text
 * names exactly one such amount (several — an allocation and its parts — are ambiguous: none is taken).
 * Fills only an empty budget, and says so.
 */
export function readProseBudget(budget: Budget, text: string): Warning | null {
  if (budget.currentYear != null || budget.total != null) return null;
  const amounts = new Map<number, string>();
  for (const m of text.matchAll(PROSE_AMOUNT)) {
    const yuan = m[1] && m[2] ? (parseAmount(m[1], m[2] === '万元' ? '万元' : '元')?.yuan ?? null) : null;
    if (yuan !== null && yuan > 0) amounts.set(yuan, m[0]);
  }
  if (amounts.size !== 1) return null;
  const [[yuan, printed]] = [...amounts] as [[number, string]];
  budget.currentYear = yuan;
  return {
    code: 'import.budget_from_text',
    zh: `表中没有预算金额：本年预算取自正文“${printed}”，请核对`,
    en: `The form prints no budget table: this year's budget was taken from the text "${printed}"; please check`,
    path: 'budget.currentYear',
  };
}
