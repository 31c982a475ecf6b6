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

// `预算执行率100%`, `执行率为98.67%`: the rate a report states, in a sentence that names what was spent.
const PROSE_RATE = /执行率\s*(?:为|达到?|是|[:：])?\s*(\d{1,3}(?:\.\d+)?)\s*%/g;
// An amount as a report writes it: `16.20万元`, `30075万元`, `1,200元`.
const PROSE_MONEY = /(\d{1,9}(?:,\d{3})*(?:\.\d+)?)\s*(万元|元|萬元|万)/g;
// The words a report puts before the budget it measures spending against.
const BUDGET_WORDS = /预算|資金總額|资金总额|下达|安排|预算数/;

// How many stated rates are tried, and how far before a rate its amounts are looked for.
const RATES_TRIED = 4;
const REACH = 2000;

function yuanOf(figure: string, unit: string): number | null {
  return parseAmount(figure, unit === '元' ? '元' : '万元')?.yuan ?? null;
}

/**
 * The year's budget and what was spent, as a self-evaluation report states them in its text (`项目财政资金总额
 * 16.20万元,…拨付使用16.20万元,预算执行率100%`; `经费预算数30075万元…执行总量29675万元,预算执行率为98.67%`): the
 * amount just before a stated execution rate, in its sentence, is what was spent; the budget is the nearest
 * amount before it, after a budget word, that the rate makes it a share of (within 0.6 points). A rate no
 * amount of the text explains gives nothing. Fills only a budget with neither figure, and says so.
 */
export function readProseExecution(budget: Budget, text: string): Warning | null {
  if (budget.adjusted != null || budget.executed != null || !text.includes('执行率')) return null;
  let tried = 0;
  for (const rateMatch of text.matchAll(PROSE_RATE)) {
    // A report states its rate once or twice: a text with many is no report, and each rate rereads the
    // text before it.
    if (++tried > RATES_TRIED) break;
    const rate = Number(rateMatch[1]);
    const at = rateMatch.index ?? 0;
    const sentenceStart = Math.max(text.lastIndexOf('。', at), text.lastIndexOf('\n', at), 0);
    const from = Math.max(0, at - REACH);
    const amounts = [...text.slice(from, at).matchAll(PROSE_MONEY)].map((m) => ({
      at: from + (m.index ?? 0),
      yuan: m[1] && m[2] ? yuanOf(m[1], m[2]) : null,
      printed: m[0],
    }));
    const spent = amounts.at(-1);
    if (spent === undefined || spent.at < sentenceStart || spent.yuan === null) continue;
    const before = amounts.slice(0, -1).reverse();
    const base = before.find(
      (a) =>
        a.yuan !== null &&
        a.yuan > 0 &&
        BUDGET_WORDS.test(text.slice(Math.max(0, a.at - 16), a.at)) &&
        Math.abs(((spent.yuan as number) / a.yuan) * 100 - rate) <= 0.6,
    );
    if (base?.yuan == null) continue;
    budget.adjusted = base.yuan;
    budget.executed = spent.yuan;
    return {
      code: 'import.budget_from_text',
      zh: `表中没有预算执行金额：全年预算数取自正文“${base.printed}”，执行数取自“${spent.printed}”（执行率${rate}%），请核对`,
      en: `The form prints no budget execution table: the year's budget was taken from the text "${base.printed}" and what was spent from "${spent.printed}" (rate ${rate}%); please check`,
      path: 'budget.adjusted',
    };
  }
  return null;
}
