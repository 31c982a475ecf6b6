import type { Token } from './tokens.ts';
import { columnRole, key, levelLabel } from './vocabulary.ts';

// A name numbered as the template prints it (`指标1:资金是否全部纳入医`): such cells hold long questions
// that wrap, and text extracted with spaces prints the wrapped tail as a cell of its own (`保统筹`).
const NUMBERED = /^指标\s*[\d一二三四五六七八九十]{1,2}\s*[:：]/;
const TAIL = /^[\u4e00-\u9fa5]{1,4}$/;
// A figure with its unit or sign: a target, never the tail of a name.
const FIGURE = /^[≥≤≧≦<>＜＞=＝]?\s*\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fa5]{1,3})$/;

/**
 * Joins the wrapped tail of a numbered name back onto it: a cell of one to four characters, no level
 * label or caption, right after the name and followed by a figure (`指标1:资金是否全部纳入医 | 保统筹 | 100%`).
 */
export function joinWrappedNames(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cell = tokens[i];
    const tail = tokens[i + 1];
    const after = tokens[i + 2];
    if (
      cell &&
      tail &&
      after &&
      NUMBERED.test(cell.text) &&
      TAIL.test(tail.text) &&
      FIGURE.test(after.text.trim()) &&
      levelLabel(tail.text, null) === null &&
      columnRole(tail.text) === null
    ) {
      out.push({ ...cell, text: `${cell.text}${key(tail.text)}` });
      i++;
      continue;
    }
    out.push(cell ?? null);
  }
  return out;
}
