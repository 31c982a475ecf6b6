import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from './xlsx-import.ts';
import { inflatedSizeWithin, MAX_XLSX_ROWS, measureWorkbook } from './zip-inflated-size.ts';

// A workbook whose one sheet is `mib` MiB of blanks: deflate shrinks it about 1000:1 (a zip bomb).
function bombWorkbook(mib: number): Uint8Array {
  const sheet = new Uint8Array(mib * 1024 * 1024).fill(0x20);
  return zipSync(
    {
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
      'xl/worksheets/sheet1.xml': sheet,
    },
    { level: 9 },
  );
}

describe('inflatedSizeWithin', () => {
  it('measures what an archive inflates to without trusting its headers', () => {
    const small = bombWorkbook(2);
    expect(small.length).toBeLessThan(64 * 1024);
    expect(inflatedSizeWithin(small, 3 * 1024 * 1024)).toBe(true);
    expect(inflatedSizeWithin(small, 1024 * 1024)).toBe(false);
  });

  it('counts entries whose sizes come after the data (data descriptors) and headers that lie', () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, data) => {
      if (error) throw error;
      chunks.push(data);
    });
    const entry = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
    zip.add(entry);
    const block = new Uint8Array(1024 * 1024).fill(0x20);
    for (let i = 0; i < 8; i++) entry.push(block, i === 7);
    zip.end();
    const streamed = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      streamed.set(chunk, offset);
      offset += chunk.length;
    }
    expect((streamed[6] ?? 0) & 8).toBe(8);
    expect(inflatedSizeWithin(streamed, 4 * 1024 * 1024)).toBe(false);

    const lying = bombWorkbook(8);
    const view = new DataView(lying.buffer);
    // Declare 100 bytes for the sheet in its local header and in the central directory.
    for (let at = 0; at + 4 < lying.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x04034b50) view.setUint32(at + 22, 100, true);
      if (signature === 0x02014b50) view.setUint32(at + 24, 100, true);
    }
    expect(inflatedSizeWithin(lying, 4 * 1024 * 1024)).toBe(false);
  });

  it('does not refuse bytes that are not a zip: the workbook reader reports those as damaged', () => {
    expect(inflatedSizeWithin(new TextEncoder().encode('PK\u0003\u0004 not really a zip'))).not.toBe(false);
  });
});

describe('importWorkbook and zip bombs', () => {
  it('refuses a workbook inflating beyond the limit before exceljs reads it', async () => {
    const bomb = bombWorkbook(200);
    // Small enough to pass any upload limit; 200 MiB once inflated.
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // The measure refuses it (so exceljs never inflates it: how long that takes is the fuzz's business,
    // not a unit test's), and the import reports that refusal.
    expect(measureWorkbook(bomb)).toBe('too_large');
    await expect(importWorkbook(bomb)).rejects.toMatchObject({ code: 'import.xlsx_too_large' });
  });
});

describe('measureWorkbook', () => {
  /** A workbook whose one sheet has `rows` rows of one inline-string cell each. */
  function tallWorkbook(rows: number): Uint8Array {
    const parts: string[] = ['<?xml version="1.0"?><worksheet><sheetData>'];
    for (let r = 1; r <= rows; r++)
      parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    parts.push('</sheetData><rowBreaks count="0"/></worksheet>');
    return zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
        'xl/worksheets/sheet1.xml': new TextEncoder().encode(parts.join('')),
      },
      { level: 1 },
    );
  }

  it('counts worksheet rows as the XML inflates, tags split between chunks and prefixed ones included', () => {
    expect(measureWorkbook(tallWorkbook(1000), { rows: 1000 })).toBe('ok');
    expect(measureWorkbook(tallWorkbook(1001), { rows: 1000 })).toBe('too_many_rows');
    const prefixed = zipSync({
      'xl/worksheets/sheet2.xml': new TextEncoder().encode(
        '<x:row r="1"/><x:row>\n</x:row><row/><rowBreaks/>',
      ),
    });
    expect(measureWorkbook(prefixed, { rows: 3 })).toBe('ok');
    expect(measureWorkbook(prefixed, { rows: 2 })).toBe('too_many_rows');
  });

  it('refuses a workbook of more than MAX_XLSX_ROWS rows before exceljs builds it', async () => {
    const tall = tallWorkbook(MAX_XLSX_ROWS + 1);
    expect(measureWorkbook(tall)).toBe('too_many_rows');
    const error = await importWorkbook(tall).then(
      () => null,
      (e: unknown) => e as { code: string; en: string },
    );
    expect(error?.code).toBe('import.xlsx_too_large');
    expect(error?.en).toContain(String(MAX_XLSX_ROWS));
  });
});
