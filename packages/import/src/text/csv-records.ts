/**
 * The records of comma-separated text as csv-parse reads them with `trim`, `relax_quotes` and
 * `relax_column_count` (the reference its test compares with), or null where csv-parse would throw: a
 * quote still open at the end, or text after a closing quote. Line breaks are `\n` (the importer has
 * normalised them); a quoted cell keeps its commas, line breaks and `""` quotes.
 *
 * Why not csv-parse itself: it builds an error object (stack trace, copied record) for every record whose
 * field count differs from the first one's, even when told to accept them, and a form saved as CSV differs
 * on nearly every line (title, header fields, indicator rows): that was most of the time of reading one.
 * Here nothing is allocated but the fields.
 */
export function csvRecords(text: string): string[][] | null {
  const records: string[][] = [];
  let record: string[] = [];
  // A field is a slice of the text plus the quotes a `""` pair left out of it.
  let field = '';
  let start = -1;
  let quoting = false;
  let wasQuoting = false;
  // A quote right after a closed quoted cell (`"" "x"`) opens quotes again in csv-parse, where only
  // trimmed characters may follow until they close.
  let reopened = false;
  const flush = (end: number) => {
    if (start >= 0) field += text.slice(start, end);
    start = -1;
  };
  const endField = (end: number) => {
    flush(end);
    // csv-parse's right trim is String#trimEnd on unquoted fields; its left trim skipped csvTrimmed below.
    record.push(wasQuoting ? field : field.trimEnd());
    field = '';
    wasQuoting = false;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (quoting && reopened) {
      if (ch !== QUOTE) {
        if (csvTrimmed(ch)) continue;
        return null;
      }
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === COMMA || next === NEWLINE || csvTrimmed(next)) {
        quoting = false;
        reopened = false;
        continue;
      }
      return null;
    }
    if (quoting) {
      if (ch !== QUOTE) continue;
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE) {
        // `""` inside quotes is one quote: keep the first, skip the second.
        flush(i + 1);
        i++;
        start = i + 1;
        continue;
      }
      if (Number.isNaN(next) || next === COMMA || next === NEWLINE || csvTrimmed(next)) {
        flush(i);
        quoting = false;
        wasQuoting = true;
        continue;
      }
      return null;
    }
    if (ch === NEWLINE) {
      endField(i);
      records.push(record);
      record = [];
      continue;
    }
    if (ch === COMMA) {
      endField(i);
      continue;
    }
    const empty = field === '' && start < 0;
    if (ch === QUOTE && empty) {
      quoting = true;
      if (wasQuoting) reopened = true;
      else start = i + 1;
      continue;
    }
    if (wasQuoting) {
      if (csvTrimmed(ch)) continue;
      return null;
    }
    if (empty && csvTrimmed(ch)) continue;
    if (start < 0) start = i;
  }
  if (quoting) return null;
  flush(n);
  if (wasQuoting || record.length > 0 || field !== '') endField(n);
  if (record.length > 0) records.push(record);
  return records;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/** csv-parse's trimmable characters: CR, LF, form feed, space and tab. */
function csvTrimmed(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a || ch === 0x0c;
}
