import Big from 'big.js';

// Scores are computed for whole regions at once, so the common case avoids big.js: decimals as printed
// (at most a few places) are scaled to integers and divided exactly; anything larger falls back to big.js.

/** Decimal places of a number's shortest form; null when JavaScript writes it with an exponent. */
function decimalsOf(n: number): number | null {
  if (Number.isSafeInteger(n)) return 0;
  const s = String(n);
  if (s.includes('e')) return null;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export type Rounding = 'half-up' | 'up' | 'down';

const BIG_MODE = { 'half-up': Big.roundHalfUp, up: Big.roundUp, down: Big.roundDown } as const;

/**
 * `w × num ÷ den` rounded to an integer, exactly as decimal arithmetic would (half-up rounds ties away
 * from zero; `up`/`down` round away from / towards zero). `w` is a whole number (cents of a point).
 */
export function mulDiv(w: number, num: number, den: number, rounding: Rounding = 'half-up'): number {
  const dn = decimalsOf(num);
  const dd = decimalsOf(den);
  if (dn !== null && dd !== null && Number.isSafeInteger(w)) {
    const k = Math.max(dn, dd);
    if (k <= 9) {
      const p = 10 ** k;
      let n = w * Math.round(num * p);
      let d = Math.round(den * p);
      if (Number.isSafeInteger(n) && Number.isSafeInteger(d) && d !== 0) {
        const negative = n < 0 !== d < 0 && n !== 0;
        n = Math.abs(n);
        d = Math.abs(d);
        let q = Math.floor(n / d);
        let r = n - q * d;
        // Float division of large integers can be one off; the remainder says which way.
        while (r < 0) {
          q -= 1;
          r += d;
        }
        while (r >= d) {
          q += 1;
          r -= d;
        }
        if ((rounding === 'half-up' && 2 * r >= d) || (rounding === 'up' && r > 0)) q += 1;
        return negative && q !== 0 ? -q : q;
      }
    }
  }
  return Number(new Big(w).times(num).div(den).round(0, BIG_MODE[rounding]).toFixed(0));
}

/** A number for an explanation: its shortest form, or 4 decimals at most; never exponent notation. */
export function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const places = decimalsOf(n);
  if (places !== null && places <= 4) return String(n);
  return new Big(n)
    .round(4, Big.roundHalfUp)
    .toFixed()
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** Whole cents as points with exactly `decimals` places (`1667` → `16.67`). */
export function formatCents(cents: number, decimals: number): string {
  if (decimals === 0) return String(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const scale = 10 ** decimals;
  const whole = Math.floor(abs / scale);
  const frac = String(abs - whole * scale).padStart(decimals, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Splits `total` whole units over integer `shares` in proportion, exactly (largest remainder, ties to the first). */
export function allocate(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0) return shares.map(() => 0);
  const floors: number[] = [];
  const remainders: { i: number; r: number }[] = [];
  let given = 0;
  shares.forEach((s, i) => {
    const n = total * s;
    const q = Math.floor(n / sum);
    floors.push(q);
    remainders.push({ i, r: n - q * sum });
    given += q;
  });
  let left = total - given;
  if (left > 0) {
    remainders.sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of remainders) {
      if (left <= 0) break;
      floors[i] = (floors[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return floors;
}
