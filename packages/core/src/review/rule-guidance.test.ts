import { describe, expect, it } from 'vitest';
import { ruleGuidance } from './rule-guidance.ts';
import { allRules, ruleSets, summariseRuleSet } from './rule-sets.ts';

describe('rule guidance', () => {
  it('tells how to fix every shared rule, in Chinese and English, and nothing else', () => {
    for (const rule of allRules) {
      expect(ruleGuidance[rule.code]?.zh, rule.code).toMatch(/\S/);
      expect(ruleGuidance[rule.code]?.en, rule.code).toMatch(/\S/);
    }
    expect(Object.keys(ruleGuidance).sort()).toEqual(allRules.map((r) => r.code).sort());
  });

  it('comes with every rule of every listed set', () => {
    for (const set of ruleSets.values()) {
      for (const rule of summariseRuleSet(set).rules) expect(rule.fixZh && rule.fixEn, rule.id).toBeTruthy();
    }
  });
});
