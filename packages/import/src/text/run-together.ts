import { LEVEL_LABEL_WORDS } from './vocabulary.ts';

// Text of a form whose table lost its borders (a document-sharing page's preview, a PDF pasted as one
// paragraph) comes in long lines. Two habits of such text hide the form's words from the readers:
// - the preview prints its pages as numbered chunks (`1、…`, `2、…`), the number heading each chunk
//   wherever the page broke, often inside a cell (`更新剧团老化、损坏的音响、\n2、灯光、道具…`);
// - a cell's words wrapped inside the cell come back with a space where the line broke
//   (`年度 指标值`, `分 值得 分`, `满意度 指标`, `服务对象 满意度指 标`).

/** A chunk this long is a preview page, not a numbered item of the form (`1、实施地点`). */
const CHUNK = 200;
const CHUNK_MARK = /^(\d{1,3})、/;

/**
 * Joins the numbered chunks of a preview back into the text they were cut from: a line that starts
 * with `N、` (N ≥ 2) right after the long line that starts with `N-1、` continues that line; the first
 * chunk's `1、` goes too. Blank lines between chunks go with them; the line count shrinks by the lines
 * joined, so warnings locate the joined line.
 */
export function joinPreviewChunks(text: string): string {
  if (!text.includes('2、')) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  // Index in `out` of the last chunk line and its number.
  let last = -1;
  let number = 0;
  let joined = false;
  for (const line of lines) {
    const m = CHUNK_MARK.exec(line);
    const n = m ? Number(m[1]) : 0;
    if (m && last >= 0 && n === number + 1 && (out[last]?.length ?? 0) >= CHUNK) {
      // Blank lines after the chunk it continues belong to the page break.
      out.length = last + 1;
      out[last] += line.slice(m[0].length);
      number = n;
      joined = true;
      continue;
    }
    if (m && n === 1 && line.length >= CHUNK) {
      last = out.length;
      number = 1;
    } else if (line.trim() !== '') {
      last = -1;
      number = 0;
    }
    out.push(line);
  }
  if (!joined) return text;
  // The first chunk's own mark, kept until a second chunk showed that the marks are page numbers.
  return out.map((l) => (l.length >= CHUNK ? l.replace(/^1、/, '') : l)).join('\n');
}

// The words of the indicator table that a wrapped cell splits: captions and level labels.
const WORDS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '绩效指标',
  '年度指标值',
  '实际完成值',
  '偏差原因分析及改进措施',
  '年度总体目标',
  '社会公众满意度指标',
  '分值',
  '得分',
  ...LEVEL_LABEL_WORDS,
];

// Each word with room for spaces between its characters, at least one space matched (checked below).
const SPACED_WORD = new RegExp(
  [...WORDS]
    .sort((a, b) => b.length - a.length)
    .map((w) => [...w].join(' ?'))
    .join('|')
    // `社会效益 指标1:` is a label cell and a numbered name cell: no word ends before a number.
    .replace(/^/, '(?:')
    .concat(')(?![\\d:：])'),
  'g',
);

/** A line this long without tab or pipe is a table run together. */
const RUN_TOGETHER = 150;

/** Whether some stretch of the text runs RUN_TOGETHER characters without a line break, tab or pipe. */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 9 || c === 124) run = 0;
    else if (++run >= RUN_TOGETHER) return true;
  }
  return false;
}

/** Cells separated by spaces (PDF columns): more than one space in 20 characters. */
function spaced(line: string): boolean {
  let spaces = 0;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 32) spaces++;
  return spaces * 20 > line.length;
}

/**
 * Removes the spaces a wrapped cell left inside the table's captions and level labels
 * (`年度 指标值实际 完成值分 值得 分` → `年度指标值实际完成值分值得分`), in lines of a table run
 * together only (long, without tabs or pipes, few spaces): elsewhere a space between two words
 * separates cells.
 */
export function unspaceWrappedWords(text: string): string {
  if (!hasLongRun(text)) return text;
  return text
    .split('\n')
    .map((line) =>
      line.length < RUN_TOGETHER || /[\t|]/.test(line) || spaced(line)
        ? line
        : line.replace(SPACED_WORD, (m) => (m.includes(' ') ? m.replace(/ /g, '') : m)),
    )
    .join('\n');
}
