import { expect, it } from 'vitest';
import {
  budgetYearsOf,
  findBudgetYear,
  listBudgetYears,
  storeBudgetYear,
} from './budget-years.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-admin', address: '127.0.0.1' };

describeEachDatabase('budget year storage', (getDb) => {
  it('creates and replaces a region’s year, keeps deadlines as calendar days, reports before and after', async () => {
    const db = getDb();
    expect(await findBudgetYear(db, '上海市', 2020)).toBeNull();
    const { before, after: created } = await storeBudgetYear(
      db,
      {
        region: '上海市',
        year: 2020,
        draftingOpen: true,
        submissionDeadline: '2020-03-31',
        cutOffMonth: 6,
        selfEvaluationOpen: false,
      },
      actor,
    );
    expect(created).toMatchObject({
      region: '上海市',
      year: 2020,
      draftingOpen: true,
      submissionDeadline: '2020-03-31',
      cutOffMonth: 6,
      selfEvaluationOpen: false,
      selfEvaluationDeadline: null,
      updatedBy: 'u-admin',
    });
    const { before: open, after: closed } = await storeBudgetYear(
      db,
      { ...created, draftingOpen: false, selfEvaluationDeadline: '2021-04-30' },
      actor,
    );
    expect(closed).toMatchObject({
      draftingOpen: false,
      submissionDeadline: '2020-03-31',
      selfEvaluationDeadline: '2021-04-30',
    });
    await storeBudgetYear(
      db,
      { region: '全国', year: 2021, draftingOpen: true, cutOffMonth: 8, selfEvaluationOpen: true },
      actor,
    );
    expect((await listBudgetYears(db)).map((s) => `${s.region}/${s.year}`)).toEqual([
      '全国/2021',
      '上海市/2020',
    ]);
    expect((await budgetYearsOf(db, [2020, 2020])).map((s) => s.region)).toEqual(['上海市']);
    expect(await budgetYearsOf(db, [])).toEqual([]);
    expect(before).toBeNull();
    expect([open?.draftingOpen, closed.draftingOpen]).toEqual([true, false]);
  });

  it('rejects a cut-off month outside 1–11 and stores nothing', async () => {
    const db = getDb();
    await expect(
      storeBudgetYear(
        db,
        { region: '上海市', year: 2030, draftingOpen: true, cutOffMonth: 12, selfEvaluationOpen: true },
        actor,
      ),
    ).rejects.toThrow();
    expect(await findBudgetYear(db, '上海市', 2030)).toBeNull();
  });
});
