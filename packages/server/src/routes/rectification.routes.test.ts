import { createHash } from 'node:crypto';
import { evidenceMaxBytes, evidenceMaxFiles } from '@jixiao/core/rectification/evidence-files.limits';
import type { BudgetLinkage, RectificationTask } from '@jixiao/core/rectification/rectification.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { DEFAULT_SCORING_SCHEME_ID } from '@jixiao/core/scoring/scoring-schemes';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { sampleOoxml, samplePdf, samplePng } from '../testing/evidence-samples.ts';
import { useTestApp } from '../testing/test-app.ts';

const unit = '上海推进科技创新中心建设办公室';

/** A multipart body with one file in the field `file`. */
function upload(name: string, bytes: Uint8Array): FormData {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(bytes)]), name);
  return form;
}
const hall = (year: number) =>
  buildTable({
    year,
    unit,
    name: '示范展厅运营经费',
    indicators: [
      buildIndicator('产出指标', '数量指标', '参观人数', '>=10000人'),
      buildIndicator('满意度指标', '服务对象满意度指标', '参观人员满意度', '>=90%'),
    ],
  });

describeEachDatabase('整改 and budget linkage API', (getDb) => {
  const getApp = useTestApp(getDb);
  const ids = { last: '', next: '' };

  async function stored(year: number, path: TableStatus[]) {
    const store = createTableRepository(getDb());
    let record = await store.create(
      hall(year),
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  beforeAll(async () => {
    await getApp().call('GET', '/api/health');
    const last = await stored(2024, ['submitted', 'department_reviewed', 'approved', 'published']);
    ids.last = last.id;
    await saveSelfEvaluation(getDb(), {
      tableId: last.id,
      tableVersion: last.version,
      schemeId: DEFAULT_SCORING_SCHEME_ID,
      entry: {
        budget: { adjusted: 2_000_000, executed: 900_000 },
        indicators: [
          { index: 0, actual: '3000人', applicable: true },
          { index: 1, actual: '70%', applicable: true },
        ],
        adjustments: [],
      },
      total: 40,
      grade: '差',
      complete: true,
      actor: { userId: null },
    });
    ids.next = (await stored(2025, ['submitted'])).id;
  });

  it('opens tasks from the 差 self-evaluation; the unit answers, the reviewer closes, all audited', async () => {
    const app = getApp();
    const opened = await app.call<{ items: RectificationTask[] }>(
      'POST',
      `/api/tables/${ids.last}/rectifications`,
      {
        as: 'finance_reviewer',
        body: { deadline: '2025-06-30' },
      },
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.items.map((t) => [t.source, t.status, t.deadline])).toEqual([
      ['indicator_missed', 'open', '2025-06-30'],
      ['indicator_missed', 'open', '2025-06-30'],
      ['low_grade', 'open', '2025-06-30'],
    ]);
    // Opening again opens nothing new.
    const again = await app.call<{ items: RectificationTask[] }>(
      'POST',
      `/api/tables/${ids.last}/rectifications`,
      {
        as: 'department_reviewer',
        body: { deadline: '2025-07-31' },
      },
    );
    expect(again.body.items).toHaveLength(3);

    const mine = await app.call<{ items: RectificationTask[] }>('GET', '/api/rectifications?status=open', {
      as: 'author',
    });
    expect(mine.body.items.map((t) => t.tableId)).toEqual([ids.last, ids.last, ids.last]);
    const task = mine.body.items[0]!;

    const early = await app.call<{ code: string }>('POST', `/api/tables/${ids.last}/rectifications/close`, {
      as: 'finance_reviewer',
      body: { taskId: task.id },
    });
    expect([early.status, early.body.code]).toEqual([409, 'rectification.wrong_status']);

    const answered = await app.call<RectificationTask>(
      'POST',
      `/api/tables/${ids.last}/rectifications/answer`,
      {
        as: 'author',
        body: {
          taskId: task.id,
          measures: '增加周末开放场次，与区教育局合作组织学生参观',
          evidence: '开放计划',
        },
      },
    );
    expect(answered.body).toMatchObject({
      status: 'answered',
      measures: '增加周末开放场次，与区教育局合作组织学生参观',
    });
    // Measures that do not suffice go back to the unit with the reason, and come back answered again.
    const returned = await app.call<RectificationTask>(
      'POST',
      `/api/tables/${ids.last}/rectifications/return`,
      {
        as: 'finance_reviewer',
        body: { taskId: task.id, note: '请补充开放场次的具体安排' },
      },
    );
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'open', returnNote: '请补充开放场次的具体安排' });
    expect(returned.body.returnedAt).not.toBeNull();
    const twice = await app.call<{ code: string }>('POST', `/api/tables/${ids.last}/rectifications/return`, {
      as: 'finance_reviewer',
      body: { taskId: task.id, note: '再次退回' },
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'rectification.wrong_status']);
    const noReason = await app.call('POST', `/api/tables/${ids.last}/rectifications/return`, {
      as: 'finance_reviewer',
      body: { taskId: task.id, note: ' ' },
    });
    expect(noReason.status).toBe(400);
    const byAuthor = await app.call('POST', `/api/tables/${ids.last}/rectifications/return`, {
      as: 'author',
      body: { taskId: task.id, note: '自己退回' },
    });
    expect(byAuthor.status).toBe(403);
    await app.call('POST', `/api/tables/${ids.last}/rectifications/answer`, {
      as: 'author',
      body: { taskId: task.id, measures: '每周六、日各增开两场，9月起与区教育局按月排定学生参观' },
    });

    const closed = await app.call<RectificationTask>('POST', `/api/tables/${ids.last}/rectifications/close`, {
      as: 'department_reviewer',
      body: { taskId: task.id, note: '措施可行' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', closeNote: '措施可行' });

    const audit = await app.call<{ items: { action: string }[] }>('GET', '/api/audit?pageSize=50', {
      as: 'auditor',
    });
    const actions = audit.body.items.map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'rectification.open',
        'rectification.answer',
        'rectification.return',
        'rectification.close',
      ]),
    );
  });

  it('opens tasks from the monitoring report’s red lights and 完全不可能 targets', async () => {
    const app = getApp();
    const table = await stored(2026, ['submitted', 'department_reviewed', 'approved']);
    const open = (body: object) =>
      app.call<{ items: RectificationTask[]; code?: string }>(
        'POST',
        `/api/tables/${table.id}/rectifications`,
        {
          as: 'department_reviewer',
          body: { deadline: '2026-09-30', from: 'monitoring', ...body },
        },
      );
    const none = await open({});
    expect([none.status, none.body.code]).toEqual([409, 'rectification.no_monitoring']);
    // June: 1000 of 10000 visitors is far below plan (red); satisfaction is on plan but marked 完全不可能;
    // a fifth of the budget spent by mid-year is red too.
    const saved = await app.call('PUT', `/api/tables/${table.id}/monitoring/6`, {
      as: 'author',
      body: {
        cutOffMonth: 6,
        budget: { annual: 2_000_000, executed: 400_000 },
        indicators: [
          { index: 0, value: '1000人' },
          { index: 1, value: '92%', deviation: { likelihood: '完全不可能' } },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const opened = await open({});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.items.map((t) => [t.source, t.indicatorIndex])).toEqual([
      ['red_light', 0],
      ['red_light', 1],
      ['red_light', null],
    ]);
    expect(opened.body.items[0]?.zh).toContain('1–6月监控：指标「参观人数」亮红灯');
    // The same report again (or a month given explicitly) opens nothing new.
    expect((await open({ cutOffMonth: 6 })).body.items).toHaveLength(3);
    expect((await open({ cutOffMonth: 9 })).body.code).toBe('rectification.no_monitoring');
    // The unit answers them like any other task.
    const answered = await app.call<RectificationTask>(
      'POST',
      `/api/tables/${table.id}/rectifications/answer`,
      { as: 'author', body: { taskId: opened.body.items[0]?.id, measures: '下半年加开周末场次' } },
    );
    expect(answered.body.status).toBe('answered');
  });

  it('takes evidence files on an answer: checked by content and size, downloadable by the reviewer, audited', async () => {
    const app = getApp();
    const tasks = await app.call<{ items: RectificationTask[] }>(
      'GET',
      `/api/tables/${ids.last}/rectifications`,
      {
        as: 'author',
      },
    );
    const task = tasks.body.items.find((t) => t.status === 'open');
    if (!task) throw new Error('no open task');
    const url = `/api/tables/${ids.last}/rectifications/${task.id}/evidence`;
    const send = (name: string, bytes: Uint8Array, as: 'author' | 'department_reviewer' = 'author') =>
      app.call<RectificationTask & { code?: string; path?: string; zh?: string; en?: string }>('POST', url, {
        as,
        body: upload(name, bytes),
      });

    const first = await send('整改报告.pdf', samplePdf);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.files.map((f) => [f.name, f.mediaType, f.size])).toEqual([
      ['整改报告.pdf', 'application/pdf', samplePdf.byteLength],
    ]);
    const second = await send('措施台账.docx', sampleOoxml('word'));
    expect(second.status).toBe(201);
    expect(second.body.files.map((f) => f.name)).toEqual(['整改报告.pdf', '措施台账.docx']);

    // The content decides, not the name; each refusal says why in both languages, at the file field.
    const script = await send('报告.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'));
    expect([script.status, script.body.code, script.body.path]).toEqual([
      415,
      'rectification.evidence_type',
      'file',
    ]);
    expect(script.body.zh).toContain('“报告.pdf”的内容不是PDF');
    expect(script.body.en).toContain('is not PDF');
    const renamed = await send('照片.pdf', samplePng);
    expect([renamed.status, renamed.body.code]).toEqual([415, 'rectification.evidence_type']);
    expect(renamed.body.zh).toContain('请使用 .png 扩展名');
    const big = new Uint8Array(evidenceMaxBytes + 1);
    big.set(samplePdf);
    const tooLarge = await send('大.pdf', big);
    expect([tooLarge.status, tooLarge.body.code, tooLarge.body.path]).toEqual([
      413,
      'rectification.evidence_too_large',
      'file',
    ]);
    expect(tooLarge.body.zh).toContain('10 MiB');
    const empty = await app.call<{ code: string }>('POST', url, { as: 'author', body: new FormData() });
    expect([empty.status, empty.body.code]).toEqual([400, 'rectification.no_file']);
    // The reviewer reads the files but does not add any (table.report is the unit's).
    expect((await send('审核意见.pdf', samplePdf, 'department_reviewer')).status).toBe(403);

    // The reviewer downloads a file: its bytes, its name, a download that no browser renders in place.
    const file = first.body.files[0]!;
    const download = await app.call('GET', `${url}/${file.id}`, { as: 'department_reviewer' });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.raw, Buffer.from(samplePdf))).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent('整改报告.pdf'));
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const missing = await app.call<{ code: string }>('GET', `${url}/${task.id}`, {
      as: 'department_reviewer',
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'rectification.evidence_not_found']);

    // The unit removes one; the answer keeps the other and shows it to the reviewer.
    const removed = await app.call<RectificationTask>('DELETE', `${url}/${file.id}`, { as: 'author' });
    expect(removed.body.files.map((f) => f.name)).toEqual(['措施台账.docx']);
    const answered = await app.call<RectificationTask>(
      'POST',
      `/api/tables/${ids.last}/rectifications/answer`,
      {
        as: 'author',
        body: { taskId: task.id, measures: '已调整开放时间' },
      },
    );
    expect(answered.body.files.map((f) => f.name)).toEqual(['措施台账.docx']);
    const seen = await app.call<{ items: RectificationTask[] }>(
      'GET',
      '/api/rectifications?status=answered',
      {
        as: 'department_reviewer',
      },
    );
    expect(seen.body.items.find((t) => t.id === task.id)?.files.map((f) => f.name)).toEqual([
      '措施台账.docx',
    ]);

    // A closed task's evidence no longer changes.
    const closedTask = tasks.body.items.find((t) => t.status === 'closed');
    const late = await app.call<{ code: string; en: string }>(
      'POST',
      `/api/tables/${ids.last}/rectifications/${closedTask?.id}/evidence`,
      { as: 'author', body: upload('补充.pdf', samplePdf) },
    );
    expect([late.status, late.body.code, late.body.en]).toEqual([
      409,
      'rectification.wrong_status',
      'The task is closed and can no longer change',
    ]);

    // A task takes a bounded number of files.
    for (let i = 1; i < evidenceMaxFiles; i++)
      expect((await send(`第${i}页.pdf`, samplePdf)).status).toBe(201);
    const tooMany = await send('再来一页.pdf', samplePdf);
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'rectification.evidence_too_many']);
    expect(tooMany.body.zh).toContain(`最多上传 ${evidenceMaxFiles} 个`);

    const audit = await app.call<{
      items: {
        action: string;
        entityId: string;
        actorUsername: string | null;
        diff: Record<string, unknown>;
      }[];
    }>('GET', '/api/audit?pageSize=100', { as: 'auditor' });
    const mine = audit.body.items.filter((i) => i.entityId === task.id);
    expect(mine.filter((i) => i.action === 'rectification.evidence_add')).toHaveLength(evidenceMaxFiles + 1);
    const removal = mine.find((i) => i.action === 'rectification.evidence_remove');
    expect(removal?.diff).toMatchObject({ name: '整改报告.pdf', fileId: file.id });
    // Each read of a file is in the log too: who, which file of which table; a miss reads nothing and logs nothing.
    const downloads = mine.filter((i) => i.action === 'rectification.evidence_download');
    expect(downloads.map((i) => [i.actorUsername, i.diff])).toEqual([
      [
        demoUserFor('department_reviewer').username,
        {
          tableId: ids.last,
          fileId: file.id,
          name: '整改报告.pdf',
          mediaType: 'application/pdf',
          size: samplePdf.byteLength,
          sha256: createHash('sha256').update(samplePdf).digest('hex'),
        },
      ],
    ]);
  });

  it('shows next year’s reviewer last year’s grade, open tasks and the suggestion, and records the decision', async () => {
    const app = getApp();
    const linkage = await app.call<BudgetLinkage>('GET', `/api/tables/${ids.next}/linkage`, {
      as: 'department_reviewer',
    });
    expect(linkage.status).toBe(200);
    expect(linkage.body.previous).toMatchObject({ tableId: ids.last, year: 2024, grade: '差', total: 40 });
    expect(linkage.body.openTasks).toHaveLength(2);
    expect(linkage.body.suggestion).toMatchObject({
      kind: 'reduce_or_stop',
      zh: '上年自评为差：大幅压减或取消',
    });
    expect(linkage.body.decision).toBeNull();

    const decided = await app.call('PUT', `/api/tables/${ids.next}/linkage`, {
      as: 'department_reviewer',
      body: { decision: 'reduce', reason: '整改措施已落实一项，压减 30% 后继续安排' },
    });
    expect(decided.status).toBe(200);
    const after = await app.call<BudgetLinkage>('GET', `/api/tables/${ids.next}/linkage`, { as: 'author' });
    expect(after.body.decision).toMatchObject({
      decision: 'reduce',
      reason: '整改措施已落实一项，压减 30% 后继续安排',
    });
    const refused = await app.call('PUT', `/api/tables/${ids.next}/linkage`, {
      as: 'finance_reviewer',
      body: { decision: 'keep', reason: '不在财政审核阶段' },
    });
    expect(refused.status).toBe(403);
  });
});
