// A filled 自评表 ends with its 总分 row: the weights' total (100) then the unit's score, often the
// grade after them (`总分 | 100 | 96 | 优`, `合计 100.00 46.35`). The table reader keeps indicator
// rows only, so the total is read here from the same source text.
const TOTAL_ROW =
  /(?:^|[|\s])(?:总分|合计|总计)(?:\s*[（(]\s*100\s*分?\s*[)）])?[\s|:：]*(100(?:\.0+)?)\s*分?[\s|]+(\d{1,3}(?:\.\d+)?)\s*分?(?=[\s|]|$)/gmu;
// Other forms print the unit's total alone under its own words (`自评得分 | 94`, `项目自评分：94分`, or the
// figure on the next line when each cell has its own): one figure. A caption of that name over a score
// column has no figure beside it, or a column of them under it.
const SELF_SCORE =
  /(?:^|[|\s])(?:项目)?(?:自评得分|自评总分|自评分)[\s|:：]*(\d{1,3}(?:\.\d+)?)[ \t]*分?(?=[\s|,，。;；]|$)(?![\s|]*\d)/gmu;

/**
 * 总分 as the unit printed it, or null: the score after a total row whose first number is the weights'
 * total 100 (so budget 合计 rows in money never count), or the figure beside 自评得分. The last one
 * printed wins (forms print the 总分 row at the bottom).
 */
export function readPrintedTotal(sourceText: string): number | null {
  const printed = [
    ...[...sourceText.matchAll(TOTAL_ROW)].map((m) => ({ at: m.index, text: m[2] })),
    ...[...sourceText.matchAll(SELF_SCORE)].map((m) => ({ at: m.index, text: m[1] })),
  ].sort((a, b) => a.at - b.at);
  let found: number | null = null;
  for (const { text } of printed) {
    const score = Number(text);
    if (text !== undefined && Number.isFinite(score) && score <= 100) found = score;
  }
  return found;
}
