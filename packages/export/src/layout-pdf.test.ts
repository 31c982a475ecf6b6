import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { extractPdfPages, extractPdfText } from '@jixiao/import/pdf/pdf-text';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser, sharedBrowser } from './chromium.ts';
import { layoutToPdf } from './layout-pdf.ts';
import { buildSelfEvaluation, longTable, seedTable } from './testing/export-fixtures.ts';

// One browser for the whole file: launching chromium is the slow part.
afterAll(closeSharedBrowser);

const outputDir = new URL('../../../test-output/export/', import.meta.url);

function pdfinfo(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
  const file = join(dir, 'form.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}

describe('layoutToPdf', () => {
  it('prints the seed form to an A4 PDF whose text layer reads as the form', async () => {
    const pdf = await layoutToPdf(officialLayout(seedTable(1), 'zh'));
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(new URL('seed-table-2.pdf', outputDir), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfinfo(pdf);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);

    const lines = (await extractPdfText(pdf)).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '财政项目支出绩效目标表',
      '（2020年度）',
      '申报单位名称：\t上海推进科技创新中心建设办公室',
      '项目名称：\t科创中心展厅运营经费\t项目类别：\t经常性专项业务费',
    ]);
    expect(lines).toContain(
      '同名项目上年预算额（元）：\t5,869,574\t同名项目上年预算执行数（元）：\t5,869,574',
    );
    expect(lines).toContain('投入与管理\t投入管理\t预算编制合理性\t合理');
    expect(lines).toContain('提升园区科创成果知名度\t>=10%');
    // The page-number footer (第 1 页 / 共 2 页) is printed but is not part of the form's text.
    expect(lines.filter((l) => /^第\s*\d+\s*页/.test(l))).toEqual([]);
  });

  it('embeds the CJK faces as TrueType subsets, so the form looks the same on a machine without Chinese fonts', async () => {
    const pdf = await layoutToPdf(officialLayout(buildSelfEvaluation(), 'zh'));
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    const file = join(dir, 'self.pdf');
    writeFileSync(file, pdf);
    // Chromium embeds TrueType outlines as CID font subsets (ABCDEF+Name); CFF faces such as Noto CJK, or
    // a synthesised bold, would come out as Type 3 glyph drawings, several times larger.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const names = fonts.map((line) => line.split(/\s+/)[0] ?? '');
    for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+/);
    expect(names.map((name) => name.slice(7)).sort()).toEqual(['UMingCN', 'WenQuanYiMicroHei']);
    for (const line of fonts)
      expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('项目支出绩效自评表');
    expect(text).toContain('参观人员满意度');
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d\s*页/);
    // A page image for people to look at; a blank or tofu page would be far smaller.
    mkdirSync(outputDir, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    const png = readFileSync(join(dir, 'page.png'));
    writeFileSync(new URL('self-evaluation-page-1.png', outputDir), png);
    expect(png.byteLength).toBeGreaterThan(20_000);
  });

  it('repeats the column headings on every page of a long grid and keeps each level-2 group on one page', async () => {
    const table = longTable(50);
    const pdf = await layoutToPdf(officialLayout(table, 'zh'));
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(new URL('long-table-50.pdf', outputDir), pdf);
    // Two TrueType subsets instead of Type 3 drawings: 50 indicators over three pages stay small.
    expect(pdf.byteLength).toBeLessThan(150_000);
    const pages = (await extractPdfPages(pdf)).map((text) => text.split('\n'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const heading = '一级目标\t二级目标\t三级目标\t指标目标值';
    for (const lines of pages) {
      expect(lines.filter((line) => line === heading)).toHaveLength(1);
      // Rows follow the headings on every page: a page never ends on them.
      expect(lines.at(-1)).not.toBe(heading);
    }
    // The caption is printed once, above the first headings.
    expect(pages.flat().filter((line) => line === '2020年绩效目标')).toHaveLength(1);
    const pageOf = (name: string) =>
      pages.findIndex((lines) => lines.some((l) => l.split('\t').includes(name)));
    const groups = new Map<string, Set<number>>();
    for (const indicator of table.indicators) {
      const key = `${indicator.level1}/${indicator.level2}`;
      const onPages = groups.get(key) ?? new Set<number>();
      onPages.add(pageOf(indicator.name));
      groups.set(key, onPages);
    }
    expect(groups.size).toBe(9);
    for (const [group, onPages] of groups) {
      expect([...onPages], group).toHaveLength(1);
      expect([...onPages][0], group).toBeGreaterThanOrEqual(0);
    }
  });

  it('reuses one browser across calls and launches again after it is closed', async () => {
    const first = await sharedBrowser();
    await layoutToPdf(officialLayout(seedTable(2), 'zh'));
    expect(await sharedBrowser()).toBe(first);
    await closeSharedBrowser();
    const second = await sharedBrowser();
    expect(second).not.toBe(first);
    expect(second.isConnected()).toBe(true);
  });

  it('prints documents side by side on a small page pool and prints identical ones once', async () => {
    const layouts = [seedTable(0), seedTable(1), seedTable(2)].map((t) => officialLayout(t, 'en'));
    const pdfs = await Promise.all(layouts.map((l) => layoutToPdf(l)));
    const texts = await Promise.all(pdfs.map((pdf) => extractPdfText(pdf)));
    expect(texts.map((t) => t.split('\n')[3])).toEqual([
      'Project name:\t科创中心建设工作经费\tProject category:\t经常性专项业务费',
      'Project name:\t科创中心展厅运营经费\tProject category:\t经常性专项业务费',
      'Project name:\t未来公园展厅运营经费\tProject category:\t经常性专项业务费',
    ]);
    // The same document again comes from the cache: the very same bytes, no second print.
    expect(await layoutToPdf(layouts[1]!)).toBe(pdfs[1]);
  });

  it('says how to install chromium when it is missing', async () => {
    await closeSharedBrowser();
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      // A table no other test printed, so the answer cannot come from the cache.
      const unseen = { ...seedTable(0), name: '未打印过的项目' };
      const error = await layoutToPdf(officialLayout(unseen, 'zh')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'export.chromium_missing' });
      expect((error as AppError).zh).toContain('scripts/ensure-system-deps.sh');
      expect((error as AppError).en).toContain('scripts/ensure-system-deps.sh');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
