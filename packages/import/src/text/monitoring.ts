import { type MoneyUnit, parseAmount } from '@jixiao/core/money/money';
import { chineseNumeral } from '@jixiao/core/review/narrative-figures';
import type { Indicator, PrintedMonitoring } from '@jixiao/core/tables/table.schema';
import { AMOUNT_CELL } from './amount-cell.ts';
import type { Token } from './tokens.ts';
import { key } from './vocabulary.ts';

// A mid-year monitoring form (绩效运行监控表) prints the target table's columns plus progress columns and a
// money block of the year's budget and what was spent by the cut-off month. These helpers read what makes
// it one; the indicator reader fills each row's `progress`.

function monthNumber(text: string): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : chineseNumeral(text);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

const MONTH_RANGE = /(?:^|[^\d])(?:1|一)\s*[-—–~～至到]\s*(\d{1,2}|十[一二]?|[二三四五六七八九])\s*月/;
const CUT_OFF_DATE = /截[至止]\s*(?:(?:19|20)\d{2}\s*年)?\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月/;

/** The cut-off month a form names (`1-6月执行数`, `截至2024年6月30日`, `1至7月`), or null. */
export function cutOffMonthIn(text: string): number | null {
  const range = MONTH_RANGE.exec(text);
  if (range?.[1]) return monthNumber(range[1]);
  const date = CUT_OFF_DATE.exec(text);
  return date?.[1] ? monthNumber(date[1]) : null;
}

/** Whether a title or the indicator columns make the document a monitoring form. */
export function isMonitoringForm(title: string, indicators: readonly Indicator[]): boolean {
  if (/监控/.test(title)) return true;
  return indicators.some(
    (i) => i.progress && (i.progress.likelihood !== null || i.progress.expectedValue !== null),
  );
}

type MoneyField = 'annual' | 'executed' | 'expectedExecuted';

function moneyField(caption: string): MoneyField | null {
  const k = key(caption);
  if (/预计/.test(k) && /执行|支出/.test(k)) return 'expectedExecuted';
  if (/执行数|支出数|已支出|实际支出/.test(k) && !/率/.test(k)) return 'executed';
  if (/^(年度|全年|当年)?(预算数|预算金额|预算|资金总额)/.test(k)) return 'annual';
  return null;
}

function rowsOf(tokens: readonly Token[], end: number): string[][] {
  const rows: string[][] = [[]];
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (t === null) rows.push([]);
    else if (t !== undefined) rows.at(-1)?.push(t.text);
  }
  return rows;
}

/**
 * The money block of a monitoring form: a row of captions (年度预算数 | 1-6月执行数 | 执行率 …) over a row of
 * amounts, or captions with their amount beside them. Amounts are matched to captions from the right,
 * because the block's own caption (项目资金（万元）) or an empty cell may open either row.
 */
export function readMonitoringMoney(
  tokens: readonly Token[],
  end: number,
  unit: MoneyUnit,
): { annual: number | null; executed: number | null; expectedExecuted: number | null } {
  const found: Record<MoneyField, number | null> = { annual: null, executed: null, expectedExecuted: null };
  const yuan = (text: string) => parseAmount(text, unit)?.yuan ?? null;
  const rows = rowsOf(tokens, end);
  rows.forEach((row, r) => {
    const fields = row.map(moneyField);
    if (!fields.some((f) => f === 'executed')) return;
    // Captions with their amounts beside them.
    let paired = false;
    row.forEach((_cell, c) => {
      const field = fields[c];
      const next = row[c + 1];
      if (field && next !== undefined && AMOUNT_CELL.test(next.trim()) && found[field] === null) {
        found[field] = yuan(next);
        paired = true;
      }
    });
    if (paired) return;
    const below = (rows[r + 1] ?? []).filter((cell) => cell.trim() !== '');
    const captions = row.filter((cell) => cell.trim() !== '');
    const offset = captions.length - below.length;
    below.forEach((cell, n) => {
      const field = moneyField(captions[n + offset] ?? '');
      if (field && AMOUNT_CELL.test(cell.trim()) && found[field] === null) found[field] = yuan(cell);
    });
  });
  return found;
}

/** The form-level monitoring block from its money and cut-off month. */
export function monitoringBlock(
  cutOffMonth: number | null,
  money: { executed: number | null; expectedExecuted: number | null },
): PrintedMonitoring {
  const block: PrintedMonitoring = { cutOffMonth, executed: money.executed };
  if (money.expectedExecuted !== null) block.expectedExecuted = money.expectedExecuted;
  return block;
}

/**
 * A self-evaluation may print 偏差原因 and 改进措施 as two columns: outside a monitoring form they are the
 * row's deviation reason, and a progress column is its actual value.
 */
export function foldProgress(indicator: Indicator): void {
  const progress = indicator.progress;
  if (!progress) return;
  delete indicator.progress;
  if (progress.value !== null && (indicator.actual === undefined || indicator.actual === null))
    indicator.actual = progress.value;
  const reason = [progress.cause, progress.measure].filter((t): t is string => !!t);
  if (reason.length > 0 && !indicator.deviationReason) indicator.deviationReason = reason.join('；');
}
