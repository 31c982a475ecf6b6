import { officialLayout } from '@jixiao/core/export/official-layout';
import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import { buildTrainingSelfEvaluation } from '@jixiao/core/scoring/self-evaluation.factory';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentDisposition, documentFileName, renderDocument } from './layout-document.ts';
import { layoutToDocx } from './layout-docx.ts';
import { seedTable, seedTables } from './testing/export-fixtures.ts';

/** A part of a .docx as text (the main part by default). */
function documentXml(docx: Buffer, name = 'word/document.xml'): string {
  const part = unzipSync(new Uint8Array(docx))[name];
  if (!part) throw new Error(`no ${name}`);
  return strFromU8(part);
}

/** Every table's rows, each row's cells with their text and merge properties. */
function tables(xml: string): { text: string; span: number; vMerge: string | null }[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl]) =>
    [...(tbl ?? '').matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map(([, tr]) =>
      [...(tr ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => ({
        text: [...(tc ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
        span: Number(/<w:gridSpan w:val="(\d+)"/.exec(tc ?? '')?.[1] ?? 1),
        vMerge: /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc ?? '')
          ? (/<w:vMerge w:val="(\w+)"/.exec(tc ?? '')?.[1] ?? 'continue')
          : null,
      })),
    ),
  );
}

describe('layoutToDocx', () => {
  it('writes the seed form on A4 portrait in 宋体: title, year line, labelled header and money rows', async () => {
    const docx = await layoutToDocx(officialLayout(seedTable(0), 'zh'));
    const xml = documentXml(docx);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // 宋体 五号 is the document default; headings name 黑体.
    expect(documentXml(docx, 'word/styles.xml')).toMatch(
      /<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"[^>]*\/><w:sz w:val="21"\/>/,
    );
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml.indexOf('财政项目支出绩效目标表')).toBeLessThan(xml.indexOf('（2020年度）'));
    const [header, narratives, money, grid] = tables(xml);
    expect(header?.[0]?.map((c) => [c.text, c.span])).toEqual([
      ['申报单位名称：', 1],
      ['上海推进科技创新中心建设办公室', 3],
    ]);
    expect(narratives?.map((r) => r[0]?.text)).toContain('立项依据：');
    expect(money?.[0]?.[0]).toMatchObject({ text: '本项目上年度市级财政资金使用情况', span: 4 });
    expect(money?.[1]?.map((c) => c.text)).toEqual([
      '项目总预算（元）：',
      '41,098,620',
      '项目当年预算（元）：',
      '41,098,620',
    ]);
    expect(grid?.[1]?.map((c) => c.text)).toEqual(['一级目标', '二级目标', '三级目标', '指标目标值']);
  });

  it('merges level-1 and level-2 cells down the grid with vMerge, as the printed form does', async () => {
    const table = seedTable(1);
    const xml = documentXml(await layoutToDocx(officialLayout(table, 'zh')));
    const grid = tables(xml)[3] ?? [];
    const rows = grid.slice(2);
    expect(rows).toHaveLength(table.indicators.length);
    // Every row has all four cells: a merged level cell continues with an empty vMerge cell.
    expect(rows.every((r) => r.length === 4)).toBe(true);
    const level1 = rows.map((r) => (r[0]?.vMerge === 'continue' ? '' : r[0]?.text));
    expect(level1.filter(Boolean)).toEqual([...new Set(table.indicators.map((i) => i.level1))]);
    expect(rows[0]?.[0]?.vMerge).toBe('restart');
    expect(rows[1]?.[0]).toMatchObject({ vMerge: 'continue', text: '' });
    // 投入管理 covers the first three rows at level 2, then 财务管理 starts.
    expect(rows.slice(0, 4).map((r) => [r[1]?.text, r[1]?.vMerge])).toEqual([
      ['投入管理', 'restart'],
      ['', 'continue'],
      ['', 'continue'],
      ['财务管理', 'restart'],
    ]);
    expect(rows.map((r) => r[2]?.text)).toEqual(table.indicators.map((i) => i.name));
  });

  it('prints a wide 自评表 grid on a landscape page, one section per form when given several', async () => {
    const { table, entry, score } = buildTrainingSelfEvaluation();
    const self = selfEvaluationLayout(table, entry, score, 'zh');
    const xml = documentXml(await layoutToDocx([officialLayout(seedTable(2), 'zh'), self]));
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    expect(sizes).toEqual([
      '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>',
      '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
    ]);
    expect(xml).toContain('自评总分 89.50 分，评价等级：良');
    expect(xml).toContain('得分说明');
  });

  it('is served by renderDocument with the Word content type and a .docx file name', async () => {
    const doc = await renderDocument(
      seedTables().map((t) => officialLayout(t, 'zh')),
      'docx',
    );
    expect(doc.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.extension).toBe('docx');
    expect(documentXml(doc.body).match(/财政项目支出绩效目标表/g)).toHaveLength(3);
    expect(contentDisposition(documentFileName(['科创中心', '2020'], 'docx'))).toContain(
      "filename*=UTF-8''%E7%A7%91%E5%88%9B%E4%B8%AD%E5%BF%83-2020.docx",
    );
  });
});
