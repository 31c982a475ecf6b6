import { AppError } from '@jixiao/core/errors/app-error';
import type {
  RuleSetAssignment,
  RuleSetAssignmentInput,
  RuleSetDefinition,
  StoredRuleSetVersion,
} from '@jixiao/core/review/rule-set-version.schema';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { insertRuleSetVersion, storeRuleSetAssignment } from '@jixiao/db/rule-sets.repository';
import { assertCan } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { auditedWrite } from './audited-write.ts';

// Rule sets (审核规则) that administrators keep (ruleset.manage): a published version is never edited, a
// new one is derived; which set reviews a region's year is chosen. Each change is written with its audit
// entry in one transaction.

/**
 * Publishes a new version of `definition.id` with its `ruleset.derive` entry. Asks no policy: callers
 * have checked who may manage rule sets (the demo data publishes as the system).
 */
export async function recordRuleSetVersion(
  db: Database,
  actor: AuditActor,
  definition: RuleSetDefinition,
): Promise<StoredRuleSetVersion> {
  return auditedWrite(
    db,
    actor,
    (trx) => insertRuleSetVersion(trx, definition, actor),
    (stored) => ({
      action: 'ruleset.derive',
      entity: 'rule_set',
      entityId: `${stored.id}@${stored.version}`,
      diff: definition,
    }),
  );
}

/** An administrator publishes a new version of a rule set (POST /api/rule-sets); 401/403 for others. */
export async function deriveRuleSet(
  db: Database,
  caller: Caller,
  definition: RuleSetDefinition,
): Promise<StoredRuleSetVersion> {
  assertCan(caller, 'ruleset.manage');
  return recordRuleSetVersion(db, auditActorOf(caller), definition);
}

/**
 * Assigns a set to a region's year, or removes the assignment, with its `ruleset.assign` entry. Asks no
 * policy: callers have checked who may manage rule sets.
 */
export async function recordRuleSetAssignment(
  db: Database,
  actor: AuditActor,
  input: RuleSetAssignmentInput,
): Promise<RuleSetAssignment | null> {
  return auditedWrite(
    db,
    actor,
    (trx) => storeRuleSetAssignment(trx, input, actor),
    (assignment) => ({
      action: 'ruleset.assign',
      entity: 'rule_set_assignment',
      entityId: `${input.region}/${input.year}`,
      diff: { region: input.region, year: input.year, assigned: assignment },
    }),
  );
}

/**
 * An administrator chooses the set that reviews a region's year (PUT /api/rule-sets/assignments); a set
 * or version that does not exist is a bad field value (`review.rule_set_invalid` at `ruleSetId`), not a
 * missing resource of the URL.
 */
export async function assignRuleSet(
  db: Database,
  caller: Caller,
  input: RuleSetAssignmentInput,
): Promise<RuleSetAssignment | null> {
  assertCan(caller, 'ruleset.manage');
  try {
    return await recordRuleSetAssignment(db, auditActorOf(caller), input);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'review.rule_set_not_found') throw error;
    throw new AppError('review.rule_set_invalid', error.zh, error.en, { path: 'ruleSetId' });
  }
}
