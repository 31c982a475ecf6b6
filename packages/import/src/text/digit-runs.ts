// Figures whose boundaries were lost (`1010100%`, `1510`): the ways a run of digits can be cut back into
// numbers as people write them (no leading zero, one decimal point each).

const WELL_FORMED = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Whether `text` is a number as people write it: no leading zero, at most one decimal point. */
export function isWellFormed(text: string): boolean {
  return WELL_FORMED.test(text);
}

/** Every way to cut `digits` into `count` well-formed numbers (at most C(39, 3) ways: the run is capped). */
export function cutsOf(digits: string, count: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, pieces: number[]) => {
    if (pieces.length === count - 1) {
      const last = digits.slice(from);
      if (WELL_FORMED.test(last)) out.push([...pieces, Number(last)]);
      return;
    }
    for (let to = from + 1; to < digits.length; to++) {
      const piece = digits.slice(from, to);
      if (!WELL_FORMED.test(piece)) continue;
      walk(to, [...pieces, Number(piece)]);
    }
  };
  if (count >= 2 && count <= 5) walk(0, []);
  return out;
}

/** A weight an indicator row can print: 1–60, whole or with one decimal. */
export function plausibleWeight(weight: number): boolean {
  return weight >= 1 && weight <= 60 && /^\d+(\.\d)?$/.test(String(weight));
}

/** A weight and score an indicator row can print: a plausible weight and a score not above it with at most two decimals. */
export function plausiblePoints(weight: number, score: number): boolean {
  return plausibleWeight(weight) && score <= weight && /^\d+(\.\d{1,2})?$/.test(String(score));
}

/**
 * The actual, weight and score of a scored row run together with nothing between them (`31010` after the
 * target `≥3次` = 3 | 10 | 10), in the caption's order of the three columns. A cut must give a weight an
 * indicator can carry (1–60, at most one decimal) and a score not above it (at most two); where several do, the one whose score follows the
 * national rule from the target and actual (full marks when met, in proportion when not) is taken. Null
 * when no cut, or more than one, remains: a person reads it.
 */
export function splitActualAndPoints(
  run: string,
  order: readonly ('actual' | 'weight' | 'score')[],
  target: { value: number | null; operator: string | null },
): { actual: number; weight: number; score: number } | null {
  const fits: { actual: number; weight: number; score: number }[] = [];
  for (const pieces of cutsOf(run, 3)) {
    const at = (role: 'actual' | 'weight' | 'score') => pieces[order.indexOf(role)] ?? Number.NaN;
    const [actual, weight, score] = [at('actual'), at('weight'), at('score')];
    if (plausiblePoints(weight, score)) fits.push({ actual, weight, score });
  }
  if (fits.length <= 1) return fits[0] ?? null;
  const ruled = fits.filter((f) => Math.abs(f.score - ruleScore(f, target)) <= 0.1);
  return ruled.length === 1 ? (ruled[0] ?? null) : null;
}

// The national rule in its plain form: a target met scores the weight; a quantity short of it scores in
// proportion; a ceiling (≤) is met at or under it.
function ruleScore(
  f: { actual: number; weight: number },
  target: { value: number | null; operator: string | null },
): number {
  if (target.value === null || target.value === 0) return Number.NaN;
  const ceiling = target.operator === '<=' || target.operator === '<';
  const rate = ceiling
    ? f.actual <= target.value
      ? 1
      : target.value / f.actual
    : Math.min(1, f.actual / target.value);
  return Math.round(f.weight * rate * 100) / 100;
}

/**
 * Weight, target, actual and score run together with nothing between them (`2010010020` under
 * 分值 | 指标值 | 实际值 | 得分 = 20 | 100 | 100 | 20; `1038.7536.29.34` = 10 | 38.75 | 36.2 | 9.34). A cut
 * must give a weight an indicator can carry and a score not above it; where several do, the one whose
 * score follows the national rule (full marks when met, in proportion when not) is taken, else the one
 * whose actual repeats its target (a met target prints the same figure twice). Null when no single cut
 * remains: a person reads it.
 */
export function splitWeightTargetActualScore(
  run: string,
): { weight: number; target: number; actual: number; score: number } | null {
  const fits = cutsOf(run, 4)
    .map(([weight = 0, target = 0, actual = 0, score = 0]) => ({ weight, target, actual, score }))
    .filter((f) => f.target > 0 && plausiblePoints(f.weight, f.score));
  if (fits.length <= 1) return fits[0] ?? null;
  const ruled = fits.filter(
    (f) => Math.abs(f.score - ruleScore(f, { value: f.target, operator: null })) <= 0.01,
  );
  if (ruled.length === 1) return ruled[0] ?? null;
  const repeated = (ruled.length > 0 ? ruled : fits).filter((f) => f.actual === f.target);
  return repeated.length === 1 ? (repeated[0] ?? null) : null;
}
