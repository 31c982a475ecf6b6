import type { SourceLine } from './layout.ts';

/** Where a form's unit was found when the form itself prints none. */
export type UnitSource = 'supervisor' | 'publisher' | 'addressee';

// An organisation's name: Chinese words ending in what public bodies are called.
const ORGANISATION = String.raw`[\u4e00-\u9fa5()（）]{2,28}?(?:委员会|人民政府|政府|局|委|厅|办公室|办|中心|院|所|站|馆|学校|小学|中学|幼儿园|街道|镇|乡|联合会|协会|社)`;

// A web page's publisher line: `发布机构: 零陵区林业局`, `信息来源:临邑县师范附属小学 发布时间:…` (资金来源 names
// where the money comes from, not who publishes).
const PUBLISHER = new RegExp(
  String.raw`(?:发布机构|发文机关|发布单位|信息来源|(?<![资经]金|经费|资金)来源)\s*[:：|]\s*\|?\s*(${ORGANISATION})(?=\s|\||$|发布|时间|日期|【|浏览)`,
);

// A notice's addressee, alone on its line: `陈仓区水利局:` (several addressees, `…、…:`, name none).
const ADDRESSEE = new RegExp(String.raw`^\s*(${ORGANISATION})\s*[:：]\s*$`);

/**
 * The unit a page implies for a form that prints no unit of its own: the publisher a government web page
 * names above the form, or the one unit a notice is addressed to. Read from the text before the form's
 * indicator table, first match; a guess to be confirmed (the caller warns).
 */
export function unitOfPage(lines: readonly SourceLine[]): { unit: string; source: UnitSource } | null {
  for (const { text } of lines) {
    const m = PUBLISHER.exec(text);
    if (m?.[1]) return { unit: m[1], source: 'publisher' };
  }
  for (const { text } of lines) {
    const m = ADDRESSEE.exec(text);
    if (m?.[1]) return { unit: m[1], source: 'addressee' };
  }
  return null;
}

/**
 * The lines of `lines` that unitOfPage answers from, in order: the first naming a publisher and the first
 * naming an addressee. unitOfPage of them followed by more lines answers as of all the lines followed by those.
 */
export function unitLines(lines: readonly SourceLine[]): SourceLine[] {
  const publisher = lines.find(({ text }) => PUBLISHER.test(text));
  const addressee = lines.find(({ text }) => ADDRESSEE.test(text));
  return lines.filter((l) => l === publisher || l === addressee);
}
