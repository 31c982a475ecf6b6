import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  buildEffectiveRuleSet,
  findRuleSet,
  parseRuleSetRef,
  ruleSetForTable,
  ruleSetRef,
  summariseStoredVersion,
} from './effective-rule-set.ts';
import { reviewTable } from './review-table.ts';
import { type RuleSetDefinitionInput, ruleSetDefinitionSchema } from './rule-set-version.schema.ts';
import { allRules, getRuleSet } from './rule-sets.ts';
import { buildIndicator, buildTable } from './testing/table-factory.ts';

function definition(overrides: Partial<RuleSetDefinitionInput> = {}) {
  return ruleSetDefinitionSchema.parse({
    id: 'shanghai-2021',
    baseId: 'shanghai-2020',
    region: '上海市',
    year: 2021,
    zh: '上海市 2021 年审核规则',
    en: 'Shanghai 2021 rules',
    ...overrides,
  });
}

/** A sound table with a number in an indicator name (Q02) and a worded rate target (Q01). */
function flawedTable() {
  const table = buildTable();
  table.indicators[8] = buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范');
  table.indicators.push(buildIndicator('效益指标', '社会效益指标', '提升知名度20%', '>=10%'));
  return table;
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('effective rule sets', () => {
  it('with no overrides reviews exactly like its base (ids follow the base prefix)', () => {
    const set = buildEffectiveRuleSet(definition(), 1);
    const table = flawedTable();
    expect(reviewTable(table, set)).toEqual(reviewTable(table, getRuleSet('shanghai-2020')));
    expect(set.rules.map((r) => r.rule.code)).toEqual(
      getRuleSet('shanghai-2020').rules.map((r) => r.rule.code),
    );
  });

  it('a disabled rule gives no findings while the others still report', () => {
    const table = flawedTable();
    const before = reviewTable(table, getRuleSet('shanghai-2020')).map((f) => f.ruleId);
    expect(before).toContain('SH2020-Q02');
    const set = buildEffectiveRuleSet(definition({ rules: [{ code: 'Q02', enabled: false }] }), 1);
    const after = reviewTable(table, set).map((f) => f.ruleId);
    expect(after).not.toContain('SH2020-Q02');
    expect(after).toEqual(before.filter((id) => id !== 'SH2020-Q02'));
  });

  it('a severity change shows in the findings and the prefix can change', () => {
    const set = buildEffectiveRuleSet(
      definition({ prefix: 'SH2021', rules: [{ code: 'Q01', severity: 'hint' }] }),
      2,
    );
    const q01 = reviewTable(flawedTable(), set).find((f) => f.ruleId === 'SH2021-Q01');
    expect(q01?.severity).toBe('hint');
    expect(getRuleSet('shanghai-2020').rules.find((r) => r.rule.code === 'Q01')?.severity).toBe('error');
  });

  it('switches on a shared rule its base omits, with its default severity', () => {
    const national = buildEffectiveRuleSet(
      definition({ id: 'national-2022', baseId: 'national-2020', rules: [{ code: 'C08', enabled: true }] }),
      1,
    );
    expect(getRuleSet('national-2020').rules.some((r) => r.rule.code === 'C08')).toBe(false);
    const c08 = national.rules.find((r) => r.rule.code === 'C08');
    expect(c08?.severity).toBe(allRules.find((r) => r.code === 'C08')?.severity);
  });

  it('parameter overrides change what the rules ask for; the rest stays the base’s', () => {
    const table = buildTable({ category: null });
    const base = reviewTable(table, getRuleSet('shanghai-2020')).filter((f) => f.ruleId === 'SH2020-C01');
    expect(base).toHaveLength(1);
    const set = buildEffectiveRuleSet(definition({ params: { requiredFields: ['unit', 'name'] } }), 1);
    expect(reviewTable(table, set).filter((f) => f.ruleId === 'SH2020-C01')).toHaveLength(0);
    expect(set.params.budgetGrowthThreshold).toBe(0.1);
    expect(set.params.framework).toBe(getRuleSet('shanghai-2020').params.framework);
    expect(() =>
      ruleSetDefinitionSchema.parse({ ...definition(), params: { budgetGrowthThreshold: -1 } }),
    ).toThrow();
    expect(() => ruleSetDefinitionSchema.parse({ ...definition(), params: { framework: 'x' } })).toThrow();
  });

  it('refuses an unknown rule code with a located zh/en error', () => {
    const error = errorOf(() =>
      buildEffectiveRuleSet(definition({ rules: [{ code: 'Q02' }, { code: 'Z99', enabled: false }] }), 1),
    );
    expect(error.code).toBe('review.rule_unknown');
    expect(error.location?.path).toBe('rules.1.code');
    expect(error.zh).toContain('Z99');
    expect(error.en).toContain('Z99');
    expect(
      errorOf(() => buildEffectiveRuleSet(definition({ rules: [{ code: 'Q02' }, { code: 'Q02' }] }), 1)).code,
    ).toBe('review.rule_duplicate');
    expect(errorOf(() => buildEffectiveRuleSet(definition({ baseId: 'mars-2099' }), 1)).location?.path).toBe(
      'baseId',
    );
  });

  it('names sets as id or id@version and finds stored versions', () => {
    const stored = [1, 2].map((version) => ({
      id: 'shanghai-2021',
      version,
      definition: definition({ rules: version === 2 ? [{ code: 'Q02', enabled: false }] : [] }),
      createdAt: '2026-11-26T00:00:00.000Z',
      createdBy: null,
    }));
    expect(ruleSetRef(getRuleSet('shanghai-2020'))).toBe('shanghai-2020');
    expect(ruleSetRef({ id: 'shanghai-2020', version: 2 })).toBe('shanghai-2020@2');
    expect(parseRuleSetRef('shanghai-2021@2')).toEqual({ id: 'shanghai-2021', version: 2 });
    expect(parseRuleSetRef('shanghai-2020')).toEqual({ id: 'shanghai-2020', version: null });
    expect(findRuleSet(stored, 'shanghai-2021', null).version).toBe(2);
    expect(findRuleSet(stored, 'shanghai-2021', 1).rules.some((r) => r.rule.code === 'Q02')).toBe(true);
    expect(findRuleSet(stored, 'shanghai-2020', null)).toBe(getRuleSet('shanghai-2020'));
    expect(errorOf(() => findRuleSet(stored, 'shanghai-2021', 3)).code).toBe('review.rule_set_not_found');
    expect(errorOf(() => findRuleSet(stored, 'mars-2099', null)).code).toBe('review.rule_set_not_found');
    const summary = summariseStoredVersion(stored[1] as (typeof stored)[number]);
    expect(summary.builtIn).toBe(false);
    expect(summary.baseId).toBe('shanghai-2020');
    expect(summary.rules.map((r) => r.id)).not.toContain('SH2020-Q02');
  });

  it('uses the set assigned to the table’s region and year, else the framework’s', () => {
    const assigned = buildEffectiveRuleSet(definition({ rules: [{ code: 'Q02', enabled: false }] }), 1);
    const assignments = [{ region: '上海市', year: 2021, ruleSetId: 'shanghai-2021', version: 1 }];
    const lookup = () => assigned;
    expect(ruleSetForTable(buildTable({ year: 2021 }), assignments, lookup)).toBe(assigned);
    expect(ruleSetForTable(buildTable({ year: 2020 }), assignments, lookup).id).toBe('shanghai-2020');
    // A national table of 2021 is not a Shanghai one: the assignment does not reach it.
    const national = buildTable({
      year: 2021,
      indicators: [
        buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次'),
        buildIndicator('效益指标', '社会效益指标', '就业率', '>=80%'),
        buildIndicator('满意度指标', '服务对象满意度指标', '学员满意度', '>=90%'),
      ],
    });
    expect(ruleSetForTable(national, assignments, lookup).id).toBe('national-2020');
    expect(ruleSetForTable(buildTable({ year: 2021 }), assignments, () => null).id).toBe('shanghai-2020');
  });
});
