import { AppError } from '@jixiao/core/errors/app-error';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { layoutToDocx } from '@jixiao/export/layout-docx';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import {
  buildSeedSelfEvaluation,
  buildTrainingScored,
  layoutOf,
  printedSelfEvaluation,
  readSelfEvaluation,
} from '../text/self-evaluation-roundtrip.fixtures.ts';
import { documentXmlText, extractDocxText } from './docx-text.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A document.xml around the given body XML. */
function body(xml: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${xml}</w:body></w:document>`;
}

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${p(text)}</w:tc>`;

/** Error thrown by parseFile for these bytes, with its code, messages and location checked. */
async function refusal(name: string, bytes: Uint8Array): Promise<AppError> {
  const error = await parseFile({ name, bytes }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.en).toMatch(/[a-z]/);
  expect(e.location?.file).toBe(name);
  return e;
}

/** A minimal OLE compound file header followed by a directory entry name (UTF-16LE), as Office writes. */
function compoundFile(streamName: string): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from(streamName, 'utf16le'),
      Buffer.alloc(64),
    ]),
  );
}

async function wordFile(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('documentXmlText', () => {
  it('reads paragraphs and table rows in document order, a tab-separated line per row', () => {
    const xml = body(
      [
        p('标题'),
        `<w:tbl><w:tr>${tc('一')}${tc('二')}</w:tr><w:tr>${tc('三')}${tc('四')}</w:tr></w:tbl>`,
        p('结尾'),
      ].join(''),
    );
    expect(documentXmlText(xml)).toBe('标题\n一\t二\n三\t四\n结尾\n');
  });

  it('repeats a vertically merged cell in every row it covers and writes a spanned cell once', () => {
    const restart = '<w:vMerge w:val="restart"/>';
    const cont = '<w:vMerge/>';
    const xml = body(
      `<w:tbl>${[
        `<w:tr>${tc('绩效目标', '<w:gridSpan w:val="3"/>')}</w:tr>`,
        `<w:tr>${tc('产出指标', restart)}${tc('数量指标', restart)}${tc('≥3栋')}</w:tr>`,
        `<w:tr>${tc('', cont)}${tc('', cont)}${tc('≥2栋')}</w:tr>`,
        `<w:tr>${tc('', cont)}${tc('质量指标')}${tc('100%')}</w:tr>`,
      ].join('')}</w:tbl>`,
    );
    expect(documentXmlText(xml).split('\n')).toEqual([
      '绩效目标',
      '产出指标\t数量指标\t≥3栋',
      '产出指标\t数量指标\t≥2栋',
      '产出指标\t质量指标\t100%',
      '',
    ]);
  });

  it('keeps a cell’s paragraphs, tabs and breaks in its cell, and a nested table inside its cell', () => {
    const cell = `<w:tc><w:p><w:r><w:t>第一段</w:t><w:tab/><w:t>续</w:t><w:br/><w:t>换行</w:t></w:r></w:p>${p('第二段')}</w:tc>`;
    const nested = `<w:tc><w:tbl><w:tr>${tc('内1')}${tc('内2')}</w:tr></w:tbl>${p('')}</w:tc>`;
    const xml = body(`<w:tbl><w:tr>${cell}${nested}</w:tr></w:tbl>`);
    expect(documentXmlText(xml)).toBe('第一段 续 换行 第二段\t内1 内2\n');
  });

  it('reads a tab between runs as a cell break outside tables, and skips deleted, field-code and fallback text', () => {
    const xml = body(
      [
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr>',
        '<w:r><w:t>项目名称：</w:t></w:r><w:r><w:tab/><w:t>学校维修</w:t></w:r>',
        '<w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>',
        '<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>',
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">',
        '<mc:Choice Requires="wps"><w:t>选中</w:t></mc:Choice><mc:Fallback><w:t>备用</w:t></mc:Fallback>',
        '</mc:AlternateContent></w:r></w:p>',
      ].join(''),
    );
    expect(documentXmlText(xml)).toBe('项目名称：\t学校维修\n选中\n');
  });
});

describe('Word documents exported by layoutToDocx import back', () => {
  it('each seed table alone, equal to the seed fixture', async () => {
    for (const table of seedTables()) {
      const bytes = await layoutToDocx(officialLayout(table, 'zh'));
      const parsed = await parseFile({ name: `${table.name}.docx`, bytes: new Uint8Array(bytes) });
      expect(parsed.tables).toEqual([table]);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.sourceText.startsWith('财政项目支出绩效目标表\n（2020年度）\n申报单位名称：\t')).toBe(
        true,
      );
    }
  });

  it('all three seed tables from one document', async () => {
    const tables = seedTables();
    const bytes = await layoutToDocx(tables.map((t) => officialLayout(t, 'zh')));
    const parsed = await parseFile({ name: 'seed.docx', bytes: new Uint8Array(bytes) });
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
  });

  it('all three seed tables from one document printed with English labels', async () => {
    const tables = seedTables();
    const bytes = await layoutToDocx(tables.map((t) => officialLayout(t, 'en')));
    const parsed = await parseFile({ name: 'seed-en.docx', bytes: new Uint8Array(bytes) });
    expect(parsed.sourceText.startsWith('Performance Targets of Project Expenditure\n')).toBe(true);
    expect(parsed.tables).toEqual(tables);
    expect(parsed.warnings).toEqual([]);
  });

  for (const [what, build] of [
    ['the training project', buildTrainingScored],
    ['the demo year-end self-evaluation of the first seed table', buildSeedSelfEvaluation],
  ] as const) {
    for (const locale of ['zh', 'en'] as const) {
      it(`a scored 自评表 (${what}, ${locale} labels): every indicator with weight, actual, score, 得分说明 and reasons`, async () => {
        const scored = build();
        const bytes = await layoutToDocx(layoutOf(scored, locale));
        const parsed = await parseFile({ name: '自评表.docx', bytes: new Uint8Array(bytes) });
        expect(parsed.tables).toHaveLength(1);
        expect(readSelfEvaluation(parsed.tables[0], true)).toEqual(
          printedSelfEvaluation(scored, locale, true),
        );
        expect(parsed.tables[0]?.incomplete).toBe(false);
      });
    }
  }
});

