import { expect, it } from 'vitest';
import {
  createLayoutTemplateRepository,
  insertLayoutTemplate,
  type NewLayoutTemplate,
  retireLayoutTemplateRow,
  shareLayoutTemplateRow,
} from './layout-templates.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-author', address: '127.0.0.1' };
const template = (name: string, organisationId: string | null): NewLayoutTemplate => ({
  name,
  organisationId,
  signature: { headerWords: ['一级指标', '二级指标', '三级指标', '指标值'], columnCount: 4, sheetName: null },
  separator: 'pipe',
  roles: ['level1', 'level2', 'level3', 'target'],
  kind: null,
});

describeEachDatabase('layout template storage', (getDb) => {
  it('saves, lists for an upload (own unit first, then the region’s), shares and retires templates', async () => {
    const db = getDb();
    const store = createLayoutTemplateRepository(db);
    const unit = await db
      .insertInto('organisations')
      .values({ name: '某区民政局', kind: 'unit' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await db
      .insertInto('organisations')
      .values({ name: '某区水利局', kind: 'unit' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const region = await store.get(await insertLayoutTemplate(db, template('全区通用', null), actor));
    const own = await store.get(await insertLayoutTemplate(db, template('民政局四列表', unit.id), actor));
    await insertLayoutTemplate(db, template('水利局表', other.id), actor);
    expect(own).toMatchObject({
      name: '民政局四列表',
      organisationId: unit.id,
      organisationName: '某区民政局',
      signature: { headerWords: ['一级指标', '二级指标', '三级指标', '指标值'], columnCount: 4 },
      roles: ['level1', 'level2', 'level3', 'target'],
      retiredAt: null,
    });
    expect((await store.forUpload(unit.id)).map((t) => t.name)).toEqual(['民政局四列表', '全区通用']);
    expect((await store.forUpload(null)).map((t) => t.name)).toEqual(['全区通用']);

    await retireLayoutTemplateRow(db, region.id, { userId: 'u-admin' });
    const retired = await store.get(region.id);
    expect(retired.retiredBy).toBe('u-admin');
    expect(retired.retiredAt).not.toBeNull();
    expect((await store.forUpload(unit.id)).map((t) => t.name)).toEqual(['民政局四列表']);
    expect((await store.list()).map((t) => t.name)).not.toContain('全区通用');
    expect((await store.list({ includeRetired: true })).map((t) => t.name)).toContain('全区通用');

    await shareLayoutTemplateRow(db, own.id);
    expect((await store.get(own.id)).organisationId).toBeNull();
    expect((await store.forUpload(null)).map((t) => t.name)).toEqual(['民政局四列表']);
  });

  it('answers an unknown template with layout_template.not_found', async () => {
    const store = createLayoutTemplateRepository(getDb());
    await expect(store.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'layout_template.not_found',
    });
    await expect(store.get('nope')).rejects.toMatchObject({ code: 'layout_template.not_found' });
  });
});
