import { AppError } from '@jixiao/core/errors/app-error';
import { buildEffectiveRuleSet, findRuleSet } from '@jixiao/core/review/effective-rule-set';
import {
  type RuleSetAssignment,
  type RuleSetAssignmentInput,
  type RuleSetDefinition,
  ruleSetDefinitionSchema,
  type StoredRuleSetVersion,
} from '@jixiao/core/review/rule-set-version.schema';
import { ruleSets } from '@jixiao/core/review/rule-sets';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

// Storage of derived rule set versions and of which set reviews a region's year. Versions are insert
// only (the table's trigger rejects UPDATE/DELETE); writes run in the caller's transaction, in which the
// server's use case writes the audit entry.

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

function toStored(row: {
  id: string;
  version: number;
  definition: unknown;
  created_at: Date | string;
  created_by: string | null;
}): StoredRuleSetVersion {
  return {
    id: row.id,
    version: row.version,
    // Validated again when read back: a definition is data the review runs on.
    definition: ruleSetDefinitionSchema.parse(
      typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition,
    ),
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

/** Every stored version, by id then version. */
export async function listRuleSetVersions(db: Database): Promise<StoredRuleSetVersion[]> {
  const rows = await db
    .selectFrom('rule_set_versions')
    .selectAll()
    .orderBy('id')
    .orderBy('version')
    .execute();
  return rows.map(toStored);
}

/** The stored versions of one id (none for a built-in set never derived). */
export async function listVersionsOf(db: Database, id: string): Promise<StoredRuleSetVersion[]> {
  const rows = await db
    .selectFrom('rule_set_versions')
    .selectAll()
    .where('id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map(toStored);
}

/**
 * Stores a new version of `definition.id` as `actor`, in the caller's transaction: the next number after
 * the stored ones (after 1 for a built-in id, whose version 1 ships with Jixiao). The definition must
 * build (known rule codes, a built-in base). Two admins publishing at once: one gets
 * `review.rule_set_version_conflict` and tries again.
 */
export async function insertRuleSetVersion(
  db: Database,
  definition: RuleSetDefinition,
  actor: AuditActor,
): Promise<StoredRuleSetVersion> {
  const builtIn = ruleSets.get(definition.id);
  if (builtIn && definition.baseId !== builtIn.id) {
    throw new AppError(
      'review.rule_set_invalid',
      `规则集「${definition.id}」的新版本须以它自己为基础`,
      `A new version of "${definition.id}" must start from "${definition.id}" itself`,
      { path: 'baseId' },
    );
  }
  const last = await db
    .selectFrom('rule_set_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('id', '=', definition.id)
    .executeTakeFirst();
  const version = Math.max(Number(last?.max ?? 0), builtIn ? builtIn.version : 0) + 1;
  buildEffectiveRuleSet(definition, version);
  try {
    const row = await db
      .insertInto('rule_set_versions')
      .values({
        id: definition.id,
        version,
        base_id: definition.baseId,
        region: definition.region,
        year: definition.year,
        definition: JSON.stringify(definition),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStored(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      'review.rule_set_version_conflict',
      `规则集「${definition.id}」刚刚发布了新版本，请刷新后重试`,
      `A new version of "${definition.id}" was just published; reload and try again`,
      { path: 'id' },
    );
  }
}

/** Every assignment, by region and year. */
export async function listRuleSetAssignments(db: Database): Promise<RuleSetAssignment[]> {
  const rows = await db
    .selectFrom('rule_set_assignments')
    .selectAll()
    .orderBy('region')
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    region: r.region,
    year: r.year,
    ruleSetId: r.rule_set_id,
    version: r.rule_set_version,
  }));
}

/** The assignment of one region and year, if an administrator made one. */
export async function findRuleSetAssignment(
  db: Database,
  region: string,
  year: number,
): Promise<RuleSetAssignment | null> {
  const row = await db
    .selectFrom('rule_set_assignments')
    .selectAll()
    .where('region', '=', region)
    .where('year', '=', year)
    .executeTakeFirst();
  return row
    ? { region: row.region, year: row.year, ruleSetId: row.rule_set_id, version: row.rule_set_version }
    : null;
}

/**
 * Assigns a set (a built-in one or a stored version; the latest when no version is given) to a region
 * and year as `actor`, or removes the assignment (`ruleSetId: null`), in the caller's transaction;
 * `review.rule_set_not_found` for a set or version that does not exist. Returns the assignment now in
 * force, or null.
 */
export async function storeRuleSetAssignment(
  db: Database,
  input: RuleSetAssignmentInput,
  actor: AuditActor,
): Promise<RuleSetAssignment | null> {
  if (input.ruleSetId === null) {
    await db
      .deleteFrom('rule_set_assignments')
      .where('region', '=', input.region)
      .where('year', '=', input.year)
      .execute();
    return null;
  }
  const versions = await listVersionsOf(db, input.ruleSetId);
  const builtIn = ruleSets.get(input.ruleSetId);
  // A bare id means the latest version, built-in or stored.
  const latest = versions.at(-1)?.version ?? builtIn?.version ?? null;
  const set = findRuleSet(versions, input.ruleSetId, input.version ?? latest);
  const assigned = { rule_set_id: set.id, rule_set_version: set.version, assigned_by: actor.userId };
  await db
    .insertInto('rule_set_assignments')
    .values({ region: input.region, year: input.year, ...assigned, assigned_at: new Date() })
    .onConflict((oc) => oc.columns(['region', 'year']).doUpdateSet({ ...assigned, assigned_at: new Date() }))
    .execute();
  return { region: input.region, year: input.year, ruleSetId: set.id, version: set.version };
}
