import type { LibraryEntry, LibraryList } from '@jixiao/core/library/indicator-library.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const entry = {
  frameworkId: 'national-2020',
  level1: '产出指标',
  level2: '数量指标',
  name: '培训人次',
  suggestedTarget: '≥500人次',
  direction: '正向',
  noteZh: '参加培训的人次',
  noteEn: 'Attendances at training sessions',
  tags: ['培训', '会议培训类'],
};

describeEachDatabase('indicator library API', (getDb) => {
  const getApp = useTestApp(getDb);

  const search = async (query: string, as: 'author' | 'admin' = 'author') => {
    const response = await getApp().call<LibraryList>('GET', `/api/indicator-library?${query}`, { as });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('lists built-in entries to every signed-in user, searchable and filtered, never to anonymous visitors', async () => {
    const shanghai = await search(`frameworkId=shanghai-2020&level1=${encodeURIComponent('投入与管理')}`);
    expect(shanghai.items).toHaveLength(9);
    expect(shanghai.items.every((e) => e.source === 'builtin')).toBe(true);
    const satisfaction = await search(`q=${encodeURIComponent('满意度')}&frameworkId=national-2020`, 'admin');
    expect(satisfaction.items.map((e) => e.name)).toContain('服务对象满意度');
    expect((await getApp().call('GET', '/api/indicator-library', { as: 'anonymous' })).status).toBe(401);
  });

  it('lets an admin add, change and switch off an entry, audited; authors then find it by search', async () => {
    const created = await getApp().call<LibraryEntry>('POST', '/api/indicator-library', {
      as: 'admin',
      body: entry,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...entry, source: 'stored', active: true });
    const found = await search(`q=${encodeURIComponent('ＰＸ 培训')}`);
    expect(found.items).toEqual([]);
    expect((await search(`q=${encodeURIComponent('培训 人次')}`)).items.map((e) => e.id)).toEqual([
      created.body.id,
    ]);

    const changed = await getApp().call<LibraryEntry>('PUT', `/api/indicator-library/${created.body.id}`, {
      as: 'admin',
      body: { ...entry, suggestedTarget: '≥800人次' },
    });
    expect(changed.body.suggestedTarget).toBe('≥800人次');
    const off = await getApp().call<LibraryEntry>('PUT', `/api/indicator-library/${created.body.id}`, {
      as: 'admin',
      body: { ...entry, active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await search(`q=${encodeURIComponent('培训人次')}`)).items).toEqual([]);
    expect(
      (await search(`q=${encodeURIComponent('培训人次')}&includeInactive=true`, 'admin')).items,
    ).toHaveLength(1);

    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['library.create', 'library.update', 'library.deactivate']);
  });

  it('answers located zh/en problems: a duplicate, an unknown entry, a bad field, an author writing', async () => {
    const body = { ...entry, name: '参训单位数' };
    expect((await getApp().call('POST', '/api/indicator-library', { as: 'admin', body })).status).toBe(201);
    const again = await getApp().call<Problem>('POST', '/api/indicator-library', {
      as: 'admin',
      body: { ...body, level1: '产出', level2: '数量', name: ' 参训单位数 ' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'library.duplicate', path: 'name' });
    expect(again.body.zh).toContain('指标库中已有');
    expect(again.body.en).toContain('already has');

    const builtIn = await getApp().call<Problem>(
      'PUT',
      `/api/indicator-library/${encodeURIComponent('builtin:national-2020:满意度指标/服务对象满意度指标/服务对象满意度')}`,
      { as: 'admin', body },
    );
    expect(builtIn.status).toBe(404);
    expect(builtIn.body.code).toBe('library.not_found');

    const bad = await getApp().call<Problem>('POST', '/api/indicator-library', {
      as: 'admin',
      body: { ...body, frameworkId: 'mars-2020', name: '' },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['frameworkId', 'name']));

    const author = await getApp().call<Problem>('POST', '/api/indicator-library', { as: 'author', body });
    expect(author.status).toBe(403);
    expect(author.body.code).toBe('auth.forbidden');
  });

  it('counts indicators used by two or more published tables as 常用, recounted after a publication', async () => {
    const store = createTableRepository(getDb());
    const publish = async (name: string) => {
      const indicators = [
        ...buildTable().indicators,
        buildIndicator('效果目标', '社会效益', '科普受众覆盖率', '≥80%', { direction: '正向' }),
      ];
      let record = await store.create(buildTable({ name, indicators }), { userId: null });
      for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
        record = await store.setStatus(record.id, record.version, status, { userId: null });
    };
    await publish('常用测试一');
    const q = `q=${encodeURIComponent('科普受众覆盖率')}`;
    expect((await search(q)).items).toEqual([]);
    await publish('常用测试二');
    const [common] = (await search(q)).items;
    expect(common).toMatchObject({
      source: 'common',
      frameworkId: 'shanghai-2020',
      level1: '效果目标',
      level2: '社会效益',
      suggestedTarget: '≥80%',
      direction: '正向',
      usedBy: 2,
    });
    // A built-in entry the published tables carry shows their count instead of a second row.
    const budget = (await search(`q=${encodeURIComponent('预算执行率')}&frameworkId=shanghai-2020`)).items;
    expect(budget).toHaveLength(1);
    expect(budget[0]).toMatchObject({ source: 'builtin', usedBy: 2 });
    const onlyCommon = await search('source=common');
    expect(onlyCommon.items.every((e) => e.source === 'common')).toBe(true);
  });

  it('lets an administrator’s entry take a built-in one’s place, and hide it when switched off', async () => {
    const q = `q=${encodeURIComponent('社会公众满意度')}&frameworkId=national-2020`;
    const [builtIn] = (await search(q)).items;
    expect(builtIn).toMatchObject({ source: 'builtin', suggestedTarget: '>=85%' });
    const {
      id: _id,
      source: _source,
      usedBy: _usedBy,
      updatedAt: _updatedAt,
      ...fields
    } = builtIn as LibraryEntry;
    const own = await getApp().call<LibraryEntry>('POST', '/api/indicator-library', {
      as: 'admin',
      body: { ...fields, suggestedTarget: '≥88%' },
    });
    expect(own.status).toBe(201);
    expect((await search(q)).items).toEqual([
      expect.objectContaining({ id: own.body.id, suggestedTarget: '≥88%' }),
    ]);
    await getApp().call('PUT', `/api/indicator-library/${own.body.id}`, {
      as: 'admin',
      body: { ...fields, active: false },
    });
    expect((await search(q)).items).toEqual([]);
    expect((await search(`${q}&includeInactive=true`, 'admin')).items.map((e) => e.source)).toEqual([
      'stored',
    ]);
  });

  it('describes the routes in OpenAPI with core’s schemas', async () => {
    const spec = await getApp().call<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(Object.keys(spec.body.paths['/api/indicator-library'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(spec.body.paths['/api/indicator-library/{id}'] ?? {})).toEqual(['put']);
  });
});
