/**
 * 整改 and 结果应用 in the browser on the demo: finance opens 整改 tasks from the 差 self-evaluation of
 * 科普讲座进社区经费 (2025), the author answers two with measures, the department sends the thin one back with
 * the reason and closes the other; reviewing the
 * project's 2026 table, finance sees last year's grade, the open tasks and the rule set's
 * suggestion, and records its decision with a reason. Then the other end of the cycle on the same
 * server: the demo's new 2027 project cannot be submitted until its author makes the ex-ante
 * assessment (事前绩效评估) Shanghai's 2027 rules ask for. Last, 整改 opened from a monitoring report's red
 * lights, answered with evidence files (a file whose content is not what its name says is refused with the
 * reason) that the reviewer downloads before closing the task, a download the auditor then finds in the log.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { saveMonitoringReport } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { extractPdfPages } from '@jixiao/import/pdf/pdf-text';
import { loadDemoData } from '@jixiao/server/demo-data';
import { demoExAnteProject } from '@jixiao/server/demo-ex-ante';
import { demoRectificationProject } from '@jixiao/server/demo-rectification';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';
import { storeAsAuthor } from '../testing/e2e-tables.ts';
import { fireFromBar } from '../testing/workflow-dialog.ts';

const settle = { timeout: 15_000 };

describe('整改 and the budget linkage in the browser', () => {
  let e2e: E2eSession;
  const ids = { last: '', next: '', exAnte: '' };
  let demoClosed = 0;

  beforeAll(async () => {
    e2e = await startE2e({ as: 'finance_reviewer' });
    await loadDemoData(e2e.db, { seedPath: join(repoRoot, 'fixtures', 'seed.txt'), corpusDir: null });
    const { rows } = await sql<{ id: string; year: number }>`
      SELECT id, year FROM target_tables WHERE name = ${demoRectificationProject}`.execute(e2e.db);
    ids.last = rows.find((r) => r.year === 2025)?.id ?? '';
    ids.next = rows.find((r) => r.year === 2026)?.id ?? '';
    const fresh = await sql<{ id: string }>`
      SELECT id FROM target_tables WHERE name = ${demoExAnteProject}`.execute(e2e.db);
    ids.exAnte = fresh.rows[0]?.id ?? '';
    const closed = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM rectification_tasks WHERE status = 'closed'`.execute(e2e.db);
    demoClosed = Number(closed.rows[0]?.n ?? 0);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens tasks from a 差 self-evaluation, the unit answers, the reviewer sends one back and closes one, next year shows the linkage', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(`/self-evaluation/${ids.last}`));
    const panel = page.getByTestId('rectification-panel');
    await panel.waitFor(settle);
    await panel.getByTestId('rectification-deadline').fill('2026-06-30');
    await panel.getByTestId('rectification-open').click();
    await page.getByText(/已发起 \d+ 项整改任务/).waitFor(settle);
    const tasks = panel.getByTestId('rectification-task');
    await tasks.first().waitFor(settle);
    const count = await tasks.count();
    expect(count).toBeGreaterThanOrEqual(3);
    expect(await panel.textContent()).toContain('自评等级为「差」');

    // The author finds the tasks on the workbench and opens the table's self-evaluation from there.
    await e2e.signIn('author');
    await page.goto(e2e.url('/workbench'));
    const toAnswer = page.getByTestId('workbench-group-rectifications_open');
    await toAnswer.waitFor(settle);
    expect(await toAnswer.getByTestId('workbench-rectification').textContent()).toBe(
      `${count} 项整改任务，最早期限 2026-06-30`,
    );
    await toAnswer.getByTestId('workbench-open').click();
    await panel.getByTestId('rectification-task').first().waitFor(settle);
    const first = panel.getByTestId('rectification-task').first();
    await first.getByTestId('rectification-measures-input').fill('与街道合作固定讲座场地，每月至少四场');
    await first.getByTestId('rectification-answer').click();
    await page.getByText('已提交整改措施').first().waitFor(settle);
    await panel.locator('[data-testid="rectification-task"][data-status="answered"]').waitFor(settle);
    // A second answer, too thin: the reviewer will send it back.
    const second = panel.locator('[data-testid="rectification-task"][data-status="open"]').first();
    await second.getByTestId('rectification-measures-input').fill('加强宣传');
    await second.getByTestId('rectification-answer').click();
    const answeredTasks = panel.locator('[data-testid="rectification-task"][data-status="answered"]');
    await expect.poll(() => answeredTasks.count(), settle).toBe(2);

    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url('/workbench'));
    const toClose = page.getByTestId('workbench-group-rectifications_to_close');
    await toClose.waitFor(settle);
    expect(await toClose.getByTestId('workbench-item-link').textContent()).toBe(demoRectificationProject);
    await toClose.getByTestId('workbench-open').click();
    const answered = panel.locator('[data-testid="rectification-task"][data-status="answered"]');
    await expect.poll(() => answered.count(), settle).toBe(2);
    const thin = answered.filter({ hasText: '加强宣传' });
    await thin.getByPlaceholder('审核意见（退回时必填）').fill('请写明宣传的对象、渠道和场次');
    await thin.getByTestId('rectification-return').click();
    await page.getByText('已退回单位重新整改').waitFor(settle);
    const back = panel
      .locator('[data-testid="rectification-task"][data-status="open"]')
      .filter({ hasText: '加强宣传' });
    await back.getByTestId('rectification-return-note').waitFor(settle);
    expect(await back.getByTestId('rectification-return-note').textContent()).toBe(
      '退回意见：请写明宣传的对象、渠道和场次',
    );
    await expect.poll(() => answered.count(), settle).toBe(1);
    await answered.getByTestId('rectification-close').click();
    await page.getByText('已关闭整改任务').waitFor(settle);
    await panel.locator('[data-testid="rectification-task"][data-status="closed"]').waitFor(settle);
    await e2e.screenshot('rectification-tasks', page);

    await e2e.signIn('finance_reviewer');
    await page.goto(e2e.url(`/review/${ids.next}`));
    const linkage = page.getByTestId('linkage-panel');
    await linkage.waitFor(settle);
    expect(await linkage.getByTestId('linkage-previous').textContent()).toContain(`2025 年自评：差`);
    expect(await linkage.getByTestId('linkage-previous').textContent()).toContain(
      `未关闭的整改任务 ${count - 1} 项`,
    );
    expect(await linkage.getByTestId('linkage-suggestion').textContent()).toContain(
      '上年自评为差：大幅压减或取消',
    );
    await linkage.getByTestId('linkage-reason').fill('场次不足一半，压减后按整改进度再定');
    await linkage.getByTestId('linkage-save').click();
    await page.getByText('已记录预算挂钩决定').waitFor(settle);
    expect(await linkage.getByTestId('linkage-decision').textContent()).toContain('大幅压减或取消');
    await e2e.screenshot('linkage-panel', page);

    // The dashboard counts the region's tasks: one closed, the rest open.
    await page.goto(e2e.url('/dashboard'));
    const closedCount = page.getByTestId('dashboard-rectification-closed');
    await closedCount.waitFor(settle);
    const value = (status: string) =>
      page
        .getByTestId(`dashboard-rectification-${status}`)
        .locator('.ant-statistic-content-value')
        .textContent();
    // The demo's own task (佐证材料 on the published seed table) was closed before the test began.
    expect(await value('closed')).toBe(String(1 + demoClosed));
    expect(await value('open')).toBe(String(count - 1));

    const { rows } = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE (action LIKE 'rectification.%' OR action = 'linkage.decide')
        AND actor_address IS DISTINCT FROM 'demo-data'`.execute(e2e.db);
    expect(rows.map((r) => r.action).sort()).toEqual(
      [
        'linkage.decide',
        'rectification.answer',
        'rectification.answer',
        'rectification.return',
        'rectification.close',
        'rectification.open',
      ].sort(),
    );
  });

  it('keeps a new project from submission until its ex-ante assessment supports it', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    await page.goto(e2e.url(`/tables/${ids.exAnte}`));
    // Refused by the server: the dialog stays open and the message names the rule.
    await page.getByTestId('workflow-submit').click();
    const dialog = page.locator('[data-testid="workflow-confirm"][data-action="submit"]');
    await dialog.waitFor(settle);
    await page
      .locator('.ant-modal-wrap')
      .filter({ has: dialog })
      .locator('.ant-modal-footer .ant-btn-primary')
      .click();
    const refused = page.locator('.ant-message-error').filter({ hasText: '不能提交' });
    await refused.waitFor(settle);
    expect(await refused.textContent()).toContain('SH2027-E01');
    await page.keyboard.press('Escape');

    await page.getByTestId('open-ex-ante').click();
    const gate = page.getByTestId('ex-ante-gate');
    await gate.waitFor(settle);
    expect(await gate.getAttribute('data-blocks')).toBe('true');
    expect(await page.getByTestId('ex-ante-requirement').textContent()).toContain(
      '新增项目须开展事前绩效评估',
    );
    const scores = [
      ['necessity', 18, '10 所中学调研：8 所没有科创实践场地'],
      ['economy', 16, '设备询价单三份，单个实验室 38 万元'],
      ['targets', 17, '实验室数量、验收合格率和满意度均可计量'],
      ['feasibility', 17, '选址、采购、培训分阶段实施，学校已书面承诺场地'],
      ['funding', 18, '全部为本级财政资金，符合科普专项资金管理办法'],
    ] as const;
    for (const [dimension, score, evidence] of scores) {
      await page.getByTestId(`ex-ante-score-${dimension}`).fill(String(score));
      await page.getByTestId(`ex-ante-evidence-${dimension}`).fill(evidence);
    }
    await page.getByTestId('ex-ante-conclusion').getByText('予以支持').click();
    await page.getByTestId('ex-ante-opinion').fill('项目必要、方案可行，建议予以支持');
    expect(await page.getByTestId('ex-ante-total').textContent()).toContain('总分 86 分');
    await page.getByTestId('ex-ante-save').click();
    await page.getByText('事前绩效评估已保存').waitFor(settle);
    await page.locator('[data-testid="ex-ante-gate"][data-blocks="false"]').waitFor(settle);
    await e2e.screenshot('ex-ante-assessment', page);
    // Saved, it prints as the official 项目事前绩效评估表 (the same PDF renderer as every form).
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ex-ante-pdf').click()]);
    const pdfText = (await extractPdfPages(new Uint8Array(await readFile(await pdf.path())))).join('\n');
    expect(pdfText).toContain('项目事前绩效评估表');
    expect(pdfText.replace(/\s+/g, '')).toContain('予以支持（总分86分）');
    expect(pdfText).toContain('评分依据');

    await page.goto(e2e.url(`/tables/${ids.exAnte}`));
    await fireFromBar(page, 'submit');
    const { rows } = await sql<{ status: string }>`
      SELECT status FROM target_tables WHERE id = ${ids.exAnte}`.execute(e2e.db);
    expect(rows[0]?.status).toBe('submitted');

    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url(`/review/${ids.exAnte}`));
    const card = page.getByTestId('ex-ante-card-conclusion');
    await card.waitFor(settle);
    expect(await card.textContent()).toBe('予以支持 · 86 分');
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'ex_ante.save' AND entity_id = ${ids.exAnte}`.execute(
      e2e.db,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('opens tasks from a monitoring red light; the unit answers with evidence files the reviewer downloads', async () => {
    const { page } = e2e;
    // An approved table whose June report has a red light (1,000 of 10,000 visitors), a target marked
    // 完全不可能 and a fifth of the budget spent.
    const store = createTableRepository(e2e.db);
    let record = await storeAsAuthor(
      e2e.db,
      buildTable({
        year: 2026,
        unit: '上海推进科技创新中心建设办公室',
        name: '示范展厅运营经费',
        indicators: [
          buildIndicator('产出指标', '数量指标', '参观人数', '>=10000人'),
          buildIndicator('满意度指标', '服务对象满意度指标', '参观人员满意度', '>=90%'),
        ],
      }),
    );
    for (const status of ['submitted', 'department_reviewed', 'approved'] as const)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    const report = monitoringReportSchema.parse({
      cutOffMonth: 6,
      budget: { annual: 2_000_000, executed: 400_000 },
      indicators: [
        { index: 0, value: '1000人' },
        { index: 1, value: '92%', deviation: { likelihood: '完全不可能' } },
      ],
    });
    const assessment = assessMonitoring(record.table, report, DEFAULT_MONITORING_SCHEME);
    await saveMonitoringReport(e2e.db, {
      tableId: record.id,
      tableVersion: record.version,
      schemeId: DEFAULT_MONITORING_SCHEME.id,
      report,
      light: assessment.light,
      risk: assessment.risk,
      missingMeasures: missingMeasureCount(assessment),
      actor: { userId: null },
    });

    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url(`/monitoring/${record.id}?month=6`));
    const panel = page.getByTestId('rectification-panel');
    await panel.waitFor(settle);
    await panel.getByTestId('rectification-deadline').fill('2026-09-30');
    expect(await panel.getByTestId('rectification-open').textContent()).toBe('按监控发起整改');
    await panel.getByTestId('rectification-open').click();
    await page.getByText('已发起 3 项整改任务').waitFor(settle);
    const tasks = panel.getByTestId('rectification-task');
    await expect.poll(() => tasks.count(), settle).toBe(3);
    expect(await tasks.first().textContent()).toContain('监控红灯');
    expect(await tasks.first().textContent()).toContain('指标「参观人数」亮红灯');

    // The author answers the first with measures and evidence: a file that is not what its name says is
    // refused with the reason, a PDF is kept.
    await e2e.signIn('author');
    await page.goto(e2e.url(`/monitoring/${record.id}?month=6`));
    const first = panel.getByTestId('rectification-task').first();
    await first.getByTestId('rectification-upload').waitFor(settle);
    const chooser = first.locator('input[type="file"]');
    await chooser.setInputFiles({
      name: '场次计划.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    const refused = page.locator('.ant-message-error').filter({ hasText: '“场次计划.pdf”的内容不是PDF' });
    await refused.waitFor(settle);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await chooser.setInputFiles({ name: '场次计划.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('已上传“场次计划.pdf”').waitFor(settle);
    await first.getByTestId('rectification-file').filter({ hasText: '场次计划.pdf' }).waitFor(settle);
    await first
      .getByTestId('rectification-measures-input')
      .fill('下半年加开周末场次，与区教育局合作组织参观');
    await first.getByTestId('rectification-answer').click();
    await page.getByText('已提交整改措施').waitFor(settle);
    const answered = panel.locator('[data-testid="rectification-task"][data-status="answered"]');
    await answered.waitFor(settle);
    await e2e.screenshot('rectification-evidence', page);
    // On a phone a long file name wraps inside the card: the page does not scroll sideways.
    const longName = `${'街道科普讲座场地协调会议纪要及签到表'.repeat(3)}.pdf`;
    await page.setViewportSize({ width: 390, height: 844 });
    await answered
      .locator('input[type="file"]')
      .setInputFiles({ name: longName, mimeType: 'application/pdf', buffer: pdf });
    await answered.getByTestId('rectification-file').filter({ hasText: longName }).waitFor(settle);
    expect(
      await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await e2e.screenshot('phone-rectification-evidence', page);
    await answered
      .getByTestId('rectification-file')
      .filter({ hasText: longName })
      .locator('xpath=..')
      .getByTestId('rectification-file-remove')
      .click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await expect.poll(() => answered.getByTestId('rectification-file').count(), settle).toBe(1);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The reviewer downloads the file as the unit sent it, then closes the task.
    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url(`/monitoring/${record.id}?month=6`));
    await answered.waitFor(settle);
    expect(await answered.getByTestId('rectification-upload').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      answered.getByTestId('rectification-file').click(),
    ]);
    expect(download.suggestedFilename()).toBe('场次计划.pdf');
    expect(Buffer.compare(await readFile(await download.path()), pdf)).toBe(0);
    await answered.getByTestId('rectification-close').click();
    await page.getByText('已关闭整改任务').waitFor(settle);
    const closed = panel.locator('[data-testid="rectification-task"][data-status="closed"]');
    await closed.waitFor(settle);
    // Closed, the files stay readable and no longer change.
    expect(await closed.getByTestId('rectification-file').count()).toBe(1);
    expect(await closed.getByTestId('rectification-file-remove').count()).toBe(0);

    const { rows } = await sql<{ action: string; username: string | null; name: string }>`
      SELECT a.action, u.username, a.diff->>'name' AS name FROM audit_log a LEFT JOIN users u ON u.id::text = a.actor
      WHERE a.action LIKE 'rectification.evidence%' AND a.diff->>'tableId' = ${record.id}
      ORDER BY a.id`.execute(e2e.db);
    expect(rows.map((r) => [r.action, r.name])).toEqual([
      ['rectification.evidence_add', '场次计划.pdf'],
      ['rectification.evidence_add', longName],
      ['rectification.evidence_remove', longName],
      ['rectification.evidence_download', '场次计划.pdf'],
    ]);
    const reviewer = rows.at(-1)?.username ?? '';
    expect(reviewer).not.toBe(rows[0]?.username);

    // The auditor finds the download in the log, named in words, with who read which file of which table.
    await e2e.signIn('auditor');
    await page.goto(e2e.url('/audit'));
    await page.getByTestId('audit-filter-action').fill('rectification.evidence_download');
    await page.getByTestId('audit-search').click();
    const entry = page.getByTestId('audit-table').locator('tbody tr', { hasText: '下载整改佐证' });
    await expect.poll(() => entry.count(), settle).toBe(1);
    expect(await entry.textContent()).toContain(`（${reviewer}）`);
    await entry.locator('.ant-table-row-expand-icon').click();
    const diff = (await page.getByTestId('audit-diff').textContent()) ?? '';
    expect(diff).toContain('场次计划.pdf');
    expect(diff).toContain(record.id);
  });
});
