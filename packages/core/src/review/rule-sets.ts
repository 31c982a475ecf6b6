import { AppError } from '../errors/app-error.ts';
import { frameworkFit } from '../frameworks/framework-match.ts';
import { national2020Framework, national2021CostFramework } from '../frameworks/national-2020.framework.ts';
import { shanghai2020Framework } from '../frameworks/shanghai-2020.framework.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { RuleSetSummary, Severity } from './finding.schema.ts';
import type { Rule, RuleParams } from './rule.ts';
import { ruleGuidance, truncatedSourceGuidance } from './rule-guidance.ts';
import { comparisonRules } from './rules/comparison.rules.ts';
import { completenessRules } from './rules/completeness.rules.ts';
import { consistencyRules } from './rules/consistency.rules.ts';
import { exAnteRules } from './rules/ex-ante.rules.ts';
import { peerEvidenceRules } from './rules/peer-evidence.rules.ts';
import { targetQualityRules } from './rules/target-quality.rules.ts';

/** Every shared rule, in the order findings are reported. */
export const allRules: readonly Rule[] = [
  ...completenessRules,
  ...consistencyRules,
  ...targetQualityRules,
  ...comparisonRules,
  ...peerEvidenceRules,
  ...exAnteRules,
];

/** A rule as a set uses it: possibly with another severity. */
export interface RuleSetEntry {
  rule: Rule;
  severity: Severity;
}

/** A named, versioned rule set of a region and year: shared rules plus the set's parameters. */
export interface RuleSet {
  id: string;
  version: number;
  /** Prefix of the rule ids in findings: `SH2020` makes `SH2020-Q01`. */
  prefix: string;
  region: string;
  year: number;
  zh: string;
  en: string;
  params: RuleParams;
  rules: readonly RuleSetEntry[];
  /** The built-in set a derived version was built from (absent on built-in sets). */
  baseId?: string;
}

function compose(
  base: Omit<RuleSet, 'rules'>,
  options: { omit?: readonly string[]; severity?: Readonly<Record<string, Severity>> } = {},
): RuleSet {
  const rules = allRules
    .filter((rule) => !options.omit?.includes(rule.code))
    .map((rule) => ({ rule, severity: options.severity?.[rule.code] ?? rule.severity }));
  return { ...base, rules };
}

/**
 * The evidence rules' defaults (half the peers' median, twice their best, twice their cost range, two
 * peers), the budget linkage's cut for a project graded 中 (10%), the re-check gap that opens a 整改 task
 * (5 points), and the ex-ante assessment's: no
 * project required by default (the thresholds are each region's policy, set in a derived version), 80
 * points to support, 60 to support in part.
 */
const peerParams = {
  peerLowRatio: 0.5,
  peerHighRatio: 2,
  peerUnitCostRatio: 2,
  peerMinCount: 2,
  linkageReduceShare: 0.1,
  rectificationRecheckGap: 5,
  exAnteNewProjectMin: null,
  exAnteAnyProjectMin: null,
  exAnteSupportScore: 80,
  exAntePartialScore: 60,
} as const satisfies Pick<
  RuleParams,
  | 'peerLowRatio'
  | 'peerHighRatio'
  | 'peerUnitCostRatio'
  | 'peerMinCount'
  | 'linkageReduceShare'
  | 'rectificationRecheckGap'
  | 'exAnteNewProjectMin'
  | 'exAnteAnyProjectMin'
  | 'exAnteSupportScore'
  | 'exAntePartialScore'
>;

const allNarratives = ['overview', 'basis', 'necessity', 'safeguards', 'plan', 'goals'] as const;

const shanghai2020 = compose({
  id: 'shanghai-2020',
  version: 1,
  prefix: 'SH2020',
  region: '上海市',
  year: 2020,
  zh: '上海市 2020 年项目支出绩效目标审核规则',
  en: 'Shanghai 2020 project target review rules',
  params: {
    framework: shanghai2020Framework,
    requiredFields: ['unit', 'name', 'category', 'startDate', 'endDate'],
    requiredBudget: ['total', 'currentYear'],
    requiredNarratives: allNarratives,
    budgetGrowthThreshold: 0.1,
    ...peerParams,
  },
});

const nationalParams = {
  requiredFields: ['unit', 'name'],
  requiredBudget: ['currentYear'],
  requiredNarratives: ['goals'],
  budgetGrowthThreshold: 0.1,
  ...peerParams,
} as const satisfies Omit<RuleParams, 'framework'>;

