import { describe, expect, it } from 'vitest';
import type { ExAnteAssessment, ExAnteConclusion } from '../../ex-ante/ex-ante.schema.ts';
import type { PerformanceTable } from '../../tables/table.schema.ts';
import { buildEffectiveRuleSet } from '../effective-rule-set.ts';
import { reviewTable } from '../review-table.ts';
import type { RuleParamsOverride } from '../rule-set-version.schema.ts';
import { buildTable } from '../testing/table-factory.ts';

/** A Shanghai 2020 version asking new projects from 500 万元 and any project from 1000 万元. */
function setWith(params: RuleParamsOverride = {}) {
  return buildEffectiveRuleSet(
    {
      id: 'shanghai-exante',
      baseId: 'shanghai-2020',
      prefix: 'SHX',
      region: '上海市',
      year: 2020,
      zh: '测试',
      en: 'Test',
      rules: [],
      params: { exAnteNewProjectMin: 5_000_000, exAnteAnyProjectMin: 10_000_000, ...params },
    },
    1,
  );
}

const newProject = (currentYear: number) =>
  buildTable({ budget: { total: currentYear, currentYear, priorYearBudget: null } });
const continuing = (currentYear: number) =>
  buildTable({ budget: { total: currentYear, currentYear, priorYearBudget: currentYear } });

function assessment(scores: number[], conclusion: ExAnteConclusion): ExAnteAssessment {
  const dimensions = ['necessity', 'economy', 'targets', 'feasibility', 'funding'] as const;
  return {
    tableId: '00000000-0000-4000-8000-000000000001',
    scores: dimensions.map((dimension, i) => ({ dimension, score: scores[i] ?? 0, evidence: '依据' })),
    conclusion,
    opinion: '意见',
    total: scores.reduce((a, b) => a + b, 0),
    updatedAt: '2026-12-07T00:00:00.000Z',
  };
}

const ids = (
  table: PerformanceTable,
  exAnte: ExAnteAssessment | null | undefined,
  params: RuleParamsOverride = {},
) =>
  reviewTable(table, setWith(params), exAnte === undefined ? {} : { exAnte })
    .filter((f) => /-E\d\d$/.test(f.ruleId))
    .map((f) => `${f.ruleId}@${f.path ?? ''}`);

describe('ex-ante rules', () => {
  it('E01 asks a new project from the new-project threshold, any project from the general one', () => {
    expect(ids(newProject(5_000_000), null)).toEqual(['SHX-E01@']);
    expect(ids(newProject(4_999_999), null)).toEqual([]);
    expect(ids(continuing(9_000_000), null)).toEqual([]);
    expect(ids(continuing(10_000_000), null)).toEqual(['SHX-E01@']);
    // 0 asks every new project, null switches the trigger off.
    expect(ids(newProject(10_000), null, { exAnteNewProjectMin: 0 })).toEqual(['SHX-E01@']);
    expect(ids(newProject(6_000_000), null, { exAnteNewProjectMin: null })).toEqual([]);
  });

  it('E01 says nothing once an assessment exists, when the review did not look, or on the built-in defaults', () => {
    expect(ids(newProject(6_000_000), assessment([18, 17, 16, 17, 18], 'support'))).toEqual([]);
    expect(ids(newProject(6_000_000), undefined)).toEqual([]);
    const builtIn = reviewTable(newProject(60_000_000), 'shanghai-2020', { exAnte: null });
    expect(builtIn.filter((f) => f.ruleId.includes('-E0'))).toEqual([]);
  });

  it('E01 names the threshold in its message', () => {
    const [finding] = reviewTable(newProject(6_000_000), setWith(), { exAnte: null }).filter((f) =>
      f.ruleId.endsWith('-E01'),
    );
    expect(finding?.severity).toBe('error');
    expect(finding?.zh).toContain('新增项目当年预算达到 500 万元');
    expect(finding?.en).toContain('at least 500 × 10,000 yuan');
  });

  it('E02 stops a project the assessment does not support', () => {
    expect(ids(continuing(1_000), assessment([8, 8, 8, 8, 8], 'reject'))).toEqual(['SHX-E02@']);
    expect(ids(continuing(1_000), assessment([12, 12, 12, 12, 12], 'partial'))).toEqual([]);
  });

  it('E03 warns when the conclusion is not the one the rule set bands give the total', () => {
    // 60 points: 部分支持 under the defaults (80/60).
    expect(ids(continuing(1_000), assessment([12, 12, 12, 12, 12], 'support'))).toEqual(['SHX-E03@']);
    expect(ids(continuing(1_000), assessment([16, 16, 16, 16, 16], 'support'))).toEqual([]);
    // With the support band lowered to 60, the same 60 points support.
    expect(
      ids(continuing(1_000), assessment([12, 12, 12, 12, 12], 'support'), { exAnteSupportScore: 60 }),
    ).toEqual([]);
    const [finding] = reviewTable(continuing(1_000), setWith(), {
      exAnte: assessment([12, 12, 12, 12, 13], 'support'),
    }).filter((f) => f.ruleId.endsWith('-E03'));
    expect(finding?.severity).toBe('warning');
    expect(finding?.zh).toContain('应为「部分支持」');
  });
});
