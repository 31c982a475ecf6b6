import { AppError } from '@jixiao/core/errors/app-error';
import { findRuleSet, parseRuleSetRef } from '@jixiao/core/review/effective-rule-set';
import { autoRuleSetId, type RuleSet, ruleSetFor, ruleSets } from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { findRuleSetAssignment, listVersionsOf } from '@jixiao/db/rule-sets.repository';
import { z } from 'zod';

// Effective sets of stored versions by database and `id@version`: a version never changes once
// published, so building it once per process is enough and keeps the review bench's path unchanged.
const effectiveCache = new WeakMap<Database, Map<string, RuleSet>>();

async function storedSet(db: Database, id: string, version: number | null): Promise<RuleSet> {
  const builtIn = ruleSets.get(id);
  if (builtIn && (version === null || version === builtIn.version)) return builtIn;
  let cache = effectiveCache.get(db);
  if (!cache) {
    cache = new Map();
    effectiveCache.set(db, cache);
  }
  const key = `${id}@${version}`;
  const cached = version === null ? undefined : cache.get(key);
  if (cached) return cached;
  const set = findRuleSet(await listVersionsOf(db, id), id, version);
  cache.set(`${id}@${set.version}`, set);
  return set;
}

/**
 * The set that reviews `table` for a request, resolved once: `auto` is the set an administrator assigned
 * to the table's region (that of the framework it follows) and year, else the framework's built-in set;
 * otherwise a built-in id or `id@version`. An unknown set is a bad query parameter (400).
 */
export async function ruleSetForRequest(
  db: Database,
  ref: string,
  table: PerformanceTable,
): Promise<RuleSet> {
  try {
    if (ref === autoRuleSetId) {
      const auto = ruleSetFor(table);
      const assignment = await findRuleSetAssignment(db, auto.region, table.year);
      return assignment ? await storedSet(db, assignment.ruleSetId, assignment.version) : auto;
    }
    const { id, version } = parseRuleSetRef(ref);
    return await storedSet(db, id, version);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'review.rule_set_not_found') throw error;
    throw new AppError('review.rule_set_invalid', error.zh, error.en, { path: 'ruleSet' });
  }
}

/** A query parameter naming a set: `auto`, a built-in id or `id@version`. */
export const ruleSetRefQuery = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(@[1-9][0-9]*)?$/)
  .default(autoRuleSetId)
  .describe(
    'Rule set: auto (the set assigned to the table’s region and year, else the one whose framework it follows), a built-in id, or id@version (GET /api/rule-sets lists them)',
  );
