import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { layoutToPdf } from '@jixiao/export/layout-pdf';
import { longTable, seedTables } from '@jixiao/export/testing/export-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import { extractPdfText, linesFromRuns, type TextRun } from './pdf-text.ts';

// One chromium for the file, closed at the end.
afterAll(closeSharedBrowser);

function run(text: string, x: number, y: number, size = 10): TextRun {
  // CJK glyphs are one em wide, Latin ones about half.
  const width = [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/u.test(ch) ? size : size / 2), 0);
  return { text, x, y, width, size };
}

/** A minimal PDF with correct cross-reference offsets, from its numbered objects. */
function buildPdf(objects: string[], trailer = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';

describe('linesFromRuns', () => {
  it('joins runs on one baseline left to right, tolerating the small shifts of mixed font sizes', () => {
    const lines = linesFromRuns([
      run('经常性专项业务费', 420, 705.4, 10.5),
      run('项目名称：', 45, 706.2),
      run('科创中心', 170, 705.4, 10.5),
      run('展厅运营经费', 212, 705.4, 10.5),
      run('项目类别：', 300, 706.2),
      run('申报单位名称：', 45, 728),
    ]);
    // The gaps between label and value cells are column gaps: tabs, as Word gives table cells.
    expect(lines).toEqual([
      '申报单位名称：',
      '项目名称：\t科创中心展厅运营经费\t项目类别：\t经常性专项业务费',
    ]);
  });

  it('turns a space run or a word gap into one space, a column gap into a tab, and folds look-alikes', () => {
    const lines = linesFromRuns([
      run('Budget', 10, 100),
      run(' ', 40, 100),
      run('unit', 42, 100),
      run('项\u2F6C⻓效管理', 10, 80),
      run('客\u2F3E', 10, 60),
      // 4 points (0.4 em) after 客户: a word gap; 12.5 points after 元／亩: a column gap.
      run('元\u2215亩', 34, 60),
      run('80%\u301C90%', 71.5, 60),
      run('80%\u2012100%', 10, 40),
    ]);
    expect(lines).toEqual(['Budget unit', '项目长效管理', '客户 元／亩\t80%～90%', '80%–100%']);
  });
  // A scored row over three lines, then a row whose level label and 得分说明 wrap: 9-point text, lines
  // 13 points apart, rows 18 (cell padding and a border between them).
  const wrappedRows = (rowGap: number) => {
    const second = 474 - rowGap;
    return [
      run('产出指标', 60, 500, 9),
      run('培训人次', 180, 500, 9),
      run('50', 300, 500, 9),
      run('正向指标未达标：得分 = 分值 × 实', 400, 500, 9),
      run('疫情停课；下年度补', 560, 500, 9),
      run('际值 ÷ 目标值 = 50.00 × 80 ÷ 100', 400, 487, 9),
      run('足', 560, 487, 9),
      run('= 40.00。', 400, 474, 9),
      run('服务对象满意度', 100, second, 9),
      run('满意度', 180, second, 9),
      run('40', 300, second, 9),
      run('实际值 95 超过目标值 90，得满分 4', 400, second, 9),
      run('指标', 115, second - 13, 9),
      run('0.00（超额完成不加分）。', 400, second - 13, 9),
    ];
  };

  it('joins the wrapped lines of a table row into its cells, each under the cell it continues', () => {
    expect(linesFromRuns(wrappedRows(18))).toEqual([
      '产出指标\t培训人次\t50\t正向指标未达标：得分 = 分值 × 实际值 ÷ 目标值 = 50.00 × 80 ÷ 100 = 40.00。\t疫情停课；下年度补足',
      '服务对象满意度指标\t满意度\t40\t实际值 95 超过目标值 90，得满分 40.00（超额完成不加分）。',
    ]);
  });

  it('leaves the lines apart where rows sit one line pitch apart (no way to tell a wrap from a row)', () => {
    expect(linesFromRuns(wrappedRows(13))).toEqual([
      '产出指标\t培训人次\t50\t正向指标未达标：得分 = 分值 × 实\t疫情停课；下年度补',
      '际值 ÷ 目标值 = 50.00 × 80 ÷ 100\t足',
      '= 40.00。',
      '服务对象满意度\t满意度\t40\t实际值 95 超过目标值 90，得满分 4',
      '指标\t0.00（超额完成不加分）。',
    ]);
  });

  it('joins wrapped English as the export cut it: inside a word or number, or at a space before an operator', () => {
    const lines = linesFromRuns([
      run('Level 1', 60, 300, 9),
      run('Positive indicator missed: weigh', 200, 300, 9),
      // Both lines full to the column's edge (32 half-em characters): no room was left at either break.
      run('t × actual ÷ target = 104.68 × 8', 200, 287, 9),
      run('8 ÷ 95 = 4.34.', 200, 274, 9),
      run('Level 2', 60, 256, 9),
      run('full', 200, 256, 9),
    ]);
    expect(lines).toEqual([
      'Level 1\tPositive indicator missed: weight × actual ÷ target = 104.68 × 88 ÷ 95 = 4.34.',
      'Level 2\tfull',
    ]);
  });
});

describe('extractPdfText', () => {
  it('imports each seed table back, exported alone, to the same table', async () => {
    for (const table of seedTables()) {
      const pdf = await layoutToPdf(officialLayout(table, 'zh'));
      const parsed = await parseFile({ name: `${table.name}.pdf`, bytes: pdf });
      expect(parsed.tables).toEqual([table]);
      expect(parsed.sourceText.startsWith('财政项目支出绩效目标表\n（2020年度）\n')).toBe(true);
    }
  });

  it('imports a table of 50 indicators back over its page breaks, the repeated column headings skipped', async () => {
    const table = longTable(50);
    const pdf = await layoutToPdf(officialLayout(table, 'zh'));
    const parsed = await parseFile({ name: 'long.pdf', bytes: pdf });
    expect(parsed.tables).toEqual([table]);
  });

  it('imports all three seed tables back from one PDF', async () => {
    const tables = seedTables();
    const pdf = await layoutToPdf(tables.map((t) => officialLayout(t, 'zh')));
    const parsed = await parseFile({ name: 'seed.pdf', bytes: new Uint8Array(pdf) });
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
  });

  it('imports all three seed tables back from one PDF printed with English labels', async () => {
    const tables = seedTables();
    const pdf = await layoutToPdf(tables.map((t) => officialLayout(t, 'en')));
    const parsed = await parseFile({ name: 'seed-en.pdf', bytes: new Uint8Array(pdf) });
    expect(
      parsed.sourceText.startsWith('Performance Targets of Project Expenditure\n(Fiscal year 2020)\n'),
    ).toBe(true);
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads text drawn with a standard font and leaves the caller’s bytes intact', async () => {
    const pdf = buildPdf([
      catalog,
      pages,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      '<< /Length 120 >>\nstream\nBT /F1 12 Tf 72 700 Td (Project A) Tj ET BT /F1 12 Tf 72 680 Td (100%) Tj ET BT /F1 8 Tf 280 30 Td (Page 1 of 1) Tj ET\nendstream',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const before = pdf.slice();
    // The page number in the bottom margin is not part of the text.
    expect(await extractPdfText(pdf)).toBe('Project A\n100%\n');
    expect(pdf).toEqual(before);
  });

  it('reads a page saved with /Rotate 90 in the rows it shows', async () => {
    // Drawn along +y, so that it reads left to right once the page is turned a quarter clockwise.
    const content =
      'BT /F1 12 Tf 0 1 -1 0 100 72 Tm (Line A) Tj ET BT /F1 12 Tf 0 1 -1 0 120 72 Tm (Line B) Tj ET';
    const pdf = buildPdf([
      catalog,
      pages,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    expect(await extractPdfText(pdf)).toBe('Line A\nLine B\n');
  });

  it('says a scanned PDF has no text layer', async () => {
    const pdf = buildPdf([
      catalog,
      pages,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      '<< /Length 24 >>\nstream\n0 0 0 rg 72 72 400 600 re f\nendstream',
    ]);
    const error = await extractPdfText(pdf).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'import.pdf_no_text' });
    expect((error as AppError).zh).toContain('扫描件');
    expect((error as AppError).en).toContain('OCR');
  });

  it('says an encrypted PDF needs its password removed', async () => {
    const hex = (byte: string) => `<${byte.repeat(32)}>`;
    const pdf = buildPdf(
      [
        catalog,
        pages,
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
        `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O ${hex('4f')} /U ${hex('55')} >>`,
      ],
      `/Encrypt 4 0 R /ID [${hex('01').slice(0, 34)}> ${hex('01').slice(0, 34)}>] `,
    );
    const error = await extractPdfText(pdf).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'import.pdf_encrypted' });
    expect((error as AppError).zh).toContain('密码');
  });

  it('refuses a PDF longer than any budget publication', async () => {
    const count = 501;
    const kids = Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(' ');
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
    const pdf = buildPdf([
      catalog,
      `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
      ...Array.from({ length: count }, () => page),
    ]);
    const error = await extractPdfText(pdf).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import.pdf_too_long' });
    expect((error as AppError).zh).toContain('501 页');
  });

  it('says a damaged or fake PDF cannot be read', async () => {
    const fake = await extractPdfText(new TextEncoder().encode('hello, not a pdf')).catch((e: unknown) => e);
    expect(fake).toMatchObject({ code: 'import.pdf_corrupt' });
    const damaged = await extractPdfText(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Ty')).catch(
      (e: unknown) => e,
    );
    expect(damaged).toBeInstanceOf(AppError);
    expect(damaged).toMatchObject({ code: 'import.pdf_corrupt' });
  });
});
