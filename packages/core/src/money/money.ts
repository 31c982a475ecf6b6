import Big from 'big.js';

/** The unit an amount is printed in. */
export type MoneyUnit = '元' | '万元' | '亿元';

const factor: Record<MoneyUnit, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** One amount read from text: its value in 元 (exact to the 分) and the unit it was printed in. */
export interface ParsedAmount {
  yuan: number;
  unit: MoneyUnit;
  text: string;
}

// 41,098,620 | 8,827,620.53 | 854 | 2.61 | 1 234.5 (thin or ordinary space as a thousands separator)
const AMOUNT = /(-?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*(亿元|亿|万元|万|元)?/;

/**
 * Reads the first amount in `text` (`41,098,620`, `854万`, `2.61万元`, `￥1,200.00`) and converts it to 元
 * with decimal arithmetic, so 89.974 万元 is exactly 899740 元. `defaultUnit` applies when the text
 * names no unit (the column or form header said 万元). Returns null when there is no number, or when
 * the amount is not a whole number of 分 after conversion.
 */
export function parseAmount(text: string, defaultUnit: MoneyUnit = '元'): ParsedAmount | null {
  const m = AMOUNT.exec(text.replace(/[￥¥]/g, ''));
  if (m?.[2] === undefined) return null;
  const whole = m[2].replace(/[,，]/g, '');
  const unit = unitOf(m[4]) ?? defaultUnit;
  const yuan = shiftedYuan(m[1] ?? '', whole, m[3]?.slice(1) ?? '', unit);
  if (yuan === null) return null;
  return { yuan, unit, text: m[0].trim() };
}

const shift: Record<MoneyUnit, number> = { 元: 0, 万元: 4, 亿元: 8 };

/**
 * `sign whole.fraction` in `unit` as 元, or null when finer than a 分. Converting to 万元 or 亿元 only
 * moves the decimal point, so the digits are moved as text (a third of Big.js's time, and the importer
 * reads every amount of every form). The number is parsed from the exact decimal text, as Big's
 * toNumber does; more than 15 digits go through Big.
 */
function shiftedYuan(sign: string, whole: string, fraction: string, unit: MoneyUnit): number | null {
  if (whole.length + fraction.length > 15) {
    const yuan = new Big(`${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`).times(factor[unit]);
    return yuan.round(2).eq(yuan) ? yuan.toNumber() : null;
  }
  const places = shift[unit];
  const digits = fraction.length < places ? fraction.padEnd(places, '0') : fraction;
  const after = digits.slice(places);
  for (let i = 2; i < after.length; i++) if (after.charCodeAt(i) !== 48) return null;
  return Number(`${sign}${whole}${digits.slice(0, places)}.${after.slice(0, 2) || '0'}`);
}

function unitOf(word: string | undefined): MoneyUnit | null {
  if (word === undefined) return null;
  if (word.startsWith('亿')) return '亿元';
  if (word.startsWith('万')) return '万元';
  return '元';
}

/** Converts an amount printed in `unit` to 元 exactly (`toYuan('89.974', '万元')` → 899740). */
export function toYuan(amount: string | number, unit: MoneyUnit): number {
  return new Big(amount).times(factor[unit]).toNumber();
}

/** Exact sum of amounts in 元 (no binary floating-point drift: 0.1 + 0.2 is 0.3). */
export function sumYuan(amounts: readonly number[]): number {
  return amounts.reduce((sum, n) => sum.plus(n), new Big(0)).toNumber();
}

/**
 * Formats 元 as the finance bureau reads and the forms print it: thousands separators and the 分 when there
 * are any (41098620 → `41,098,620`, 1234.5 → `1,234.50`); nothing for no amount.
 */
export function formatYuan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '';
  const fixed = new Big(yuan).round(2).toFixed();
  const [whole = '0', cents] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${cents ? `.${cents.padEnd(2, '0')}` : ''}`;
}

/** Reads a unit word printed in a caption such as `（万元）`, `金额单位:万元` or `单位：元`. */
export function unitFromCaption(text: string): MoneyUnit | null {
  const m = /(?:单位\s*[:：]\s*|[(（]\s*)(亿元|万元|元)/.exec(text);
  return m?.[1] === undefined ? null : (m[1] as MoneyUnit);
}
