import { Unzip, UnzipInflate } from 'fflate';

/**
 * What a workbook of performance-target forms may inflate to, all parts together. Real forms inflate
 * to a few MiB; exceljs holds every part in memory (and builds a DOM-like model on top), so a 20 MiB
 * upload of highly compressible XML (a zip bomb: ~1000:1 with deflate) must be refused before it sees it.
 */
export const MAX_XLSX_INFLATED_BYTES = 128 * 1024 * 1024;

class TooLarge extends Error {}

/**
 * Inflates the archive as a stream, counting bytes and keeping none, and answers whether it stays
 * within `limit`. The sizes a zip declares in its headers are not trusted: a bomb can lie about them.
 * Returns `null` for an archive fflate cannot walk (the workbook reader then reports it as damaged).
 */
export function inflatedSizeWithin(bytes: Uint8Array, limit = MAX_XLSX_INFLATED_BYTES): boolean | null {
  let total = 0;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk) => {
      if (error) throw error;
      total += chunk.length;
      if (total > limit) throw new TooLarge();
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
    return true;
  } catch (error) {
    if (error instanceof TooLarge) return false;
    return null;
  }
}
