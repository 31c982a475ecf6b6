import { normaliseName, placeIndicator } from '../frameworks/framework-match.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { Finding } from './finding.schema.ts';
import { isRateName, isSatisfactionName, nameSuggestsReverse } from './indicator-words.ts';
import type { IndicatorFacts, ReviewContext, ReviewInput } from './rule.ts';
import { getRuleSet, type RuleSet, ruleIdIn } from './rule-sets.ts';

function prepare(table: PerformanceTable, set: RuleSet, context: ReviewContext): ReviewInput {
  const framework = set.params.framework;
  const indicators: IndicatorFacts[] = table.indicators.map((indicator, index) => ({
    index,
    indicator,
    place: placeIndicator(framework, indicator),
    key: normaliseName(indicator.name),
    rateLike: isRateName(indicator.name),
    satisfaction: isSatisfactionName(indicator.name),
    reverse:
      indicator.direction === '反向' ||
      ((indicator.direction === null || indicator.direction === undefined) &&
        nameSuggestsReverse(indicator.name)),
  }));
  return { table, params: set.params, previous: context.previous ?? null, indicators };
}

/**
 * Reviews a table with a rule set (by id or as data) and returns every finding, in rule order.
 * `context.previous` (last year's table of the same project) enables the year-to-year rules.
 */
export function reviewTable(
  table: PerformanceTable,
  ruleSet: string | RuleSet,
  context: ReviewContext = {},
): Finding[] {
  const set = typeof ruleSet === 'string' ? getRuleSet(ruleSet) : ruleSet;
  const input = prepare(table, set, context);
  const findings: Finding[] = [];
  for (const { rule, severity } of set.rules) {
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
