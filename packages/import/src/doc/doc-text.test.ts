import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { layoutToDocx } from '@jixiao/export/layout-docx';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { describe, expect, it } from 'vitest';
import { extractDocxText } from '../docx/docx-text.ts';
import { parseFile } from '../parse-file.ts';
import { blocksOf, buildDoc } from './doc.fixtures.ts';
import { extractDocText } from './doc-text.ts';

describe('extractDocText', () => {
  it('reads paragraphs one per line and a table row per line with tab-separated cells', async () => {
    const doc = buildDoc([
      '绩效目标表',
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出', '数量', '完成率', '≥95%'],
      '“完”',
    ]);
    expect(await extractDocText(doc)).toBe(
      '绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n产出\t数量\t完成率\t≥95%\n“完”\n',
    );
  });

  it('imports a seed table from a .doc holding the exported Word form’s paragraphs and table rows', async () => {
    const table = seedTables()[0]!;
    const docx = new Uint8Array(await layoutToDocx(officialLayout(table, 'zh')));
    const docxText = await extractDocxText(docx);
    const parsed = await parseFile({ name: '绩效目标表.doc', bytes: buildDoc(blocksOf(docxText)) });
    expect(parsed.tables).toEqual([table]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.sourceText).toBe(docxText);
  });

  it('reads the levels of rows whose level cells Word merged down (a .doc stores them empty)', async () => {
    const table = seedTables()[1]!;
    const docxText = await extractDocxText(new Uint8Array(await layoutToDocx(officialLayout(table, 'zh'))));
    let previous: string[] = [];
    const blocks = blocksOf(docxText).map((block) => {
      if (typeof block === 'string') return block;
      const merged = block.map((cell, i) =>
        i < 2 && block[i] === previous[i] && block.slice(0, i).every((c, j) => c === previous[j]) ? '' : cell,
      );
      previous = block;
      return merged;
    });
    expect(blocks.some((b) => Array.isArray(b) && b[0] === '')).toBe(true);
    const parsed = await parseFile({ name: '展厅.doc', bytes: buildDoc(blocks) });
    expect(parsed.tables).toEqual([table]);
  });

  it('a damaged .doc → import.doc_unreadable, bilingual and located at the file', async () => {
    const damaged = buildDoc(['项目名称']);
    // The WordDocument stream starts with the FIB's magic number, which the reader checks.
    const fib = Buffer.from(damaged).indexOf(Buffer.from([0xec, 0xa5, 0xc1, 0x00]));
    damaged.set([0, 0], fib);
    const error = await parseFile({ name: '旧表.doc', bytes: damaged }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'import.doc_unreadable', location: { file: '旧表.doc' } });
    expect((error as AppError).zh).toContain('.docx');
    expect((error as AppError).en).toMatch(/legacy Word/);
  });
});
