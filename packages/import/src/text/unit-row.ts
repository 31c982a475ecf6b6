import { type MoneyUnit, parseAmount } from '@jixiao/core/money/money';

/**
 * A department-wide form that opens with one table row for the unit (`单位编码 | 单位名称 | 资金总额 | 按收入性质分 …
 * | 一级指标 …`, then `058003 | 衡阳市社会福利院 | 1,752.48 | 1,462.48 | 200 | 90 | 700.38 | 1,052.1 | 1、建立…`): the
 * captions are on one line and the unit's cells on the first line below them that starts with its code
 * (or, with no code column, its name). Run together, the name ends at the first figure, and the figures
 * run into each other (`1,752.481,462.48200 90700.381,052.1`): the total is read from them only where the
 * money that follows it breaks it down (the sources of funds, the kinds of spending add up to it), so a
 * cut that merely looks like a figure is never taken.
 */

const CAPTIONS =
  /^(单位编码|单位代码|部门编码|部门代码|预算单位编码|单位编号)?(?:单位名称|部门名称|部门[(（]单位[)）]名称|预算单位名称)((?:年度)?资金总额|预算总额|合计)?/;
/** Words that make a line a caption or a label, not the unit's row. */
const NOT_A_NAME = /指标|预算|资金|名称|编码|金额|合计|单位:/;
/** A figure as budget tables print it: thousands apart or not, at most two decimals. */
const FIGURE = /^(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d{1,2})?$/;

export interface UnitRow {
  unit: string;
  code: string | null;
  /** The year's total, in 元, when the figures after it vouch for it; else null. */
  total: number | null;
}

export function readUnitRow(lines: readonly string[], moneyUnit: MoneyUnit): UnitRow | null {
  for (let i = 0; i < lines.length; i++) {
    const captionLine = (lines[i] ?? '').replace(/\s+/g, '');
    const caption = CAPTIONS.exec(captionLine);
    if (!caption) continue;
    const coded = caption[1] !== undefined;
    for (const line of lines.slice(i + 1, i + 4)) {
      const row = coded
        ? /^\s*(\d{3,})\s*([\u4e00-\u9fa5][\u4e00-\u9fa5()（）]{1,39}?)\s*(?=\d)/.exec(line)
        : /^\s*()([\u4e00-\u9fa5][\u4e00-\u9fa5()（）]{1,39}?)\s*(?=\d)/.exec(line);
      if (!row?.[2] || NOT_A_NAME.test(row[2])) continue;
      const total = caption[2] ? totalOf(line.slice(row[0].length), moneyUnit) : null;
      return { unit: row[2], code: row[1] || null, total };
    }
    return null;
  }
  return null;
}

/** The total at the start of `text`, vouched for by the money after it; null when not told apart. */
function totalOf(text: string, moneyUnit: MoneyUnit): number | null {
  // The run of figures, up to the first word; a list number that opens the next cell (`1、建立…`, `1.建立…`)
  // is not one of them.
  const figuresRun = /^[\d,.\s]{1,80}/.exec(text)?.[0] ?? '';
  const next = text.slice(figuresRun.length);
  const run = /^[、．]/.test(next)
    ? figuresRun.replace(/\d$/, '')
    : /^[\u4e00-\u9fa5]/.test(next)
      ? figuresRun.replace(/\d\.$/, '')
      : figuresRun;
  const pieces = run.trim().split(/\s+/).filter(Boolean);
  const first = pieces[0];
  if (first === undefined) return null;
  // Standing apart from the next cell, the first figure is the total as printed.
  if ((pieces.length > 1 || /[.,]/.test(first)) && FIGURE.test(first))
    return parseAmount(first, moneyUnit)?.yuan ?? null;
  const totals: number[] = [];
  for (let end = 1; end <= first.length; end++) {
    const figure = first.slice(0, end);
    if (!FIGURE.test(figure) || /^[,.]/.test(first.slice(end))) continue;
    const total = cents(figure);
    const rest = [first.slice(end), ...pieces.slice(1)].filter(Boolean);
    if (total > 0 && breaksDown(total, rest)) totals.push(total);
  }
  const [only, ...others] = totals;
  if (only === undefined || others.length > 0) return null;
  return parseAmount(String(only / 100), moneyUnit)?.yuan ?? null;
}

const cents = (figure: string) => Math.round(Number(figure.replace(/,/g, '')) * 100);

/**
 * Whether the pieces cut into figures that add up to the total once (in two parts at least) or twice over
 * (the sources of funds, then the kinds of spending). Sums only grow, so a cut past the total is given up.
 */
function breaksDown(total: number, pieces: readonly string[]): boolean {
  let steps = 0;
  const walk = (p: number, at: number, sum: number, parts: number, second: boolean): boolean => {
    if (++steps > 3000) return false;
    const piece = pieces[p];
    if (piece === undefined) return sum === total && (second ? parts >= 1 : parts >= 2);
    if (at === piece.length) return walk(p + 1, 0, sum, parts, second);
    if (!second && sum === total && parts >= 1 && walk(p, at, 0, 0, true)) return true;
    for (let end = at + 1; end <= piece.length; end++) {
      const figure = piece.slice(at, end);
      if (!FIGURE.test(figure) || /^[,.]/.test(piece.slice(end))) continue;
      const next = sum + cents(figure);
      if (next > total) break;
      if (walk(p, end, next, parts + 1, second)) return true;
    }
    return false;
  };
  return walk(0, 0, 0, 0, false);
}
