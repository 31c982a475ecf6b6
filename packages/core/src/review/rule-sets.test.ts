import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { ruleSetSummarySchema } from './finding.schema.ts';
import { getRuleSet, ruleSets, summariseRuleSet } from './rule-sets.ts';

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

  it('refuses an unknown id with a stable code', () => {
    expect(() => getRuleSet('mars-2099')).toThrow(AppError);
    try {
      getRuleSet('mars-2099');
    } catch (error) {
      expect((error as AppError).code).toBe('review.rule_set_not_found');
    }
  });
});
