import { findBudgetYear } from '@jixiao/db/budget-years.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import {
  admin,
  auditEntriesOf,
  author,
  forbidden,
  refusal,
  unauthenticated,
} from '../testing/use-case-world.ts';
import { saveBudgetYear } from './budget-years.ts';

const setting = (year: number) => ({
  region: '上海市',
  year,
  draftingOpen: true,
  submissionDeadline: '2040-03-31',
  cutOffMonth: 6,
  selfEvaluationOpen: true,
});

describeEachDatabase('budget year use case', (getDb) => {
  it('saves an administrator’s setting with its `budget_year.update` entry, before and after', async () => {
    const db = getDb();
    await saveBudgetYear(db, { user: admin, address: '10.0.0.9' }, setting(2040));
    const closed = await saveBudgetYear(db, { user: admin }, { ...setting(2040), draftingOpen: false });
    expect(closed).toMatchObject({ year: 2040, draftingOpen: false, updatedBy: admin.id });
    expect(await auditEntriesOf(db, '上海市/2040')).toMatchObject([
      { action: 'budget_year.update', actor: admin.id, actor_address: '10.0.0.9', diff: { before: null } },
      {
        action: 'budget_year.update',
        diff: { before: { draftingOpen: true }, after: { draftingOpen: false } },
      },
    ]);
  });

  it('refuses authors and anonymous callers with their zh/en errors, storing nothing', async () => {
    const db = getDb();
    expect(await refusal(saveBudgetYear(db, { user: author }, setting(2041)))).toMatchObject(forbidden);
    expect(await refusal(saveBudgetYear(db, { user: null }, setting(2041)))).toMatchObject(unauthenticated);
    expect(await findBudgetYear(db, '上海市', 2041)).toBeNull();
    expect(await auditEntriesOf(db, '上海市/2041')).toEqual([]);
  });

  it('stores neither the setting nor its entry when either write fails', async () => {
    const db = getDb();
    const save = () => saveBudgetYear(db, { user: admin }, setting(2042));
    await expect(withFailingWrites(db, 'audit_log', save)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'budget_years', save)).rejects.toThrow(/write refused/);
    expect(await findBudgetYear(db, '上海市', 2042)).toBeNull();
    expect(await auditEntriesOf(db, '上海市/2042')).toEqual([]);
    expect((await save()).year).toBe(2042);
  });
});
