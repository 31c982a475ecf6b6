import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { ruleSetSummarySchema } from './finding.schema.ts';
import { getRuleSet, resolveRuleSet, ruleSetFor, ruleSets, summariseRuleSet } from './rule-sets.ts';
import { buildIndicator, buildTable } from './testing/table-factory.ts';

describe('rule sets', () => {
  it('offers the Shanghai 2020, national 2020 and cost-at-level-1 sets, each listable', () => {
    expect([...ruleSets.keys()]).toEqual(['shanghai-2020', 'national-2020', 'national-2021-cost']);
    for (const set of ruleSets.values()) {
      const summary = ruleSetSummarySchema.parse(summariseRuleSet(set));
      const ids = summary.rules.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => id.startsWith(`${set.prefix}-`))).toBe(true);
    }
    expect(summariseRuleSet(getRuleSet('shanghai-2020')).rules.map((r) => r.id)).toContain('SH2020-Q01');
    expect(getRuleSet('national-2021-cost').params.framework.level1[0]?.name).toBe('成本');
  });

  it('picks the set whose framework the table follows', () => {
    expect(ruleSetFor(buildTable()).id).toBe('shanghai-2020');
    const national = buildTable({
      indicators: [
        buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次'),
        buildIndicator('效益指标', '社会效益指标', '就业率', '>=80%'),
        buildIndicator('满意度指标', '服务对象满意度指标', '学员满意度', '>=90%'),
      ],
    });
    expect(ruleSetFor(national).id).toBe('national-2020');
    const cost = buildTable({
      indicators: [
        buildIndicator('成本指标', '经济成本指标', '项目建设成本', '≤65万元'),
        ...national.indicators,
      ],
    });
    expect(ruleSetFor(cost).id).toBe('national-2021-cost');
    expect(resolveRuleSet('auto', cost).id).toBe('national-2021-cost');
    expect(resolveRuleSet('national-2020', cost).id).toBe('national-2020');
    expect(ruleSetFor(buildTable({ indicators: [] })).id).toBe('shanghai-2020');
  });

  it('refuses an unknown id with a stable code', () => {
    expect(() => getRuleSet('mars-2099')).toThrow(AppError);
    try {
      getRuleSet('mars-2099');
    } catch (error) {
      expect((error as AppError).code).toBe('review.rule_set_not_found');
    }
  });
});
