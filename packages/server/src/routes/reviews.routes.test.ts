import { buildReviewTable, reviewGrades } from '@jixiao/core/review-records/review-record.factory';
import type { CommentList, ReviewRecord } from '@jixiao/core/review-records/review-record.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

describeEachDatabase('review comments across versions', (getDb) => {
  const getApp = useTestApp(getDb);

  beforeAll(async () => {
    // Signing in creates the demo organisations and users that tables and reviews refer to.
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  /** A draft of the demo author's unit with three indicators, submitted and returned with comments. */
  async function returnedWithComments(name: string): Promise<{ url: string; table: PerformanceTable }> {
    const { call } = getApp();
    const base = buildReviewTable({ name });
    const table = {
      ...base,
      indicators: [
        ...base.indicators,
        { ...(base.indicators[0] as PerformanceTable['indicators'][number]), name: '活动覆盖人数' },
      ],
    };
    const record = await createTableRepository(getDb()).create(
      table,
      { userId: demoUserFor('author').id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    const url = `/api/tables/${record.id}`;
    await call('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 1 },
    });
    const returned = await call<{ review: ReviewRecord }>('POST', `${url}/reviews`, {
      as: 'department_reviewer',
      body: {
        expectedVersion: 2,
        criteria: reviewGrades,
        overall: '中',
        decision: 'return',
        comments: [
          { path: 'indicators.0.target', text: '场次目标偏低' },
          { path: 'indicators.1', text: '满意度请写明调查方式' },
          { path: 'indicators.2.name', text: '覆盖人数请写明口径' },
          { path: 'budget.currentYear', text: '金额不一致' },
        ],
      },
    });
    expect(returned.status).toBe(201);
    expect(returned.body.review.comments[1]).toMatchObject({
      indicatorIndex: 1,
      indicator: { level1: '效果目标', level2: '满意度', name: '参与者满意度' },
    });
    return { url, table };
  }

  it('places each comment on its indicator after the author inserts, reorders, renames and deletes rows', async () => {
    const { call } = getApp();
    const { url, table } = await returnedWithComments('API 意见跟随指标');
    const [events, satisfaction, reach] = table.indicators as [
      PerformanceTable['indicators'][number],
      PerformanceTable['indicators'][number],
      PerformanceTable['indicators'][number],
    ];

    // Version 3 (the return) reads as version 2 did: every comment is where it was written.
    const before = await call<CommentList>('GET', `${url}/comments`, { as: 'author' });
    expect(before.body.version).toBe(3);
    expect(before.body.open.map((c) => [c.placement.status, c.placement.path])).toEqual([
      ['same', 'indicators.0.target'],
      ['same', 'indicators.1'],
      ['same', 'indicators.2.name'],
      ['field', 'budget.currentYear'],
    ]);
    expect(Object.keys(before.body.indicatorsByVersion)).toEqual(['2', '3']);

    // A new first row and the satisfaction row moved up: the indices of version 2 now name other rows.
    const added = { ...events, name: '新增宣讲场次' };
    const reordered = { ...table, indicators: [added, satisfaction, events, reach] };
    const saved = await call('PUT', url, { as: 'author', body: { version: 3, table: reordered } });
    expect(saved.status).toBe(200);
    const moved = await call<CommentList>('GET', `${url}/comments`, { as: 'author' });
    expect(moved.body.open.map((c) => [c.text, c.placement.status, c.placement.path])).toEqual([
      ['场次目标偏低', 'moved', 'indicators.2.target'],
      ['满意度请写明调查方式', 'same', 'indicators.1'],
      ['覆盖人数请写明口径', 'moved', 'indicators.3.name'],
      ['金额不一致', 'field', 'budget.currentYear'],
    ]);

    // The reach row renamed in place, the events row deleted: renamed shows as changed, deleted on no row.
    const edited = { ...table, indicators: [added, satisfaction, { ...reach, name: '活动覆盖企业数' }] };
    expect((await call('PUT', url, { as: 'author', body: { version: 4, table: edited } })).status).toBe(200);
    const after = await call<CommentList>('GET', `${url}/comments`, { as: 'department_reviewer' });
    expect(after.body.version).toBe(5);
    expect(after.body.open.map((c) => [c.text, c.placement.status, c.placement.path])).toEqual([
      ['场次目标偏低', 'removed', null],
      ['满意度请写明调查方式', 'same', 'indicators.1'],
      ['覆盖人数请写明口径', 'changed', 'indicators.2.name'],
      ['金额不一致', 'field', 'budget.currentYear'],
    ]);
    // The removed comment still says which indicator it was about.
    expect(after.body.open[0]?.indicator?.name).toBe(events.name);

    // Placed on an earlier version on request; a version that does not exist is a 404.
    const onFour = await call<CommentList>('GET', `${url}/comments?version=4`, { as: 'author' });
    expect(onFour.body.items.map((c) => c.placement.path)).toEqual([
      'indicators.2.target',
      'indicators.1',
      'indicators.3.name',
      'budget.currentYear',
    ]);
    const missing = await call<Problem>('GET', `${url}/comments?version=99`, { as: 'author' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'table.version_not_found', path: 'version' });
  });

  it('keeps comments from the public', async () => {
    const { call } = getApp();
    const { url } = await returnedWithComments('API 意见权限');
    expect((await call('GET', `${url}/comments`, { as: 'anonymous' })).status).toBe(401);
  });
});
