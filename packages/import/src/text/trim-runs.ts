/** A one-character class such as `/[\s,，]/`: what trimRuns asks of each character. */
export type CharClass = Pick<RegExp, 'test'>;

/**
 * `text` without its leading characters of `leading` and its trailing characters of `trailing`, each a
 * one-character class (`/[\s,，]/`). The same as `text.replace(/^[…]+|[…]+$/g, '')` in linear time: the
 * expression tries `[…]+$` from every character of a run inside the text and rescans the rest of the run
 * each time, so a long run of spaces mid-text costs its square.
 */
export function trimRuns(text: string, leading: CharClass, trailing: CharClass): string {
  let start = 0;
  while (start < text.length && leading.test(text.charAt(start))) start++;
  let end = text.length;
  while (end > start && trailing.test(text.charAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
