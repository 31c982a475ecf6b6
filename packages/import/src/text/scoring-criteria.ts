// A target table may print a scoring standard beside each target (评(扣)分标准: `开放日活动次数1次以上计3分,
// 未开展不计分`, `成本节约率0%以上计20分,低于0%,每降低1%扣1分,扣完为止`). Run together with its row, the
// standard restates the name and figure and adds thresholds: each looks like a row of its own. A figure
// that points are awarded or deducted for, or a name that awards points, belongs to the standard.

// Points awarded or deducted right after the figure (`…0%以上计20分`, `…1%扣1分`, `…以下不计分`).
// Spaces are bounded: runs of spaces tried between the optional parts would backtrack over every split.
const POINTS_AFTER =
  /^\s{0,3}(?:及?以上|及?以下|以内|[(（]含[)）])?\s{0,3}[,，]?\s{0,3}(?:(?:计|扣)\s{0,3}\d+(?:\.\d+)?\s{0,3}分|不计分|不得分|得满分)/;
// Points named inside the words before the figure (`以上计20分,低于`, `计3分,每少`).
const POINTS_IN_NAME = /(?:计|扣)\s{0,3}\d{1,6}(?:\.\d+)?\s{0,3}分|不计分|不得分|得满分|扣完为止/;

/**
 * Whether a name and the target after it are a clause of a scoring standard rather than a row: `after` is
 * the text that follows the target.
 */
export function isScoringClause(name: string, after: string): boolean {
  return POINTS_IN_NAME.test(name) || POINTS_AFTER.test(after);
}
