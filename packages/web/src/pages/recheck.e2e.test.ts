/**
 * The re-check in the browser: a finance reviewer opens the 复核 view, finds the imported 自评表 with the
 * largest gap between the unit's claimed total and the rules', filters by cause, reads each row's
 * difference and cause, accepts the unit's claim on one row with a reason (audited) and exports to Excel.
 */

import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';

/** Stores an approved table and the self-evaluation a filled form of it gives (claim and rules). */
async function importedEvaluation(e2e: E2eSession, name: string, claims: [number, number]) {
  const indicators = [
    buildIndicator('>=100人次', { name: '培训人次', weight: 60 }),
    buildIndicator('>=20%', { level1: '效益指标', level2: '经济效益指标', name: '增收比例', weight: 30 }),
  ];
  const store = createTableRepository(e2e.db);
  let record = await store.create(
    buildSelfEvaluationTable(indicators, { kind: 'target', name, unit: '上海推进科技创新中心建设办公室' }),
    { userId: demoUserFor('author').id },
    { organisationId: demoOrganisationIds.seedUnit },
  );
  for (const status of ['submitted', 'department_reviewed', 'approved'] as const) {
    record = await store.setStatus(record.id, record.version, status, { userId: null });
  }
  const form = buildSelfEvaluationTable(
    [
      { ...indicators[0], actual: '120人次', score: claims[0] },
      { ...indicators[1], actual: '10%', score: claims[1] },
    ] as typeof indicators,
    { budget: { adjusted: 1_000_000, executed: 1_000_000, executionScore: 10 } },
  );
  const { entry, scheme } = selfEvaluationOfPrintedForm(form, { printedTotal: 10 + claims[0] + claims[1] });
  const score = scoreSelfEvaluation(record.table, entry, scheme);
  const claim = score.claim;
  if (!claim) throw new Error('no claim');
  await saveSelfEvaluation(e2e.db, {
    tableId: record.id,
    tableVersion: record.version,
    schemeId: scheme.id,
    entry,
    total: score.total,
    grade: score.grade,
    complete: score.complete,
    actor: { userId: demoUserFor('author').id },
    recheck: {
      claimedTotal: claim.claimedTotal,
      ruleTotal: claim.ruleTotal,
      gap: claim.gap,
      causes: claim.causes,
    },
  });
  return record.id;
}

describe('财政复核 in the browser', () => {
  let e2e: E2eSession;
  let wide = '';

  beforeAll(async () => {
    e2e = await startE2e({ as: 'finance_reviewer' });
    // Rules: 10 + 60 + 15 = 85. Claimed 10 + 60 + 30 = 100 (gap 15) and 10 + 58 + 15 = 83 (gap -2).
    wide = await importedEvaluation(e2e, '科创培训（自评导入）', [60, 30]);
    await importedEvaluation(e2e, '科创宣讲（自评导入）', [58, 15]);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lists claims by gap, filters by cause, decides a row with a reason and exports to Excel', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/recheck'));
    await page.getByTestId('recheck-page').waitFor();
    const links = page.getByTestId('recheck-link');
    await expect
      .poll(() => links.allTextContents())
      .toEqual(['科创培训（自评导入）', '科创宣讲（自评导入）']);
    expect(await page.getByTestId('recheck-gap').allTextContents()).toEqual(['+15', '-2']);

    await chooseOption(page, page.getByTestId('recheck-cause'), '已达标但得分低于分值');
    await expect.poll(() => links.allTextContents()).toEqual(['科创宣讲（自评导入）']);
    await page.getByTestId('recheck-cause').locator('.ant-select-clear').click();
    await expect.poll(() => links.count()).toBe(2);

    // The widest gap: the missed row printed at full marks, explained with the rule's formula.
    await page.locator('.ant-table-row-expand-icon').first().click();
    const rows = page.getByTestId('recheck-rows');
    await rows.waitFor();
    await expect.poll(() => rows.textContent()).toContain('未达标却得满分');
    expect(await rows.textContent()).toContain('30.00 × 10 ÷ 20 = 15.00');
    await rows.getByTestId('accept-claim').first().click();
    await page.getByTestId('recheck-reason').fill('增收数据以统计局年报为准，认可单位自评');
    await page.getByTestId('recheck-decide-ok').click();
    await expect
      .poll(() => rows.getByTestId('recheck-decided').allTextContents())
      .toEqual(['采用单位自评 30：增收数据以统计局年报为准，认可单位自评']);
    const audit = await e2e.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', wide)
      .where('action', '=', 'self_evaluation.recheck_decide')
      .execute();
    expect(audit).toHaveLength(1);

    const href = await page.getByTestId('recheck-export').getAttribute('href');
    const exported = await page.request.get(e2e.url(href ?? ''));
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');

    // The self-evaluation itself shows the unit's score beside each rule score.
    await links.first().click();
    const claims = page.getByTestId('row-claim');
    await expect.poll(() => claims.allTextContents()).toHaveLength(2);
    expect((await claims.allTextContents())[1]).toContain('未达标却得满分');
  });
});
