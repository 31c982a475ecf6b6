import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { layoutToXlsx } from '@jixiao/export/layout-xlsx';
import { buildSelfEvaluation, seedTables } from '@jixiao/export/testing/export-fixtures';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import { importWorkbook } from '../xlsx/xlsx-import.ts';
import { importXls } from './xls-import.ts';

const seedText = readFileSync(new URL('../../../../fixtures/seed.txt', import.meta.url), 'utf8');

/** The workbook Jixiao exports, saved again as Excel 97–2003 (BIFF8) by SheetJS. */
function toXls(xlsx: Uint8Array): Uint8Array {
  const workbook = XLSX.read(xlsx, { type: 'array', cellNF: true, cellStyles: true });
  return new Uint8Array(XLSX.write(workbook, { bookType: 'xls', type: 'array' }) as ArrayBuffer);
}

describe('importXls', () => {
  it('reads a seed table from its exported workbook saved as .xls, as the .xlsx reader does', async () => {
    const table = seedTables()[0]!;
    const xlsx = await layoutToXlsx(officialLayout(table, 'zh'));
    const xls = toXls(xlsx);
    expect([...xls.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const read = await importXls(xls);
    expect(read.warnings).toEqual([]);
    expect(read.tables).toEqual([table]);
    expect(read).toEqual(await importWorkbook(xlsx));
  });

  it('reads all three seed tables and a scored self-evaluation through parseFile, named .xls', async () => {
    // SheetJS's BIFF8 writer stores a cell's text in a LABEL record, which holds 255 characters (Excel
    // itself writes longer text to the shared string table, which SheetJS reads): shorter narratives here.
    const tables = seedTables().map((t) => ({
      ...t,
      narrative: Object.fromEntries(Object.entries(t.narrative).map(([k, v]) => [k, v?.slice(0, 200) ?? v])),
    }));
    const xlsx = await layoutToXlsx(tables.map((t) => officialLayout(t, 'zh')));
    const parsed = await parseFile({ name: '绩效目标表.xls', bytes: toXls(xlsx) });
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.sourceText).toBe((await importWorkbook(xlsx)).sourceText);
    const evaluation = buildSelfEvaluation();
    // The 自评表 prints no 指标方向 column: the directions do not come back.
    const printed = {
      ...evaluation,
      indicators: evaluation.indicators.map((i) => ({ ...i, direction: undefined })),
    };
    for (const locale of ['zh', 'en'] as const) {
      const read = await importXls(toXls(await layoutToXlsx(officialLayout(evaluation, locale))));
      expect(read.warnings).toEqual([]);
      expect(read.tables).toEqual([printed]);
    }
  });

  it('takes a percentage, a date and a number typed into the cells, and skips a hidden sheet', async () => {
    const table = seedTables()[0]!;
    const workbook = XLSX.read(await layoutToXlsx(officialLayout(table, 'zh')), {
      type: 'array',
      cellNF: true,
    });
    const sheet = workbook.Sheets[workbook.SheetNames[0]!]!;
    const address = (text: string) => {
      const key = Object.keys(sheet).find((k) => !k.startsWith('!') && sheet[k]?.v === text);
      if (!key) throw new Error(`no cell ${text}`);
      return XLSX.utils.decode_cell(key);
    };
    const completion = address('项目完成率');
    sheet[XLSX.utils.encode_cell({ r: completion.r, c: completion.c + 1 })] = { t: 'n', v: 0.98, z: '0%' };
    sheet[XLSX.utils.encode_cell(address('2020-12-31'))] = { t: 'n', v: 44195, z: 'yyyy-mm-dd' };
    const total = address('项目总预算（元）');
    sheet[XLSX.utils.encode_cell({ r: total.r, c: total.c + 1 })] = { t: 'n', v: 41000000.5 };
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([['财政项目支出绩效目标表'], ['（2021年度）']]),
      '草稿',
    );
    workbook.Workbook = { Sheets: workbook.SheetNames.map((_, i) => ({ Hidden: i === 1 ? 1 : 0 })) };
    const xls = new Uint8Array(XLSX.write(workbook, { bookType: 'xls', type: 'array' }) as ArrayBuffer);
    const read = await importXls(xls);
    expect(read.warnings).toEqual([]);
    const [back] = read.tables;
    expect(read.tables).toHaveLength(1);
    expect(back?.indicators[9]?.target).toMatchObject({ raw: '98%', value: 98, unit: '%' });
    expect(back?.endDate).toBe('2020-12-30');
    expect(back?.budget.total).toBe(41000000.5);
    expect(read.sourceText).not.toContain('2021');
  });

  it('flattens a sheet in another layout into text rows for the text importer', async () => {
    const rows = seedText.split('\n').map((line) => (line.trim() === '' ? [] : line.trim().split(/\s+/)));
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const xls = new Uint8Array(XLSX.write(workbook, { bookType: 'xls', type: 'array' }) as ArrayBuffer);
    const read = await importXls(xls);
    expect(read.tables.map((t) => t.indicators.length)).toEqual([15, 17, 15]);
    expect(read.tables[1]?.budget).toEqual(seedTables()[1]?.budget);
  });

  it('reads up to 64 columns and says so when a cell lies beyond', async () => {
    const workbook = XLSX.read(await layoutToXlsx(officialLayout(seedTables()[0]!, 'zh')), { type: 'array' });
    const sheet = workbook.Sheets[workbook.SheetNames[0]!]!;
    sheet[XLSX.utils.encode_cell({ r: 2, c: 199 })] = { t: 's', v: '备注' };
    sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 60, c: 199 } });
    const xls = new Uint8Array(XLSX.write(workbook, { bookType: 'xls', type: 'array' }) as ArrayBuffer);
    const read = await importXls(xls);
    expect(read.tables).toEqual([seedTables()[0]]);
    expect(read.warnings).toEqual([expect.objectContaining({ code: 'import.xlsx_clipped', line: 1 })]);
  });

  it('reads an Excel 95 (BIFF5) workbook whose text is stored in the GBK code page', async () => {
    // SheetJS writes BIFF5 text in code page 1252 only: ASCII placeholders of the same byte length are
    // replaced by GBK bytes and the CODEPAGE record set to 936, as a Chinese Excel 95 saves it.
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        ['AAAAAAAA', 'BBBB'],
        [1, 0.5],
      ]),
      'S',
    );
    const bytes = Buffer.from(XLSX.write(workbook, { bookType: 'biff5', type: 'array' }) as ArrayBuffer);
    iconv.encode('项目名称', 'gbk').copy(bytes, bytes.indexOf('AAAAAAAA'));
    iconv.encode('科创', 'gbk').copy(bytes, bytes.indexOf('BBBB'));
    const codepage = bytes.indexOf(Buffer.from([0x42, 0x00, 0x02, 0x00]));
    bytes.writeUInt16LE(936, codepage + 4);
    const read = await importXls(new Uint8Array(bytes));
    expect(read.sourceText).toBe('项目名称 科创\n1 0.5\n');
  });

  it('a damaged .xls → import.xls_unreadable, bilingual and located at the file', async () => {
    const xls = toXls(await layoutToXlsx(officialLayout(seedTables()[0]!, 'zh')));
    // The record after the workbook's BOF claims to run past the end of the stream.
    const damaged = xls.slice();
    const bof = Buffer.from(damaged).indexOf(Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]));
    damaged.set([0xff, 0x7f], bof + 22);
    const error = await parseFile({ name: '决算.xls', bytes: damaged }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'import.xls_unreadable', location: { file: '决算.xls' } });
    expect((error as AppError).zh).toContain('.xlsx');
    expect((error as AppError).en).toMatch(/legacy Excel/);
  });
});
