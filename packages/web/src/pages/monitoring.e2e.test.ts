/**
 * Monitoring in the browser: the author enters a monitoring report (lights change as values are typed, a
 * deviation asks for cause and measure) and a year-end self-evaluation (each row scored and explained),
 * then opens the 自评表 in the official layout.
 */
import { readFile } from 'node:fs/promises';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { getMonitoringReport, getSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { MONITORED_PROJECT, monitoringFormText } from '@jixiao/server/testing/monitoring-form';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTable, storeAsAuthor } from '../testing/e2e-tables.ts';

const choose = chooseOption;

describe('monitoring and self-evaluation in the browser', () => {
  let e2e: E2eSession;
  let id = '';
  /** The seed's 科创中心建设工作经费, published, whose mid-year monitoring form the author uploads. */
  let monitoredId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    const store = createTableRepository(e2e.db);
    let record = await store.create(
      buildSelfEvaluationTable(
        [
          buildIndicator('>=100人次', { name: '政策宣讲人次', weight: 50 }),
          buildIndicator('规范', { name: '资金管理规范性', level2: '质量指标', weight: 20 }),
          buildIndicator('≥90%', {
            level1: '满意度指标',
            level2: '服务对象满意度指标',
            name: '企业满意度',
            weight: 20,
          }),
        ],
        {
          kind: 'target',
          name: '科创政策宣讲活动',
          unit: '上海推进科技创新中心建设办公室',
          budget: { currentYear: 1_200_000 },
          narrative: { goals: '全年开展科创政策宣讲' },
        },
      ),
      { userId: demoUserFor('author').id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of ['submitted', 'department_reviewed', 'approved'] as const) {
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    }
    id = record.id;
    let monitored = await storeAsAuthor(e2e.db, seedTable(MONITORED_PROJECT));
    for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const) {
      monitored = await store.setStatus(monitored.id, monitored.version, status, { userId: null });
    }
    monitoredId = monitored.id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the author enters a monitoring report and sees the lights change as she types', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/monitoring'));
    await page.getByTestId('monitoring-page').waitFor();
    await page.getByTestId('enter-monitoring').first().click();
    await page.getByTestId('monitoring-entry').waitFor();
    await page.goto(e2e.url(`/monitoring/${id}?month=6`));
    await page.getByTestId('monitoring-entry').waitFor();

    await page.locator('#monitoring-executed').fill('300000');
    await page.locator('#monitoring-executed').blur();
    await expect.poll(() => page.getByTestId('spending-light').getAttribute('data-light')).toBe('red');

    const rows = page.getByTestId('monitoring-row');
    await rows.nth(0).getByTestId('monitoring-value').fill('55');
    await expect.poll(() => rows.nth(0).getByTestId('row-light').getAttribute('data-light')).toBe('green');
    await rows.nth(0).getByTestId('monitoring-value').fill('20');
    await expect.poll(() => rows.nth(0).getByTestId('row-light').getAttribute('data-light')).toBe('red');
    await choose(page, rows.nth(1).getByTestId('monitoring-judgement'), '部分达成');
    await rows.nth(1).getByTestId('monitoring-note').fill('制度修订中');
    await rows.nth(2).getByTestId('monitoring-value').fill('95%');
    expect(await page.getByTestId('project-light').getAttribute('data-light')).toBe('red');
    expect(await page.getByTestId('monitoring-notes').textContent()).toContain('请填写纠偏措施');

    const first = rows.nth(0);
    await choose(page, first.getByTestId('deviation-cause'), '人员');
    await first.getByTestId('deviation-expected').fill('90人次');
    await choose(page, first.getByTestId('deviation-likelihood'), '有可能');
    await first.getByTestId('deviation-measure').fill('下半年增开宣讲场次');
    // With every choice made, each field still says what it is.
    expect(await first.getByTestId('deviation').textContent()).toMatch(
      /偏差原因[\s\S]*人员[\s\S]*预计全年完成值[\s\S]*能否完成目标[\s\S]*有可能[\s\S]*纠偏措施/,
    );
    await expect
      .poll(async () => (await page.getByTestId('monitoring-notes').textContent()) ?? '')
      .not.toContain('“政策宣讲人次”偏离目标');
    await e2e.screenshot('monitoring-entry');
    await e2e.docScreenshot('tour-7-monitoring');
    await page.getByTestId('monitoring-save').click();
    await expect.poll(async () => (await getMonitoringReport(e2e.db, id, 6))?.light).toBe('red');
    const stored = await getMonitoringReport(e2e.db, id, 6);
    expect(stored?.report.indicators[0]?.deviation).toMatchObject({
      cause: '人员',
      measure: '下半年增开宣讲场次',
    });

    await page.goto(e2e.url('/monitoring'));
    await page.getByTestId('overview-link').filter({ hasText: '科创政策宣讲活动' }).waitFor();
    expect(await page.getByTestId('overview-light').first().getAttribute('data-light')).toBe('red');
    await e2e.screenshot('monitoring-overview');

    // The finance bureau reads the lights but reports on nobody's table: no list to report on.
    await e2e.signIn('finance_reviewer');
    await page.goto(e2e.url('/monitoring'));
    await page.getByTestId('overview-link').filter({ hasText: '科创政策宣讲活动' }).waitFor();
    expect(await page.getByTestId('monitoring-enterable').count()).toBe(0);
    await e2e.signIn('author');
  });

  it('the author enters the self-evaluation, sees every row scored and explained, and opens the 自评表', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(`/self-evaluation/${id}`));
    await page.getByTestId('self-evaluation-page').waitFor();
    await page.locator('#self-evaluation-executed').fill('1020000');
    await page.locator('#self-evaluation-executed').blur();
    const rows = page.getByTestId('self-evaluation-row');
    await rows.nth(0).getByTestId('self-evaluation-actual').fill('80人次');
    await rows.nth(0).getByTestId('self-evaluation-reason').fill('场地受限');
    await rows.nth(1).getByTestId('self-evaluation-actual').fill('规范');
    await choose(page, rows.nth(1).getByTestId('grade-band'), '达成');
    await rows.nth(1).getByTestId('grade-score').fill('18');
    await rows.nth(2).getByTestId('self-evaluation-actual').fill('96%');
    await expect.poll(() => rows.nth(0).getByTestId('row-score').textContent()).toBe('40 / 50');
    expect(await rows.nth(0).getByTestId('row-explanation').textContent()).toContain(
      '50.00 × 80 ÷ 100 = 40.00',
    );
    // 8.5 (execution 85%) + 40 + 18 + 20
    await expect.poll(() => page.getByTestId('self-evaluation-total').textContent()).toContain('86.50');
    await e2e.screenshot('self-evaluation-entry');
    await e2e.docScreenshot('tour-8-self-evaluation');
    await page.getByTestId('self-evaluation-save').click();
    await expect.poll(async () => (await getSelfEvaluation(e2e.db, id))?.total).toBe(86.5);

    await page.getByTestId('self-evaluation-form-link').click();
    await page.getByTestId('self-evaluation-form').waitFor();
    const form = (await page.getByTestId('self-evaluation-form').textContent()) ?? '';
    expect(form).toContain('项目支出绩效自评表');
    expect(form).toContain('自评总分 86.50 分，评价等级：良');
    expect(form).toContain('场地受限');
    await e2e.screenshot('self-evaluation-form');
    // The 自评表 downloads as Word too.
    const [word] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 Word' }).click(),
    ]);
    expect(word.suggestedFilename()).toMatch(/\.docx$/);
    const docx = await readFile(await word.path());
    expect(await extractDocxText(new Uint8Array(docx))).toContain('自评总分 86.50 分，评价等级：良\n');
  });

  it('the author uploads a 绩效运行监控表 and lands on the monitoring entry with its progress filled', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: '科创中心建设工作经费-1-6月监控表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(monitoringFormText),
    });
    const form = page.getByTestId('imported-monitoring');
    await form.waitFor();
    expect(await form.getByTestId('import-kind').textContent()).toBe('绩效运行监控表');
    expect(await form.getByTestId('monitoring-period').textContent()).toBe('1–6 月');
    expect(await form.getByTestId('monitoring-executed').textContent()).toBe('20,549,310');
    const rows = await form.getByTestId('monitoring-rows').textContent();
    expect(rows).toContain('进口实验设备到货比合同约定晚两个月');
    expect(rows).toContain('按进度执行，已完成约45%');
    await page.getByTestId('monitoring-matched').waitFor();
    expect(await page.getByTestId('monitoring-matched').textContent()).toContain(MONITORED_PROJECT);
    expect(await page.getByTestId('monitoring-target').textContent()).toContain('1–6 月');
    // The seed table's eight indicators the form does not report are named before importing.
    expect(await page.getByTestId('monitoring-import-problems').textContent()).toContain(
      '目标表的指标“预算编制合理性”在监控表中没有填报',
    );
    await e2e.screenshot('import-monitoring-form');

    const confirm = page.getByTestId('import-confirm');
    expect(await confirm.textContent()).toContain('导入到监控记录');
    await confirm.click();
    await page.getByTestId('monitoring-entry').waitFor();
    expect(page.url()).toContain(`/monitoring/${monitoredId}?month=6`);
    const timeliness = seedTable(MONITORED_PROJECT).indicators.findIndex((i) => i.name === '项目完成及时性');
    const row = page.getByTestId('monitoring-row').nth(timeliness);
    await expect.poll(() => row.getByTestId('monitoring-value').inputValue()).toBe('40%');
    expect(await row.getByTestId('deviation-cause').textContent()).toContain('硬件');
    expect(await row.getByTestId('deviation-measure').inputValue()).toBe(
      '调整课题实施节点，按月跟踪设备安装进度',
    );
    expect(await page.locator('#monitoring-executed').inputValue()).toContain('20,549,310');
    await e2e.screenshot('import-monitoring-entry');
    const stored = await getMonitoringReport(e2e.db, monitoredId, 6);
    expect(stored?.report.budget).toEqual({ annual: 41_098_620, executed: 20_549_310 });
  });

  it('the author chooses the table and month when the form names its project differently', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: '科创中心工作经费-监控表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        monitoringFormText.replace(`项目名称\t${MONITORED_PROJECT}`, '项目名称\t科创中心工作经费'),
      ),
    });
    await page.getByTestId('imported-monitoring').waitFor();
    const confirm = page.getByTestId('import-confirm');
    await page.getByTestId('monitoring-table-select').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await choose(page, page.getByTestId('monitoring-table-select'), MONITORED_PROJECT);
    await choose(page, page.getByTestId('monitoring-import-month'), '1–7 月');
    await expect
      .poll(async () => (await page.getByTestId('monitoring-import-problems').textContent()) ?? '')
      .toContain('按您的选择导入到“科创中心建设工作经费”');
    await e2e.screenshot('import-monitoring-choose');
    await confirm.click();
    await page.getByTestId('monitoring-entry').waitFor();
    expect(page.url()).toContain(`/monitoring/${monitoredId}?month=7`);
    await expect
      .poll(async () => (await getMonitoringReport(e2e.db, monitoredId, 7))?.report.cutOffMonth)
      .toBe(7);
  });
});