describe('hand-made Word documents in other layouts', () => {
  const cell = (text: string, options: { span?: number; rows?: number } = {}) =>
    new TableCell({
      children: text.split('\n').map((line) => new Paragraph(line)),
      ...(options.span ? { columnSpan: options.span } : {}),
      ...(options.rows ? { rowSpan: options.rows } : {}),
    });
  const row = (...cells: TableCell[]) => new TableRow({ children: cells });

  it('a 自评表 typed as one Word table: labels in their own cells, merged levels, paragraphs in a cell', async () => {
    const table = new Table({
      rows: [
        row(cell('项目支出绩效自评表\n（2023年度）', { span: 6 })),
        row(cell('项目名称'), cell('乡村道路维护', { span: 5 })),
        row(cell('实施单位'), cell('某某镇人民政府', { span: 5 })),
        row(
          cell('一级指标'),
          cell('二级指标'),
          cell('三级指标'),
          cell('年度指标值'),
          cell('实际完成值'),
          cell('得分'),
        ),
        row(
          cell('产出指标', { rows: 3 }),
          cell('数量指标'),
          cell('维护道路长度'),
          cell('≥20公里'),
          cell('22公里'),
          cell('20'),
        ),
        row(cell('质量指标', { rows: 2 }), cell('验收合格率'), cell('100%'), cell('100%'), cell('20')),
        row(cell('路面完好率'), cell('≥95%'), cell('96%'), cell('10')),
        row(
          cell('效益指标'),
          cell('社会效益指标'),
          cell('群众出行\n便利度'),
          cell('明显改善'),
          cell('达到预期'),
          cell('28'),
        ),
      ],
    });
    const parsed = await parseFile({ name: '自评表.docx', bytes: await wordFile([table]) });
    expect(parsed.tables).toHaveLength(1);
    const [read] = parsed.tables;
    expect(read).toMatchObject({ kind: 'self-evaluation', year: 2023, name: '乡村道路维护' });
    expect(
      read?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.actual ?? null, i.score]),
    ).toEqual([
      ['产出指标', '数量指标', '维护道路长度', '≥20公里', '22公里', 20],
      ['产出指标', '质量指标', '验收合格率', '100%', '100%', 20],
      ['产出指标', '质量指标', '路面完好率', '≥95%', '96%', 10],
      ['效益指标', '社会效益指标', '群众出行 便利度', '明显改善', '达到预期', 28],
    ]);
  });

  it('a form typed one cell per paragraph, with no Word table at all', async () => {
    const cells = [
      '项目支出绩效目标表',
      '（2024年度）',
      '项目名称',
      '老旧小区改造',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '产出指标',
      '数量指标',
      '改造小区数量',
      '≥12个',
      '效益指标',
      '社会效益指标',
      '受益居民户数',
      '≥3000户',
    ];
    const paragraphs = cells.flatMap((text) => [
      new Paragraph({ children: [new TextRun(text)] }),
      new Paragraph(''),
    ]);
    const [read] = (await parseFile({ name: 'form.docx', bytes: await wordFile(paragraphs) })).tables;
    expect(read?.name).toBe('老旧小区改造');
    expect(read?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '改造小区数量', '≥12个'],
      ['效益指标', '社会效益指标', '受益居民户数', '≥3000户'],
    ]);
  });
});