/**
 * A national rule set: the national parameters over `framework`; without C08, as the national frameworks
 * list no common indicators (共性指标) for it to look for.
 */
function nationalRuleSet(
  set: Pick<RuleSet, 'id' | 'prefix' | 'year' | 'zh' | 'en'> & { framework: RuleParams['framework'] },
): RuleSet {
  const { id, prefix, year, zh, en, framework } = set;
  return compose(
    { id, version: 1, prefix, region: '全国', year, zh, en, params: { framework, ...nationalParams } },
    { omit: ['C08'] },
  );
}

const national2020 = nationalRuleSet({
  id: 'national-2020',
  prefix: 'NAT2020',
  year: 2020,
  zh: '全国项目支出绩效目标审核规则（财预〔2020〕10号）',
  en: 'National project target review rules (Cai Yu [2020] No. 10)',
  framework: national2020Framework,
});

const national2021Cost = nationalRuleSet({
  id: 'national-2021-cost',
  prefix: 'NAT2021C',
  year: 2021,
  zh: '全国项目支出绩效目标审核规则（成本指标为一级指标）',
  en: 'National project target review rules with cost as a level-1 category',
  framework: national2021CostFramework,
});

/** Every rule set, by id. */
export const ruleSets: ReadonlyMap<string, RuleSet> = new Map(
  [shanghai2020, national2020, national2021Cost].map((s) => [s.id, s]),
);

/** The rule set used when none is named. */
export const defaultRuleSetId = 'shanghai-2020';

/** Asks `ruleSetFor` to pick the set whose framework the table's level-1 labels follow. */
export const autoRuleSetId = 'auto';

/**
 * The rule set whose framework fits the table best: the one that places most of its indicators at
 * level 1 (ties go to the earlier set, Shanghai 2020 first). A table whose labels fit no framework
 * gets the default set.
 */
export function ruleSetFor(table: PerformanceTable): RuleSet {
  let best: RuleSet | null = null;
  let bestScore = 0;
  for (const set of ruleSets.values()) {
    const score = frameworkFit(set.params.framework, table.indicators);
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best ?? getRuleSet(defaultRuleSetId);
}

/** Resolves a rule set id, `auto` choosing by the table (see `ruleSetFor`). */
export function resolveRuleSet(id: string, table: PerformanceTable): RuleSet {
  return id === autoRuleSetId ? ruleSetFor(table) : getRuleSet(id);
}

/** Looks a rule set up by id; throws `review.rule_set_not_found` when there is none. */
export function getRuleSet(id: string): RuleSet {
  const set = ruleSets.get(id);
  if (!set) {
    const known = [...ruleSets.keys()].join(', ');
    throw new AppError(
      'review.rule_set_not_found',
      `没有名为「${id}」的审核规则集（可用：${known}）`,
      `No rule set "${id}" (available: ${known})`,
      { path: 'ruleSet' },
    );
  }
  return set;
}

/** The id a finding of `rule` carries in `set`. */
export function ruleIdIn(set: RuleSet, rule: Rule): string {
  return `${set.prefix}-${rule.code}`;
}

/** A rule set as listed to users: ids, severities and descriptions, no functions. */
export function summariseRuleSet(set: RuleSet): RuleSetSummary {
  return {
    id: set.id,
    version: set.version,
    region: set.region,
    year: set.year,
    zh: set.zh,
    en: set.en,
    frameworkId: set.params.framework.id,
    prefix: set.prefix,
    builtIn: set.baseId === undefined,
    baseId: set.baseId ?? set.id,
    rules: [
      {
        id: `${set.prefix}-C00`,
        code: 'C00',
        category: 'completeness',
        severity: 'hint',
        zh: '来源文档被截断时，说明缺项类规则未检查',
        en: 'When the source was cut off, says that rules about missing parts were not run',
        fixZh: truncatedSourceGuidance.zh,
        fixEn: truncatedSourceGuidance.en,
      },
      ...set.rules.map(({ rule, severity }) => ({
        id: ruleIdIn(set, rule),
        code: rule.code,
        category: rule.category,
        severity,
        zh: rule.zh,
        en: rule.en,
        fixZh: ruleGuidance[rule.code]?.zh ?? '',
        fixEn: ruleGuidance[rule.code]?.en ?? '',
      })),
    ],
  };
}
