import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { type BudgetYear, budgetYearSchema, budgetYearSettingSchema } from './budget-year.schema.ts';
import {
  budgetYearFor,
  budgetYearForTable,
  cutOffMonthFor,
  defaultBudgetYear,
  draftingAllowed,
  draftingRefusal,
  formatDateEn,
  formatDateZh,
  selfEvaluationAllowed,
  selfEvaluationRefusal,
  tableRegion,
  upcomingDeadlines,
} from './budget-year.ts';

function setting(overrides: Partial<BudgetYear>): BudgetYear {
  return budgetYearSchema.parse({
    ...defaultBudgetYear('上海市', 2020),
    updatedAt: '2026-01-05T08:00:00.000Z',
    updatedBy: 'u-admin',
    ...overrides,
  });
}

describe('budget year settings', () => {
  it('accept 1–11 as cut-off month and real calendar dates only; deadlines are optional', () => {
    const base = {
      region: '上海市',
      year: 2021,
      draftingOpen: true,
      cutOffMonth: 6,
      selfEvaluationOpen: false,
    };
    expect(budgetYearSettingSchema.parse(base)).toMatchObject({
      submissionDeadline: null,
      selfEvaluationDeadline: null,
    });
    expect(budgetYearSettingSchema.safeParse({ ...base, cutOffMonth: 12 }).success).toBe(false);
    expect(budgetYearSettingSchema.safeParse({ ...base, cutOffMonth: 0 }).success).toBe(false);
    expect(budgetYearSettingSchema.safeParse({ ...base, submissionDeadline: '2021-02-30' }).success).toBe(
      false,
    );
    expect(budgetYearSettingSchema.safeParse({ ...base, submissionDeadline: '2021/03/31' }).success).toBe(
      false,
    );
    expect(budgetYearSettingSchema.safeParse({ ...base, submissionDeadline: '2021-03-31' }).success).toBe(
      true,
    );
    expect(budgetYearSettingSchema.safeParse({ ...base, region: '  ' }).success).toBe(false);
  });

  it('resolve a table to its framework’s region and year, else today’s behaviour', () => {
    const shanghai = buildTable({ year: 2020 });
    const national = buildTable({
      year: 2020,
      indicators: [
        buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次'),
        buildIndicator('效益指标', '社会效益指标', '覆盖率', '>=90%'),
        buildIndicator('满意度指标', '服务对象满意度指标', '满意度', '>=90%'),
      ],
    });
    expect(tableRegion(shanghai)).toBe('上海市');
    expect(tableRegion(national)).toBe('全国');
    const settings = [
      setting({ cutOffMonth: 6, draftingOpen: false }),
      setting({ year: 2021, cutOffMonth: 8 }),
    ];
    expect(budgetYearForTable(settings, shanghai)).toMatchObject({
      region: '上海市',
      year: 2020,
      cutOffMonth: 6,
    });
    expect(cutOffMonthFor(settings, { ...shanghai, year: 2021 })).toBe(8);
    // Another region's year, or a year nobody set: open, no deadline, July.
    expect(budgetYearForTable(settings, national)).toEqual(defaultBudgetYear('全国', 2020));
    expect(cutOffMonthFor(settings, { ...shanghai, year: 2022 })).toBe(7);
    expect(budgetYearFor([], '上海市', 2020).draftingOpen).toBe(true);
  });

  it('refuse starting and submitting in a closed year, naming the year and the deadline', () => {
    const closed = setting({ draftingOpen: false, submissionDeadline: '2020-03-31' });
    expect(draftingAllowed(closed, '2020-01-01')).toBe(false);
    const submit = draftingRefusal(closed, 'submit', '2020-01-01');
    expect(submit).toMatchObject({ code: 'budget_year.closed', location: { path: 'year' } });
    expect(submit?.zh).toBe('上海市 2020 年度目标表编报已关闭（申报截止：2020年3月31日），不能提交');
    expect(submit?.en).toBe(
      "Drafting of 上海市's 2020 target tables is closed (submission deadline: 31 Mar 2020); tables cannot be submitted",
    );
    expect(draftingRefusal(closed, 'create', '2020-01-01', 'tables.1.year')).toMatchObject({
      location: { path: 'tables.1.year' },
    });
    expect(draftingRefusal(closed, 'create', '2020-01-01')?.zh).toContain('不能新建该年度的目标表');
  });

  it('allow an open year until its deadline day inclusive', () => {
    const open = setting({ submissionDeadline: '2020-03-31' });
    expect(draftingRefusal(open, 'submit', '2020-03-31')).toBeNull();
    const late = draftingRefusal(open, 'submit', '2020-04-01');
    expect(late?.zh).toBe('上海市 2020 年度目标表申报已截止（申报截止：2020年3月31日），不能提交');
    expect(draftingRefusal(setting({}), 'submit', '2099-12-31')).toBeNull();
  });

  it('refuse saving the self-evaluation when it is closed or past its deadline, worded as drafting is', () => {
    const closed = setting({ selfEvaluationOpen: false, selfEvaluationDeadline: '2021-03-31' });
    expect(selfEvaluationAllowed(closed, '2021-01-10')).toBe(false);
    const refusal = selfEvaluationRefusal(closed, '2021-01-10');
    expect(refusal).toMatchObject({
      code: 'budget_year.self_evaluation_closed',
      location: { path: 'year' },
    });
    expect(refusal?.zh).toBe('上海市 2020 年度绩效自评已关闭（自评截止：2021年3月31日），不能保存自评');
    expect(refusal?.en).toBe(
      "Self-evaluation of 上海市's 2020 target tables is closed (self-evaluation deadline: 31 Mar 2021); the self-evaluation cannot be saved",
    );
    expect(selfEvaluationRefusal(setting({ selfEvaluationOpen: false }), '2021-01-10')?.zh).toBe(
      '上海市 2020 年度绩效自评已关闭，不能保存自评',
    );
    // Open until its deadline day inclusive (Beijing days, as the server passes them).
    const open = setting({ selfEvaluationDeadline: '2021-03-31' });
    expect(selfEvaluationRefusal(open, '2021-03-31')).toBeNull();
    const late = selfEvaluationRefusal(open, '2021-04-01', 'entry');
    expect(late).toMatchObject({ location: { path: 'entry' } });
    expect(late?.zh).toBe('上海市 2020 年度绩效自评已截止（自评截止：2021年3月31日），不能保存自评');
    expect(late?.en).toBe(
      "The self-evaluation deadline of 上海市's 2020 target tables has passed (self-evaluation deadline: 31 Mar 2021); the self-evaluation cannot be saved",
    );
    // Self-evaluation and drafting are separate windows: either may be closed alone.
    expect(selfEvaluationRefusal(setting({ draftingOpen: false }), '2021-01-10')).toBeNull();
    expect(draftingRefusal(closed, 'submit', '2020-01-10')).toBeNull();
    expect(selfEvaluationRefusal(setting({}), '2099-12-31')).toBeNull();
  });

  it('list the deadlines still ahead of open years, soonest first, and format dates', () => {
    const settings = [
      setting({ year: 2022, submissionDeadline: '2022-03-31' }),
      setting({ year: 2021, submissionDeadline: '2021-03-31' }),
      setting({ year: 2019, submissionDeadline: '2019-03-31' }),
      setting({ year: 2023, draftingOpen: false, submissionDeadline: '2023-03-31' }),
      setting({ year: 2024 }),
    ];
    expect(upcomingDeadlines(settings, '2021-03-31').map((s) => s.year)).toEqual([2021, 2022]);
    expect(formatDateZh('2021-03-09')).toBe('2021年3月9日');
    expect(formatDateEn('2021-12-01')).toBe('1 Dec 2021');
  });
});
