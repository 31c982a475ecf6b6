import { readFileSync } from 'node:fs';
import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { frameworks } from '@jixiao/core/frameworks/frameworks';
import { layoutToXlsx } from '@jixiao/export/layout-xlsx';
import { buildSelfEvaluation, seedTables } from '@jixiao/export/testing/export-fixtures';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import { importWorkbook } from './xlsx-import.ts';

const seedText = readFileSync(new URL('../../../../fixtures/seed.txt', import.meta.url), 'utf8');

async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('importWorkbook', () => {
  it('reads each seed table back from its own exported workbook, equal to what was exported', async () => {
    for (const table of seedTables()) {
      const bytes = await layoutToXlsx(officialLayout(table, 'zh'));
      const read = await importWorkbook(bytes);
      expect(read.warnings).toEqual([]);
      expect(read.tables).toEqual([table]);
    }
  });

  it('keeps the cut-off mark, the supervising department and the project code', async () => {
    const seed = seedTables()[0]!;
    const table = {
      ...seed,
      incomplete: true,
      supervisingDepartment: '上海市人民政府',
      code: 'SH-2020-001',
    };
    // The national form prints 主管部门 and 项目编码; Shanghai's has no row for them.
    const national = frameworks.get('national-2020')!.form;
    const read = await importWorkbook(await layoutToXlsx(officialLayout(table, 'zh', national)));
    expect(read.tables).toEqual([table]);
    const shanghai = await importWorkbook(await layoutToXlsx(officialLayout(table, 'zh')));
    expect(shanghai.tables).toEqual([{ ...seed, incomplete: true }]);
  });

  it('round-trips a table without indicators and with line breaks in a narrative', async () => {
    const table = {
      ...seedTables()[2]!,
      indicators: [],
      narrative: { overview: '第一段。\n第二段：\n1、展厅；2、物业。' },
    };
    const read = await importWorkbook(await layoutToXlsx(officialLayout(table, 'zh')));
    expect(read.warnings).toEqual([]);
    expect(read.tables).toEqual([
      {
        ...table,
        narrative: {
          ...table.narrative,
          basis: null,
          necessity: null,
          safeguards: null,
          plan: null,
          goals: null,
        },
      },
    ]);
  });

  it('reads all three seed tables from one workbook through parseFile', async () => {
    const tables = seedTables();
    const bytes = await layoutToXlsx(tables.map((t) => officialLayout(t, 'zh')));
    const parsed = await parseFile({ name: '绩效目标表.xlsx', bytes });
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
    // The source text shows the workbook row by row, as the import preview displays it.
    const lines = parsed.sourceText.split('\n');
    expect(lines[0]).toBe('财政项目支出绩效目标表');
    expect(lines).toContain('项目总预算（元） 41098620 项目当年预算（元） 41098620');
    expect(lines).toContain('投入与管理 投入管理 预算编制合理性 合理');
  });

  it('round-trips a self-evaluation with weights, scores and fen, in English labels too', async () => {
    const table = buildSelfEvaluation();
    // The 自评表 prints no 指标方向 column (the operator says it): the directions do not come back.
    const printed = { ...table, indicators: table.indicators.map((i) => ({ ...i, direction: undefined })) };
    for (const locale of ['zh', 'en'] as const) {
      const read = await importWorkbook(await layoutToXlsx(officialLayout(table, locale)));
      expect(read.warnings).toEqual([]);
      expect(read.tables).toEqual([printed]);
    }
  });

  it('takes edits a user made in Excel: typed numbers, a percentage cell, a date cell, an emptied cell', async () => {
    const [table] = seedTables();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(officialLayout(table!, 'zh'))) as never);
    const sheet = workbook.worksheets[0]!;
    const find = (text: string) => {
      for (let r = 1; r <= sheet.rowCount; r++) {
        for (let c = 1; c <= sheet.columnCount; c++) {
          if (sheet.getCell(r, c).value === text) return sheet.getCell(r, c);
        }
      }
      throw new Error(`no cell ${text}`);
    };
    const completion = find('项目完成率');
    const target = sheet.getCell(Number(completion.row), Number(completion.col) + 1);
    target.value = 0.98;
    target.numFmt = '0%';
    const end = find('2020-12-31');
    end.value = new Date(Date.UTC(2020, 11, 30));
    const total = find('项目总预算（元）');
    sheet.getCell(Number(total.row), Number(total.col) + 1).value = '41,000,000.50';
    find('按照各项目工作实施计划执行').value = null;

    const read = await importWorkbook(await workbookBytes(workbook));
    expect(read.warnings).toEqual([]);
    const [back] = read.tables;
    expect(back?.indicators[9]?.target).toMatchObject({
      raw: '98%',
      kind: 'quantitative',
      value: 98,
      unit: '%',
    });
    expect(back?.endDate).toBe('2020-12-30');
    expect(back?.budget.total).toBe(41000000.5);
    expect(back?.narrative.plan).toBeNull();
    expect(back?.indicators).toHaveLength(15);
  });

  it('warns, located at the row, when a money cell cannot be read', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(officialLayout(seedTables()[2]!, 'zh'))) as never);
    const sheet = workbook.worksheets[0]!;
    let row = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(1).value === '项目总预算（元）') row = n;
    });
    sheet.getCell(row, 2).value = '约一千万';
    const read = await importWorkbook(await workbookBytes(workbook));
    expect(read.warnings).toEqual([
      expect.objectContaining({ code: 'import.xlsx_bad_amount', line: row, path: 'budget.total' }),
    ]);
    expect(read.tables[0]?.budget.total).toBeUndefined();
    expect(read.sourceText.split('\n')[row - 1]).toContain('约一千万');
  });

  it('flattens a workbook in another layout into text rows for the text importer', async () => {
    // The seed as someone pasted it into Excel: one printed line per row, cells split at spaces.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    for (const line of seedText.split('\n')) sheet.addRow(line.trim() === '' ? [] : line.trim().split(/\s+/));
    const read = await importWorkbook(await workbookBytes(workbook));
    expect(read.tables.map((t) => t.name)).toEqual([
      '科创中心建设工作经费',
      '科创中心展厅运营经费',
      '未来公园展厅运营经费',
    ]);
    expect(read.tables.map((t) => t.indicators.length)).toEqual([15, 17, 15]);
    expect(read.tables[1]?.budget).toEqual(seedTables()[1]?.budget);
    expect(read.sourceText).toContain('项目名称： 科创中心建设工作经费 项目类别： 经常性专项业务费');
  });

  it('reads a sheet with content far to the right only up to 64 columns, and says so', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(officialLayout(seedTables()[0]!, 'zh'))) as never);
    workbook.worksheets[0]!.getCell(3, 200).value = '备注';
    const read = await importWorkbook(await workbookBytes(workbook));
    expect(read.tables).toEqual([seedTables()[0]]);
    expect(read.warnings).toEqual([expect.objectContaining({ code: 'import.xlsx_clipped', line: 1 })]);
  });

  it('rejects damaged files and old or encrypted Excel files with import.* codes', async () => {
    const damaged = await importWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])).catch(
      (e) => e,
    );
    expect(damaged).toBeInstanceOf(AppError);
    expect(damaged).toMatchObject({ code: 'import.xlsx_unreadable' });
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const legacy = await importWorkbook(ole).catch((e) => e);
    expect(legacy).toMatchObject({ code: 'import.xlsx_unsupported' });
    expect((legacy as AppError).zh).toContain('.xlsx');
  });
});
