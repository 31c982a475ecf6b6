/**
 * Text as search compares it: NFKC (full-width letters and digits fold to ASCII, （） to ()), lower case,
 * no white space — Chinese documents break words with spaces and line breaks at random. The SQL list
 * search, the public catalogue and the indicator library all compare through this one function.
 */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}
