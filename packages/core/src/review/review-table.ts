import { normaliseName, placeIndicator } from '../frameworks/framework-match.ts';
import { unitCostsOf } from '../peers/unit-cost.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { Finding } from './finding.schema.ts';
import {
  isGenericOutputName,
  isImplementerSatisfaction,
  isRateName,
  isSatisfactionName,
  nameHasPlaceholder,
  nameSuggestsReverse,
  numberInName,
} from './indicator-words.ts';
import type { IndicatorFacts, ReviewContext, ReviewInput } from './rule.ts';
import { getRuleSet, type RuleSet, ruleIdIn } from './rule-sets.ts';

interface NameFacts {
  key: string;
  rateLike: boolean;
  satisfaction: boolean;
  reverseByName: boolean;
  numberInName: string | null;
  placeholderInName: boolean;
  genericOutput: boolean;
  implementerSatisfaction: boolean;
}

// The same names recur across thousands of tables (Shanghai's nine common indicators in every one), so
// what a name says is worked out once. Bounded: names come from user input.
const nameCache = new Map<string, NameFacts>();

function nameFacts(name: string): NameFacts {
  const cached = nameCache.get(name);
  if (cached) return cached;
  const facts: NameFacts = {
    key: normaliseName(name),
    rateLike: isRateName(name),
    satisfaction: isSatisfactionName(name),
    reverseByName: nameSuggestsReverse(name),
    numberInName: numberInName(name),
    placeholderInName: nameHasPlaceholder(name),
    genericOutput: isGenericOutputName(name),
    implementerSatisfaction: isImplementerSatisfaction(name),
  };
  if (nameCache.size > 50_000) nameCache.clear();
  nameCache.set(name, facts);
  return facts;
}

function prepare(table: PerformanceTable, set: RuleSet, context: ReviewContext): ReviewInput {
  const framework = set.params.framework;
  const indicators: IndicatorFacts[] = table.indicators.map((indicator, index) => {
    const { reverseByName, ...facts } = nameFacts(indicator.name);
    const undeclared = indicator.direction === null || indicator.direction === undefined;
    return {
      index,
      indicator,
      place: placeIndicator(framework, indicator),
      ...facts,
      reverse: indicator.direction === '反向' || (undeclared && reverseByName),
    };
  });
  const byLevel1 = new Map<string, IndicatorFacts[]>();
  for (const f of indicators) {
    const name = f.place.level1?.name;
    if (name === undefined) continue;
    const group = byLevel1.get(name);
    if (group) group.push(f);
    else byLevel1.set(name, [f]);
  }
  return {
    table,
    params: set.params,
    previous: context.previous ?? null,
    peers: context.peers ?? [],
    exAnte: context.exAnte,
    unitCosts: context.peers?.length ? unitCostsOf(table) : [],
    indicators,
    byLevel1,
  };
}

/**
 * Reviews a table with a rule set (by id or as data) and returns every finding, in rule order.
 * `context.previous` (last year's table of the same project) enables the year-to-year rules,
 * `context.peers` (similar projects with what they achieved) the evidence rules.
 */
export function reviewTable(
  table: PerformanceTable,
  ruleSet: string | RuleSet,
  context: ReviewContext = {},
): Finding[] {
  const set = typeof ruleSet === 'string' ? getRuleSet(ruleSet) : ruleSet;
  const input = prepare(table, set, context);
  const findings: Finding[] = [];
  if (table.incomplete) {
    findings.push({
      ruleId: `${set.prefix}-C00`,
      severity: 'hint',
      zh: '来源文档不完整（被截断），未检查缺项类规则：请导入完整的文档后再审核。',
      en: 'The source document was cut off, so rules about missing parts were not run: import the whole document and review again.',
    });
  }
  for (const { rule, severity } of set.rules) {
    if (table.incomplete && rule.needsWholeTable) continue;
    for (const hit of rule.check(input)) {
      const finding: Finding = { ruleId: ruleIdIn(set, rule), severity, zh: hit.zh, en: hit.en };
      if (hit.path !== undefined) finding.path = hit.path;
      if (hit.indicatorIndex !== undefined) finding.indicatorIndex = hit.indicatorIndex;
      findings.push(finding);
    }
  }
  return findings;
}

/** Counts findings by severity (for summaries and exit codes). */
export function countBySeverity(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, hint: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
