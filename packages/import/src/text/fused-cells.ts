// Cells that extraction ran together without a separator. The numbers of a self-evaluation row are the
// usual victims: 分值 and 得分 printed side by side come out as one run of digits (`1515` = 15 | 15,
// `107.5` = 10 | 7.5). The constraints every such row obeys decide where the run splits.

const NUMBER = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Splits a run of digits too large for a weight (over 100) into the weight and score it holds: the weight
 * at most 100, the score at most the weight, neither with a leading zero. Returns null unless exactly one
 * split fits (an equal pair wins over the others, since a met target scores its full weight). `both`: the
 * cell stands under one caption for the two (`分值得分`), so a short run (`88` = 8 | 8) is split too.
 */
export function splitWeightAndScore(run: string, both = false): { weight: number; score: number } | null {
  const text = run.trim();
  // A number that can be a weight by itself (at most 100) is one, unless the caption says it holds two.
  if (!/^\d[\d.]*$/.test(text) || (!both && Number(text) <= 100)) return null;
  // Two printed figures of at most 100 are a few characters; trying every split of a long run is quadratic.
  if (text.length > 16) return null;
  const fits: { weight: number; score: number }[] = [];
  for (let p = 1; p < text.length; p++) {
    const left = text.slice(0, p);
    const right = text.slice(p);
    if (!NUMBER.test(left) || !NUMBER.test(right)) continue;
    const weight = Number(left);
    const score = Number(right);
    if (weight > 0 && weight <= 100 && score <= weight) fits.push({ weight, score });
  }
  const equal = fits.filter((f) => f.weight === f.score);
  if (equal.length === 1) return equal[0] ?? null;
  return fits.length === 1 ? (fits[0] ?? null) : null;
}

// A target and its actual printed side by side in one cell: `100%100%`, `≥95%97%`, `120公里125公里`. Both
// figures carry the same unit, which is what tells the two apart; the second has no sign of its own.
const TARGET_AND_ACTUAL =
  /^\s*((?:[≥≤≧≦]|[<>＜＞][=＝]?|[=＝])?\s*\d+(?:\.\d+)?\s*(%|％|[\u4e00-\u9fa5]{1,3}))\s*(\d+(?:\.\d+)?\s*\2)\s*$/;

/** Splits a cell holding a target and its actual with the same unit; null when it holds one figure. */
export function splitTargetAndActual(cell: string): { target: string; actual: string } | null {
  const m = TARGET_AND_ACTUAL.exec(cell);
  if (!m?.[1] || !m[3]) return null;
  return { target: m[1].trim(), actual: m[3].trim() };
}