describe('bad Word input is refused with a located bilingual import.* error', () => {
  it('a .docx that is not a zip, or a damaged zip naming word/document.xml', async () => {
    expect(
      (await refusal('a.docx', new TextEncoder().encode('项目名称 这不是 Word 文档，只是改了扩展名'))).code,
    ).toBe('import.unknown_form');
    const damaged = new Uint8Array(
      Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04]),
        Buffer.alloc(26),
        Buffer.from('word/document.xml'),
      ]),
    );
    expect((await refusal('damaged.docx', damaged)).code).toBe('import.docx_corrupt');
    await expect(extractDocxText(new TextEncoder().encode('plain'))).rejects.toMatchObject({
      code: 'import.docx_corrupt',
    });
  });

  it('a zip without word/document.xml, and one whose document.xml is not XML', async () => {
    const noMain = zipSync({ 'word/styles.xml': strToU8('<w:styles/>'), 'readme.txt': strToU8('hi') });
    expect((await refusal('empty.docx', noMain)).code).toBe('import.docx_no_document');
    const notXml = zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p>') });
    expect((await refusal('broken.docx', notXml)).code).toBe('import.docx_corrupt');
  });

  it('follows _rels/.rels to a main part with another name', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>`;
    const zip = zipSync({
      '_rels/.rels': strToU8(rels),
      'word/document2.xml': strToU8(body(p('第二个正文'))),
    });
    expect(await extractDocxText(zip)).toBe('第二个正文\n');
  });

  it('a body that would inflate beyond the limit is refused before inflating it', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(65 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect((await refusal('bomb.docx', bomb)).code).toBe('import.docx_too_large');
  });

  it('a body whose zip headers understate its size is refused as it inflates, not after', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20) }, { level: 9 });
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    // Declare 100 bytes for document.xml in its local header and in the central directory.
    for (let at = 0; at + 4 < bomb.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x04034b50) view.setUint32(at + 22, 100, true);
      if (signature === 0x02014b50) view.setUint32(at + 24, 100, true);
    }
    const refused = await refusal('lying.docx', bomb);
    expect(refused.code).toBe('import.docx_too_large');
    // Stopped within one fed slice past the 64 MiB limit, well short of the 200 MiB it holds (a reader
    // that inflated all of it first would say 200).
    const inflated = Number(/inflates to (\d+) MiB/.exec(refused.en)?.[1]);
    expect(inflated).toBeGreaterThan(64);
    expect(inflated).toBeLessThan(200);
  });

  it('a password-protected .docx and a damaged legacy .doc each get their own advice', async () => {
    const encrypted = await refusal('secret.docx', compoundFile('EncryptedPackage'));
    expect(encrypted.code).toBe('import.office_encrypted');
    expect(encrypted.zh).toContain('密码');
    // Only a header and a stream name: the .doc reader tries it and says it is damaged.
    const legacy = await refusal('old.doc', compoundFile('WordDocument'));
    expect(legacy.code).toBe('import.doc_unreadable');
    expect(legacy.zh).toContain('.docx');
  });

  it('damaged copies of a real .docx (bytes overwritten, cut short) never crash: tables or an AppError', async () => {
    const bytes = new Uint8Array(await layoutToDocx(officialLayout(seedTables()[1]!, 'zh')));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat(bytes.length - 1)),
        async (writes, cut) => {
          const damaged = bytes.slice(0, cut ?? bytes.length);
          for (const [at, value] of writes) if (at < damaged.length) damaged[at] = value;
          try {
            const parsed = await parseFile({ name: 'damaged.docx', bytes: damaged });
            expect(Array.isArray(parsed.tables)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
