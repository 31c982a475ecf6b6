import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayoutTemplate, MappingResult } from '@jixiao/core/tables/column-mapping.schema';
import type { ImportPreview, ImportResult, Problem } from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import {
  unknownCaptions,
  unrecognisedFormText,
  unrecognisedFormWorkbook,
} from '@jixiao/import/mapping/unrecognised-form.fixtures';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const train = join(import.meta.dirname, '..', '..', '..', 'import', 'fixtures', 'corpus', 'train');

function upload(name: string, bytes: Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'text/plain' }), name);
  return form;
}

const topicRoles = ['level1', 'level2', 'level3', 'target', 'actual', 'cause'];

describeEachDatabase('column mapping and layout templates API', (getDb) => {
  const getApp = useTestApp(getDb, { uploadLimit: 512 * 1024 });

  async function preview(name: string, bytes?: Uint8Array<ArrayBuffer>): Promise<ImportPreview> {
    const body = bytes ?? new Uint8Array(await readFile(join(train, name)));
    const response = await getApp().call<ImportPreview>('POST', '/api/imports', { body: upload(name, body) });
    expect(response.status, response.text).toBe(201);
    return response.body;
  }

  it('keeps a file no reader recognises for mapping, and re-reads it through the columns a person assigned', async () => {
    const kept = await preview('header-a-05.txt', new TextEncoder().encode(unrecognisedFormText()));
    expect(kept.tables).toEqual([]);
    expect(kept.warnings.map((w) => w.code)).toEqual(['import.unknown_form']);
    const mapped = await getApp().call<MappingResult>('POST', `/api/imports/${kept.importId}/mapping`, {
      body: {
        mapping: { region: { line: 12, endLine: 19 }, roles: ['level1', 'level2', 'target', 'explanation'] },
      },
    });
    expect(mapped.status, mapped.text).toBe(200);
    const [table] = mapped.body.tables;
    expect(table?.name).toBe('绿化养护经费');
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '数量指标',
      '质量指标',
      '时效指标',
      '社会效益指标',
      '生态效益指标',
      '可持续性发展影响指标',
      '服务对象或受益者满意度指标',
    ]);
    expect(table?.indicators[0]?.source).toEqual({ line: 13, endLine: 13 });
    expect(mapped.body.signature).toMatchObject({
      headerWords: ['目标值', '备注'],
    });

    const outside = await getApp().call<Problem>('POST', `/api/imports/${kept.importId}/mapping`, {
      body: { mapping: { region: { line: 500, endLine: 510 }, roles: ['level3'] } },
    });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 'mapping.region_outside', path: 'mapping.region' });
    expect(outside.body.zh).toMatch(/原文/);

    // Opened again (a reload), the preview has the mapped rows and the mapping; a refused one changed nothing.
    const again = await getApp().call<ImportPreview>('GET', `/api/imports/${kept.importId}`);
    expect(again.body.tables).toEqual([]);
    expect(again.body.mapped).toEqual({
      mapping: { region: { line: 12, endLine: 19 }, roles: ['level1', 'level2', 'target', 'explanation'] },
      tables: mapped.body.tables,
      warnings: mapped.body.warnings,
    });
  });

  it('saves a mapping as a template that reads the next file of the layout by itself; retired, it reads none', async () => {
    // train/topic-d-04: a traditional-script form with merged level cells, mapped column by column.
    const first = await preview('topic-d-04.txt');
    const mapping = { region: { line: 21, endLine: 26 }, roles: topicRoles, kind: 'department-wide' };
    const saved = await getApp().call<LayoutTemplate>('POST', '/api/layout-templates', {
      body: { name: '南岳区整体支出自评表', importId: first.importId, mapping },
    });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toMatchObject({
      name: '南岳区整体支出自评表',
      signature: { columnCount: 6 },
      separator: 'pipe',
      retiredAt: null,
    });
    expect(saved.body.organisationId).not.toBeNull();

    // The same unit's next form of that layout (another year, other rows, its last caption reworded):
    // read by the template, the preview saying how well it matched.
    const text = (await readFile(join(train, 'topic-d-04.txt'), 'utf8'))
      .replaceAll('2020', '2021')
      .replace('管理忠烈祠面積 | =230畝 | =230畝', '管理忠烈祠面積 | =240畝 | =238畝')
      .replace('產(chǎn)生差異的原因及改進(jìn)措施', '偏差原因');
    const second = await preview('2021.txt', new Uint8Array(Buffer.from(text)));
    expect(second.template).toEqual({
      id: saved.body.id,
      name: '南岳区整体支出自评表',
      // Caption words 6 of 7 in both (70% × 12/14), columns 6 and 6 (20%), no sheet (10%).
      fit: {
        score: 0.9,
        sameWords: 6,
        templateWords: 7,
        fileWords: 7,
        templateColumns: 6,
        fileColumns: 6,
        sheetSame: null,
      },
    });
    const [table] = second.tables;
    expect(table?.kind).toBe('department-wide');
    expect(table?.year).toBe(2021);
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual])).toEqual([
      ['数量指标', '管理忠烈祠面积', '=240亩', '=238亩'],
      ['数量指标', '忠烈祠免费开放', '=365天', '=365天'],
      ['数量指标', '聘用讲解员,、综治队员以及物业管理人员', '32人', '32人'],
      ['质量指标', '忠烈祠保护合格率', '=100%', '=100%'],
      ['时效指标', '2021年12月完成', '=95%', '=95%'],
    ]);
    const again = await getApp().call<ImportPreview>('GET', `/api/imports/${second.importId}`);
    expect(again.body.template).toEqual(second.template);
    const confirmed = await getApp().call<ImportResult>('POST', `/api/imports/${second.importId}/confirm`, {
      body: { tables: second.tables },
    });
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(confirmed.body.records[0]?.table.indicators).toHaveLength(5);

    // Templates are listed; an author may not retire one, an administrator may, and then it reads nothing.
    const listed = await getApp().call<{ items: LayoutTemplate[] }>('GET', '/api/layout-templates');
    expect(listed.body.items.map((t) => t.name)).toContain('南岳区整体支出自评表');
    const denied = await getApp().call<Problem>('POST', `/api/layout-templates/${saved.body.id}/retire`);
    expect(denied.status).toBe(403);
    const shared = await getApp().call<LayoutTemplate>(
      'POST',
      `/api/layout-templates/${saved.body.id}/region`,
      {
        as: 'admin',
      },
    );
    expect(shared.status).toBe(200);
    expect(shared.body.organisationId).toBeNull();
    expect(shared.body.organisationName).toBeNull();
    const retired = await getApp().call<LayoutTemplate>(
      'POST',
      `/api/layout-templates/${saved.body.id}/retire`,
      {
        as: 'admin',
      },
    );
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).not.toBeNull();
    const third = await preview('2021.txt', new Uint8Array(Buffer.from(text)));
    expect(third.template ?? null).toBeNull();
    const all = await getApp().call<{ items: LayoutTemplate[] }>(
      'GET',
      '/api/layout-templates?retired=true',
      {
        as: 'admin',
      },
    );
    expect(all.body.items.find((t) => t.id === saved.body.id)?.retiredAt).not.toBeNull();
  });

  it('refuses to save a mapping that reads no row', async () => {
    const first = await preview('topic-d-04.txt');
    const response = await getApp().call<Problem>('POST', '/api/layout-templates', {
      body: {
        name: '空',
        importId: first.importId,
        mapping: { region: { line: 1, endLine: 3 }, roles: ['ignore', 'ignore'] },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('mapping.no_rows');
  });

  it('maps a sheet range of a workbook by its cells and reads the next workbook of that sheet by the template', async () => {
    const kept = await preview('a05.xlsx', await unrecognisedFormWorkbook('项目库'));
    expect(kept.tables).toEqual([]);
    expect(kept.sourceCells?.[11]?.cells).toEqual(['', ...unknownCaptions]);
    const mapping = {
      region: { line: 12, endLine: 19 },
      roles: ['ignore', 'level1', 'level2', 'target', 'explanation'],
    };
    const mapped = await getApp().call<MappingResult>('POST', `/api/imports/${kept.importId}/mapping`, {
      body: { mapping },
    });
    expect(mapped.body.tables[0]?.indicators.map((i) => i.name)).toHaveLength(7);
    expect(mapped.body.signature.sheetName).toBe('项目库');
    const saved = await getApp().call<LayoutTemplate>('POST', '/api/layout-templates', {
      body: { name: '项目库导出', importId: kept.importId, mapping },
    });
    expect(saved.status, saved.text).toBe(201);
    const next = await preview('b05.xlsx', await unrecognisedFormWorkbook('项目库'));
    expect(next.template?.name).toBe('项目库导出');
    expect(next.tables[0]?.indicators.map((i) => [i.level1, i.name])).toContainEqual([
      '效益指标',
      '生态效益指标',
    ]);
  });
});
