// A filled 自评表 ends with its 总分 row: the weights' total (100) then the unit's score, often the
// grade after them (`总分 | 100 | 96 | 优`, `合计 100.00 46.35`). The table reader keeps indicator
// rows only, so the total is read here from the same source text.
const TOTAL_ROW =
  /(?:^|[|\s])(?:总分|合计|总计)(?:\s*[（(]\s*100\s*分?\s*[)）])?[\s|:：]*(100(?:\.0+)?)[\s|]+(\d{1,3}(?:\.\d+)?)(?=[\s|]|$)/gmu;

/**
 * 总分 as the unit printed it, or null: the score after a total row whose first number is the weights'
 * total 100 (so budget 合计 rows in money never count). The last such row wins (forms print the 总分
 * row at the bottom).
 */
export function readPrintedTotal(sourceText: string): number | null {
  let found: number | null = null;
  for (const m of sourceText.matchAll(TOTAL_ROW)) {
    const score = Number(m[2]);
    if (Number.isFinite(score) && score <= 100) found = score;
  }
  return found;
}
