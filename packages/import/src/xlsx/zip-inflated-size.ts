import { Unzip, UnzipInflate } from 'fflate';

/**
 * What a workbook of performance-target forms may inflate to, all parts together. Real forms inflate
 * to a few MiB; exceljs holds every part in memory (and builds a DOM-like model on top), so a 20 MiB
 * upload of highly compressible XML (a zip bomb: ~1000:1 with deflate) must be refused before it sees it.
 */
export const MAX_XLSX_INFLATED_BYTES = 128 * 1024 * 1024;

/**
 * Rows a workbook may hold in all its sheets together. Forms have tens to hundreds; exceljs builds an object
 * per cell of every row before anything is read (a 5 MiB sheet of a million rows took 1.2 GB and 21 s),
 * so the rows are counted in the inflated XML first.
 */
export const MAX_XLSX_ROWS = 100_000;

class TooLarge extends Error {}
class TooManyRows extends Error {}

const spaceOrEnd = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

/**
 * Counts `<row` (or prefixed `<x:row`) start tags in XML that arrives in chunks; end tags (`</row>`,
 * `</x:row>`) and longer names (`<rowBreaks`) are not rows. Buffer.indexOf keeps it at memchr speed, and
 * the last bytes of a chunk are carried over so that a tag split between two chunks is still found.
 */
function rowCounter(): (chunk: Uint8Array) => number {
  const carry = 24;
  let tail = Buffer.alloc(0);
  return (chunk) => {
    const text = Buffer.concat([tail, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
    let rows = 0;
    // Hits that end inside the carried bytes were counted with the previous chunk.
    for (
      let at = text.indexOf('row', Math.max(0, tail.length - 3));
      at !== -1;
      at = text.indexOf('row', at + 3)
    ) {
      if (at + 3 >= text.length) break;
      if (!spaceOrEnd.has(text[at + 3] ?? 0)) continue;
      const before = text[at - 1];
      if (before === 0x3c) rows++;
      else if (before === 0x3a) {
        // A prefixed name: its tag is an end tag when its `<` is followed by `/`.
        const open = text.lastIndexOf(0x3c, at);
        if (open === -1 || text[open + 1] !== 0x2f) rows++;
      }
    }
    tail = Buffer.from(text.subarray(Math.max(0, text.length - carry)));
    return rows;
  };
}

/** What a workbook inflates to: within the limits, too large, too many rows, or not a zip fflate can walk. */
export type WorkbookMeasure = 'ok' | 'too_large' | 'too_many_rows' | null;

/**
 * Inflates the archive as a stream, counting bytes and the rows of its worksheets and keeping none. The
 * sizes a zip declares in its headers are not trusted: a bomb can lie about them.
 */
export function measureWorkbook(
  bytes: Uint8Array,
  limits: { bytes?: number; rows?: number } = {},
): WorkbookMeasure {
  const maxBytes = limits.bytes ?? MAX_XLSX_INFLATED_BYTES;
  const maxRows = limits.rows ?? MAX_XLSX_ROWS;
  let total = 0;
  let rows = 0;
  const unzip = new Unzip((file) => {
    const count = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name) ? rowCounter() : null;
    file.ondata = (error, chunk) => {
      if (error) throw error;
      total += chunk.length;
      if (total > maxBytes) throw new TooLarge();
      if (count) {
        rows += count(chunk);
        if (rows > maxRows) throw new TooManyRows();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Fed in slices so that a bomb is stopped after at most one slice's worth of inflation.
    const slice = 64 * 1024;
    for (let offset = 0; offset < bytes.length; offset += slice) {
      const end = Math.min(bytes.length, offset + slice);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
    return 'ok';
  } catch (error) {
    if (error instanceof TooLarge) return 'too_large';
    if (error instanceof TooManyRows) return 'too_many_rows';
    return null;
  }
}

/**
 * Whether the archive inflates to at most `limit` bytes (its rows not counted); `null` for an archive
 * fflate cannot walk (the workbook reader then reports it as damaged).
 */
export function inflatedSizeWithin(bytes: Uint8Array, limit = MAX_XLSX_INFLATED_BYTES): boolean | null {
  const measure = measureWorkbook(bytes, { bytes: limit, rows: Number.POSITIVE_INFINITY });
  return measure === null ? null : measure === 'ok';
}
