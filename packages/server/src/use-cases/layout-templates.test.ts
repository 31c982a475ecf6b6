import type { Database } from '@jixiao/db/database';
import { createLayoutTemplateRepository } from '@jixiao/db/layout-templates.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { tableFromMapping } from '@jixiao/import/mapping/mapped-table';
import { beforeAll, expect, it } from 'vitest';
import {
  admin,
  auditEntriesOf,
  author,
  departmentReviewer,
  forbidden,
  insertOrganisations,
  otherAuthor,
  refusal,
  UNIT,
  unauthenticated,
} from '../testing/use-case-world.ts';
import { uploadImport } from './imports.ts';
import {
  type Mapper,
  remapImport,
  retireLayoutTemplate,
  saveLayoutTemplate,
  shareLayoutTemplate,
} from './layout-templates.ts';

// The mapping read in this process, as the parse pool's worker reads it.
const mapper: Mapper = {
  map: async (_name, input) =>
    tableFromMapping(input.text, input.mapping, input.base, input.cells ? { cells: input.cells } : {}),
};

const source = [
  '项目名称|培训项目',
  '一级指标|二级指标|三级指标|指标值',
  '产出指标|数量指标|培训人次|≥500人次',
].join('\n');
const mapping = { region: { line: 2, endLine: 3 }, roles: ['level1', 'level2', 'level3', 'target'] } as const;

/** A preview of the author's unit that no reader recognised, kept for mapping. */
async function keptUpload(db: Database): Promise<string> {
  const preview = await uploadImport(db, { user: author }, async () => ({
    source: { name: 'form.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode(source) },
    parsed: { sourceText: source, tables: [], warnings: [] },
    template: null,
  }));
  return preview.id;
}

const templateBody = (importId: string, name: string, scope: 'unit' | 'region' = 'unit') => ({
  name,
  importId,
  mapping: { ...mapping, roles: [...mapping.roles] },
  scope,
});

describeEachDatabase('layout template use cases', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('re-reads a preview through a mapping and saves it as the unit’s template with `layout_template.create`', async () => {
    const db = getDb();
    const importId = await keptUpload(db);
    const mapped = await remapImport(db, { user: author }, mapper, importId, {
      ...mapping,
      roles: [...mapping.roles],
    });
    expect(mapped.tables[0]?.indicators.map((i) => i.name)).toEqual(['培训人次']);
    const template = await saveLayoutTemplate(
      db,
      { user: author, address: '10.0.0.5' },
      mapper,
      templateBody(importId, '培训四列表'),
    );
    expect(template).toMatchObject({ name: '培训四列表', organisationId: UNIT, createdBy: author.id });
    expect(await auditEntriesOf(db, template.id)).toMatchObject([
      {
        action: 'layout_template.create',
        actor: author.id,
        actor_address: '10.0.0.5',
        diff: { name: '培训四列表', organisationId: UNIT, roles: mapping.roles },
      },
    ]);
  });

  it('refuses other units, the region scope for authors and anonymous callers, saving nothing', async () => {
    const db = getDb();
    const importId = await keptUpload(db);
    for (const user of [otherAuthor, departmentReviewer]) {
      expect(
        await refusal(saveLayoutTemplate(db, { user }, mapper, templateBody(importId, '他人模板'))),
      ).toMatchObject(forbidden);
    }
    expect(
      await refusal(
        saveLayoutTemplate(db, { user: author }, mapper, templateBody(importId, '全区模板', 'region')),
      ),
    ).toMatchObject(forbidden);
    expect(
      await refusal(saveLayoutTemplate(db, { user: null }, mapper, templateBody(importId, '匿名模板'))),
    ).toMatchObject(unauthenticated);
    const names = (await createLayoutTemplateRepository(db).list({ includeRetired: true })).map(
      (t) => t.name,
    );
    expect(names.filter((n) => ['他人模板', '全区模板', '匿名模板'].includes(n))).toEqual([]);
  });

  it('lets administrators share and retire a template, each once, with its entry; refuses authors', async () => {
    const db = getDb();
    const template = await saveLayoutTemplate(
      db,
      { user: author },
      mapper,
      templateBody(await keptUpload(db), '共享'),
    );
    expect(await refusal(shareLayoutTemplate(db, { user: author }, template.id))).toMatchObject(forbidden);
    expect(await refusal(retireLayoutTemplate(db, { user: null }, template.id))).toMatchObject(
      unauthenticated,
    );
    expect((await shareLayoutTemplate(db, { user: admin }, template.id)).organisationId).toBeNull();
    expect((await retireLayoutTemplate(db, { user: admin }, template.id)).retiredBy).toBe(admin.id);
    // Sharing a shared template and retiring a retired one change nothing and write no entry.
    await shareLayoutTemplate(db, { user: admin }, template.id);
    await retireLayoutTemplate(db, { user: admin }, template.id);
    expect(await auditEntriesOf(db, template.id)).toMatchObject([
      { action: 'layout_template.create' },
      { action: 'layout_template.share', actor: admin.id, diff: { organisationId: [UNIT, null] } },
      { action: 'layout_template.retire', actor: admin.id, diff: { name: '共享' } },
    ]);
  });

  it('writes neither a template or its change nor the entry when either write fails', async () => {
    const db = getDb();
    const importId = await keptUpload(db);
    const save = () => saveLayoutTemplate(db, { user: author }, mapper, templateBody(importId, '写入失败'));
    await expect(withFailingWrites(db, 'audit_log', save)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'layout_templates', save)).rejects.toThrow(/write refused/);
    const store = createLayoutTemplateRepository(db);
    expect((await store.list({ includeRetired: true })).map((t) => t.name)).not.toContain('写入失败');
    const template = await save();
    const retire = () => retireLayoutTemplate(db, { user: admin }, template.id);
    await expect(withFailingWrites(db, 'audit_log', retire)).rejects.toThrow(/write refused/);
    expect((await store.get(template.id)).retiredAt).toBeNull();
    expect((await auditEntriesOf(db, template.id)).map((a) => a.action)).toEqual(['layout_template.create']);
  });
});
