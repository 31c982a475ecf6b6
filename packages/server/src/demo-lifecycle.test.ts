import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExAnteView } from '@jixiao/core/ex-ante/ex-ante.schema';
import type { RectificationTask } from '@jixiao/core/rectification/rectification.schema';
import type { ReviewList } from '@jixiao/core/review-records/review-record.schema';
import type { ReviewQueueItem, WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { extractPdfPages } from '@jixiao/import/pdf/pdf-text';
import { beforeAll, expect, it } from 'vitest';
import { loadDemoData } from './demo-data.ts';
import { demoEvidenceFile, demoEvidenceIndicator } from './demo-evidence.ts';
import { demoExAnteProject } from './demo-ex-ante.ts';
import { demoSeedTables } from './demo-lifecycle.ts';
import { demoPeerHalls } from './demo-peers.ts';
import { demoRectificationProject } from './demo-rectification.ts';
import { useTestApp } from './testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'seed.txt');

interface Listed {
  items: { id: string; name: string; status: string }[];
}

describeEachDatabase('demo life cycle', (getDb) => {
  const getApp = useTestApp(getDb);
  const ids = new Map<string, string>();

  beforeAll(async () => {
    // The seed only: the corpus adds drafts, not stages, and would slow the suite down.
    const loaded = await loadDemoData(getDb(), { seedPath, corpusDir: null });
    expect(loaded.loaded).toBe(true);
    const list = await getApp().call<Listed>('GET', '/api/tables?pageSize=50', { as: 'admin' });
    for (const item of list.body.items) ids.set(item.name, item.id);
  });

  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`${name} not loaded`);
    return id;
  };

  it('moves each seed table to its stage with the demo users as actors', async () => {
    const stateOf = async (name: string) =>
      (await getApp().call<WorkflowState>('GET', `/api/tables/${idOf(name)}/workflow`, { as: 'admin' })).body;
    const published = await stateOf(demoSeedTables.published);
    expect(published.status).toBe('published');
    expect(published.history.map((e) => e.action)).toEqual(['submit', 'forward', 'approve', 'publish']);
    expect(published.history.map((e) => e.actorName)).toEqual([
      '王编报（科创办）',
      '李审核（市科委）',
      '张绩效（市财政局绩效处）',
      '张绩效（市财政局绩效处）',
    ]);
    expect((await stateOf(demoSeedTables.inFinanceQueue)).status).toBe('department_reviewed');
    expect((await stateOf(demoSeedTables.returned)).status).toBe('returned');

    const reviews = await getApp().call<ReviewList>(
      'GET',
      `/api/tables/${idOf(demoSeedTables.published)}/reviews`,
      { as: 'finance_reviewer' },
    );
    expect(reviews.body.items.map((r) => [r.stage, r.overall])).toEqual(
      expect.arrayContaining([
        ['department', '良'],
        ['finance', '良'],
      ]),
    );
  });

  it('fills the queues: finance sees the forwarded table, the author the returned one with comments', async () => {
    const finance = await getApp().call<{ items: ReviewQueueItem[] }>('GET', '/api/review-queue', {
      as: 'finance_reviewer',
    });
    // With the next year's table of the project graded 差 (demo-rectification.ts).
    expect(finance.body.items.map((i) => i.name).sort()).toEqual(
      [demoSeedTables.inFinanceQueue, demoRectificationProject].sort(),
    );
    const author = await getApp().call<{ items: ReviewQueueItem[] }>('GET', '/api/review-queue', {
      as: 'author',
    });
    expect(author.body.items.map((i) => i.name)).toEqual([demoSeedTables.returned]);
    const comments = await getApp().call<{ open: { path: string | null; text: string }[] }>(
      'GET',
      `/api/tables/${idOf(demoSeedTables.returned)}/comments`,
      { as: 'author' },
    );
    expect(comments.body.open.map((c) => c.path)).toEqual(['indicators.12.name', 'indicators.8.target']);
  });

  it('shows exactly the published tables to anonymous visitors', async () => {
    const list = await getApp().call<{ items: { name: string }[]; total: number }>(
      'GET',
      '/api/public/tables',
      { as: 'anonymous' },
    );
    expect(list.status).toBe(200);
    // The seed's published table and the three 2019 exhibition halls published as its peers (demo-peers.ts).
    expect(list.body.items.map((i) => i.name).sort()).toEqual(
      [demoSeedTables.published, ...demoPeerHalls.map((h) => h.name), demoRectificationProject].sort(),
    );
  });

  it('has a July monitoring row with one yellow indicator, and a scored self-evaluation', async () => {
    const overview = await getApp().call<{ items: { name: string; cutOffMonth: number; light: string }[] }>(
      'GET',
      '/api/monitoring/overview',
      { as: 'finance_reviewer' },
    );
    expect(overview.body.items).toEqual([
      expect.objectContaining({ name: demoSeedTables.published, cutOffMonth: 7, light: 'yellow' }),
    ]);
    const id = idOf(demoSeedTables.published);
    const july = await getApp().call<{ assessment: { indicators: { light: string }[]; notes: unknown[] } }>(
      'GET',
      `/api/tables/${id}/monitoring/7`,
      { as: 'author' },
    );
    const lights = july.body.assessment.indicators.map((l) => l.light);
    expect(lights.filter((l) => l === 'yellow')).toHaveLength(1);
    expect(lights.filter((l) => l === 'green').length).toBeGreaterThanOrEqual(lights.length - 1);

    const score = await getApp().call<{
      score: { total: number; complete: boolean; indicators: { status: string }[] };
    }>('GET', `/api/tables/${id}/self-evaluation`, { as: 'author' });
    expect(score.status).toBe(200);
    expect(score.body.score.indicators.filter((l) => l.status === 'unmet')).toHaveLength(1);
    expect(score.body.score.complete).toBe(true);
    expect(score.body.score.total).toBeGreaterThan(90);
  });

  it('imports two filled 自评表 with gaps for the finance re-check', async () => {
    const list = await getApp().call<{
      items: { name: string; claimedTotal: number; ruleTotal: number; gap: number; causes: string[] }[];
    }>('GET', '/api/self-evaluations/recheck', { as: 'finance_reviewer' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => [i.name, i.claimedTotal, i.ruleTotal, i.gap])).toEqual([
      ['科创政策宣讲经费', 100, 93, 7],
      ['科创展厅运营经费', 98, 98.56, -0.56],
    ]);
    expect(list.body.items[0]?.causes).toEqual(
      expect.arrayContaining(['met_below_weight', 'missed_full_marks', 'qualitative', 'total_not_sum']),
    );
    expect(list.body.items[1]?.causes).toEqual(expect.arrayContaining(['execution', 'missed_full_marks']));
    // The first was read from its document by the importer and keeps the file, as an upload does.
    const imported = await getDb()
      .selectFrom('target_tables')
      .innerJoin('imports', 'imports.id', 'target_tables.import_id')
      .select(['imports.file_name', 'imports.media_type'])
      .where('target_tables.name', '=', '科创政策宣讲经费')
      .execute();
    expect(imported).toEqual([{ file_name: '科创政策宣讲经费绩效自评表.txt', media_type: 'text/plain' }]);
  });

  it('keeps the new 2027 project from submission until it has an ex-ante assessment', async () => {
    const id = idOf(demoExAnteProject);
    const view = await getApp().call<ExAnteView>('GET', `/api/tables/${id}/ex-ante`, { as: 'author' });
    expect(view.body).toMatchObject({
      ruleSet: 'shanghai-2027@1',
      requirement: { required: true },
      blocksSubmission: true,
    });
    expect(view.body.findings.map((f) => f.ruleId)).toEqual(['SH2027-E01']);
  });

  it('shows 佐证材料: the published table’s closed 整改 task carries the unit’s report as a real PDF', async () => {
    const id = idOf(demoSeedTables.published);
    const tasks = await getApp().call<{ items: RectificationTask[] }>(
      'GET',
      `/api/tables/${id}/rectifications`,
      {
        as: 'author',
      },
    );
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((t) => [t.status, t.source, t.zh.includes(demoEvidenceIndicator)])).toEqual([
      ['closed', 'indicator_missed', true],
    ]);
    const task = tasks.body.items[0]!;
    expect(task.measures).toContain('课题进度月报制度');
    const shipped = new Uint8Array(await readFile(demoEvidenceFile.url));
    expect(task.files.map((f) => [f.name, f.mediaType, f.size])).toEqual([
      [demoEvidenceFile.name, 'application/pdf', shipped.byteLength],
    ]);

    // The department reads it as a download: the bytes shipped, a PDF whose text a reader extracts.
    const download = await getApp().call(
      'GET',
      `/api/tables/${id}/rectifications/${task.id}/evidence/${task.files[0]?.id}`,
      { as: 'department_reviewer' },
    );
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.raw, Buffer.from(shipped))).toBe(0);
    const pages = await extractPdfPages(new Uint8Array(download.raw));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('整改情况说明');
    expect(pages[0]).toContain(demoEvidenceIndicator);
    expect(pages[0]).toContain('上海推进科技创新中心建设办公室');

    // Opened, answered with the file and closed by the demo users, as the API would have audited them.
    const audit = await getApp().call<{ items: { action: string; actorUsername: string | null }[] }>(
      'GET',
      '/api/audit?action=rectification.&pageSize=100',
      { as: 'auditor' },
    );
    expect(
      audit.body.items
        .filter((i) => i.action !== 'rectification.evidence_download')
        .map((i) => [i.action, i.actorUsername])
        .reverse(),
    ).toEqual([
      ['rectification.open', 'finance'],
      ['rectification.answer', 'author'],
      ['rectification.evidence_add', 'author'],
      ['rectification.close', 'finance'],
    ]);
  });

  it('runs once: a second start changes nothing', async () => {
    const again = await loadDemoData(getDb(), { seedPath, corpusDir: null });
    expect(again.loaded).toBe(false);
    const list = await getApp().call<Listed>('GET', '/api/tables?pageSize=50', { as: 'admin' });
    expect(list.body.items.map((i) => i.status).sort()).toEqual([
      'department_reviewed',
      // The next year's table of the project graded 差 (demo-rectification.ts), with finance.
      'department_reviewed',
      // The two past-year 自评表 imported with their own tables (demo-recheck.ts), and the new 2027
      // project waiting for its ex-ante assessment (demo-ex-ante.ts).
      'draft',
      'draft',
      'draft',
      'published',
      // The three similar projects (案例库) of other units, and the project graded 差.
      'published',
      'published',
      'published',
      'published',
      'returned',
    ]);
  });
});
