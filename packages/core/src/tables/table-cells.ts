import type { CellSeparator } from './column-mapping.schema.ts';

// The cells of a table's lines in an imported document's text, for column mapping: shared by the importer
// (which reads the mapped rows) and the import page (which shows the columns to assign).

const SEPARATORS: Record<CellSeparator, RegExp> = {
  tab: /\t/,
  pipe: /\|/,
  comma: /[,，]/,
  spaces: /\s{2,}|\t/,
  space: /\s+/,
};

/**
 * The cells of one line. A pipe-separated line ends with a pipe (`a | b |`): the nothing after it is no
 * cell, while empty cells between pipes are kept, so that columns stay in place.
 */
export function splitCells(line: string, separator: CellSeparator): string[] {
  const spaced = line.replace(/[\u00a0\u3000]/g, ' ');
  // Tabs and commas at the ends stand for empty cells there: only spaces are trimmed.
  const text = separator === 'tab' || separator === 'comma' ? spaced.replace(/^ +| +$/g, '') : spaced.trim();
  if (text.trim() === '') return [];
  const cells = text.split(SEPARATORS[separator]).map((cell) => cell.trim());
  if (separator === 'pipe') {
    if (cells[0] === '') cells.shift();
    if (cells.at(-1) === '') cells.pop();
  }
  return cells;
}

/** The separator most of the lines use: tab, pipe, comma-separated values, aligned columns, or spaces. */
export function detectSeparator(lines: readonly string[]): CellSeparator {
  const filled = lines.filter((line) => line.trim() !== '');
  const share = (test: (line: string) => boolean) =>
    filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
  if (share((l) => l.includes('\t')) >= 0.5) return 'tab';
  if (share((l) => l.includes('|')) >= 0.5) return 'pipe';
  if (share((l) => /\S\s{2,}\S/.test(l)) >= 0.5) return 'spaces';
  if (share((l) => /[^,，]+[,，][^,，]+[,，]/.test(l)) >= 0.5) return 'comma';
  return 'space';
}

// Caption cells of indicator tables (a row of them is the table's header, not an indicator).
const CAPTION =
  /^((一级|二级|三级)指标|指标(名称|类型|值|值类型|内容|解释|描述|说明|方向|性质|分值)|(年度|预期|中期|全年)?(指标值|目标值)|(度量|计量)?单位.*|(全年|单项指标)?实际(完成)?值|完成(值|情况|率)|分值|权重.*|(自评|单项指标)?得分|备注|偏差.*|产生差异.*|未完成原因.*|绩效指标|符号|年度|实际)$/;

function compact(text: string): string {
  return text.replace(/[\s:：()（）]/g, '');
}

/** A caption row: most of its cells are column captions (一级指标, 指标值, 得分 …). */
export function isCaptionRow(cells: readonly string[]): boolean {
  const filled = cells.map(compact).filter((c) => c !== '');
  const captions = filled.filter((c) => CAPTION.test(c)).length;
  return captions >= 2 && captions * 2 >= filled.length;
}

/** The caption words of a caption row, as a template compares them. */
export function captionWords(cells: readonly string[]): string[] {
  return cells.map(compact).filter((c) => CAPTION.test(c));
}
