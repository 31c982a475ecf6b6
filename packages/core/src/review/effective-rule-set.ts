import { AppError } from '../errors/app-error.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type {
  RuleSetAssignment,
  RuleSetDefinition,
  RuleSetListItem,
  StoredRuleSetVersion,
} from './rule-set-version.schema.ts';
import { allRules, getRuleSet, type RuleSet, ruleSetFor, ruleSets, summariseRuleSet } from './rule-sets.ts';

// Derived rule set versions: a built-in set plus an administrator's overrides make
// the effective set the review runs. Pure, so the server, the editor in the browser and tests build the
// same set from the same stored definition.

const knownCodes = new Set(allRules.map((r) => r.code));

/**
 * The effective rule set of a derived version: the base's rules minus those switched off, plus shared
 * rules the base omits that are switched on, with overridden severities and parameters. Throws
 * `review.rule_unknown` (located at `rules.<i>.code`) for a code no shared rule has, and
 * `review.rule_duplicate` when a code is overridden twice.
 */
export function buildEffectiveRuleSet(definition: RuleSetDefinition, version: number): RuleSet {
  const base = ruleSets.get(definition.baseId);
  if (!base) {
    const known = [...ruleSets.keys()].join(', ');
    throw new AppError(
      'review.rule_set_not_found',
      `基础规则集「${definition.baseId}」不存在（可用：${known}）`,
      `No built-in rule set "${definition.baseId}" to start from (available: ${known})`,
      { path: 'baseId' },
    );
  }
  const overrides = new Map<string, RuleSetDefinition['rules'][number]>();
  definition.rules.forEach((override, index) => {
    const path = `rules.${index}.code`;
    if (!knownCodes.has(override.code)) {
      const known = [...knownCodes].join(', ');
      throw new AppError(
        'review.rule_unknown',
        `第 ${index + 1} 条规则的编号「${override.code}」不存在（可用：${known}）`,
        `Rule ${index + 1}: there is no rule "${override.code}" (available: ${known})`,
        { path },
      );
    }
    if (overrides.has(override.code)) {
      throw new AppError(
        'review.rule_duplicate',
        `规则「${override.code}」被设置了两次（第 ${index + 1} 条）`,
        `Rule "${override.code}" is set twice (entry ${index + 1})`,
        { path },
      );
    }
    overrides.set(override.code, override);
  });
  const inBase = new Map(base.rules.map((entry) => [entry.rule.code, entry]));
  const rules = allRules.flatMap((rule) => {
    const override = overrides.get(rule.code);
    const entry = inBase.get(rule.code);
    const enabled = override ? override.enabled : entry !== undefined;
    if (!enabled) return [];
    return [{ rule, severity: override?.severity ?? entry?.severity ?? rule.severity }];
  });
  const { params } = definition;
  return {
    id: definition.id,
    version,
    prefix: definition.prefix ?? base.prefix,
    region: definition.region,
    year: definition.year,
    zh: definition.zh,
    en: definition.en,
    baseId: base.id,
    params: {
      framework: base.params.framework,
      requiredFields: params.requiredFields ?? base.params.requiredFields,
      requiredBudget: params.requiredBudget ?? base.params.requiredBudget,
      requiredNarratives: params.requiredNarratives ?? base.params.requiredNarratives,
      budgetGrowthThreshold: params.budgetGrowthThreshold ?? base.params.budgetGrowthThreshold,
      peerLowRatio: params.peerLowRatio ?? base.params.peerLowRatio,
      peerHighRatio: params.peerHighRatio ?? base.params.peerHighRatio,
      peerUnitCostRatio: params.peerUnitCostRatio ?? base.params.peerUnitCostRatio,
      peerMinCount: params.peerMinCount ?? base.params.peerMinCount,
      linkageReduceShare: params.linkageReduceShare ?? base.params.linkageReduceShare,
      rectificationRecheckGap: params.rectificationRecheckGap ?? base.params.rectificationRecheckGap,
      exAnteNewProjectMin:
        params.exAnteNewProjectMin === undefined
          ? base.params.exAnteNewProjectMin
          : params.exAnteNewProjectMin,
      exAnteAnyProjectMin:
        params.exAnteAnyProjectMin === undefined
          ? base.params.exAnteAnyProjectMin
          : params.exAnteAnyProjectMin,
      exAnteSupportScore: params.exAnteSupportScore ?? base.params.exAnteSupportScore,
      exAntePartialScore: params.exAntePartialScore ?? base.params.exAntePartialScore,
    },
    rules,
  };
}

/** How findings and queries name a set: a built-in's id, else `id@version` (`shanghai-2021@1`). */
export function ruleSetRef(set: { id: string; version: number }): string {
  const builtIn = ruleSets.get(set.id);
  return builtIn && builtIn.version === set.version ? set.id : `${set.id}@${set.version}`;
}

/** Splits `id@version`; a bare id means the built-in set of that id (or the latest version). */
export function parseRuleSetRef(ref: string): { id: string; version: number | null } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { id: ref, version: null };
  const version = Number(ref.slice(at + 1));
  return { id: ref.slice(0, at), version: Number.isInteger(version) && version > 0 ? version : Number.NaN };
}

/** A set's stored derived versions and the administrators' assignments, as review needs them. */
export interface RuleSetCatalogue {
  versions: readonly StoredRuleSetVersion[];
  assignments: readonly RuleSetAssignment[];
}

/**
 * Looks a set up by id and version among the built-in sets and the stored versions; `version` null
 * gives the built-in set of that id, else the latest stored version. Throws `review.rule_set_not_found`.
 */
export function findRuleSet(
  versions: readonly StoredRuleSetVersion[],
  id: string,
  version: number | null,
): RuleSet {
  const builtIn = ruleSets.get(id);
  if (builtIn && (version === null || version === builtIn.version)) return builtIn;
  const ofId = versions.filter((v) => v.id === id);
  const stored =
    version === null
      ? ofId.reduce<StoredRuleSetVersion | undefined>(
          (a, b) => (a && a.version > b.version ? a : b),
          undefined,
        )
      : ofId.find((v) => v.version === version);
  if (stored) return buildEffectiveRuleSet(stored.definition, stored.version);
  if (ofId.length === 0 && !builtIn) return getRuleSet(id);
  throw new AppError(
    'review.rule_set_not_found',
    `审核规则集「${id}」没有第 ${version} 版`,
    `Rule set "${id}" has no version ${version}`,
    { path: 'ruleSet' },
  );
}

/**
 * The set that reviews `table` by default: the built-in set whose framework the table follows gives the
 * table's region (上海市 for Shanghai's framework); when an administrator assigned a set to that region
 * and the table's year, that set, else the built-in one. `lookup` returns the assigned set (or null when
 * it is gone, which keeps the built-in choice rather than failing every review).
 */
export function ruleSetForTable(
  table: PerformanceTable,
  assignments: readonly RuleSetAssignment[],
  lookup: (assignment: RuleSetAssignment) => RuleSet | null,
): RuleSet {
  const auto = ruleSetFor(table);
  const assignment = assignments.find((a) => a.region === auto.region && a.year === table.year);
  return (assignment && lookup(assignment)) ?? auto;
}

/** A stored version as listed to users: the effective rules, plus the definition it was built from. */
export function summariseStoredVersion(stored: StoredRuleSetVersion): RuleSetListItem {
  return {
    ...summariseRuleSet(buildEffectiveRuleSet(stored.definition, stored.version)),
    definition: stored.definition,
    createdAt: stored.createdAt,
  };
}
