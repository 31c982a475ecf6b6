import { AppError } from '@jixiao/core/errors/app-error';
import { findRuleSet, parseRuleSetRef, summariseStoredVersion } from '@jixiao/core/review/effective-rule-set';
import {
  ruleSetAssignmentInputSchema,
  ruleSetAssignmentSchema,
  ruleSetDefinitionSchema,
  ruleSetListItemSchema,
} from '@jixiao/core/review/rule-set-version.schema';
import {
  autoRuleSetId,
  type RuleSet,
  ruleSetFor,
  ruleSets,
  summariseRuleSet,
} from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import {
  createRuleSetVersion,
  findRuleSetAssignment,
  listRuleSetAssignments,
  listRuleSetVersions,
  listVersionsOf,
  setRuleSetAssignment,
} from '@jixiao/db/rule-sets.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, authorize } from '../auth/authorize.ts';

// Rule sets (审核规则): everyone reads them, so authors know what the machine checks before they submit;
// administrators (ruleset.manage) publish new versions derived from a built-in set and choose which set
// reviews a region's year. Published versions are never edited.

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

const listResponse = z.object({
  items: z.array(ruleSetListItemSchema),
  assignments: z.array(ruleSetAssignmentSchema),
});

export const ruleSetsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rule-sets',
    {
      schema: {
        tags: ['review'],
        summary:
          'Review rule sets: built-in and derived versions, their rules, and which set reviews which year',
        response: { 200: listResponse },
      },
    },
    async () => {
      const [versions, assignments] = await Promise.all([
        listRuleSetVersions(app.db),
        listRuleSetAssignments(app.db),
      ]);
      return {
        items: [...[...ruleSets.values()].map(summariseRuleSet), ...versions.map(summariseStoredVersion)],
        assignments,
      };
    },
  );

  app.get(
    '/rule-sets/:id',
    {
      schema: {
        tags: ['review'],
        summary: 'One rule set: a given version, else its latest',
        params: z.object({ id: z.string().min(1).max(60) }),
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
        response: { 200: ruleSetListItemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const versions = await listVersionsOf(app.db, id);
      const latest = versions.at(-1)?.version ?? ruleSets.get(id)?.version ?? null;
      const version = request.query.version ?? latest;
      const stored = versions.find((v) => v.version === version);
      return stored ? summariseStoredVersion(stored) : summariseRuleSet(findRuleSet(versions, id, version));
    },
  );

  app.post(
    '/rule-sets',
    {
      onRequest: authorize('ruleset.manage'),
      schema: {
        tags: ['review'],
        summary: 'Publish a new version of a rule set derived from a built-in one (admins)',
        description:
          'Rules switched off or given another severity, parameters changed; deriving under an existing id makes its next version. Published versions are never edited.',
        body: ruleSetDefinitionSchema,
        response: { 201: ruleSetListItemSchema },
      },
    },
    async (request, reply) => {
      const stored = await createRuleSetVersion(app.db, request.body, auditActor(request));
      reply.code(201);
      return summariseStoredVersion(stored);
    },
  );

  app.put(
    '/rule-sets/assignments',
    {
      onRequest: authorize('ruleset.manage'),
      schema: {
        tags: ['review'],
        summary: 'Choose the rule set that reviews the tables of a region and year (admins)',
        body: ruleSetAssignmentInputSchema,
        response: { 200: z.object({ assignment: ruleSetAssignmentSchema.nullable() }) },
      },
    },
    async (request) => {
      try {
        return { assignment: await setRuleSetAssignment(app.db, request.body, auditActor(request)) };
      } catch (error) {
        // The set named in the body is a bad field value, not a missing resource of this URL.
        if (!(error instanceof AppError) || error.code !== 'review.rule_set_not_found') throw error;
        throw new AppError('review.rule_set_invalid', error.zh, error.en, { path: 'ruleSetId' });
      }
    },
  );
};
