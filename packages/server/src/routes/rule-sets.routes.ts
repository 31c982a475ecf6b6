import { findRuleSet, summariseStoredVersion } from '@jixiao/core/review/effective-rule-set';
import {
  ruleSetAssignmentInputSchema,
  ruleSetAssignmentSchema,
  ruleSetDefinitionSchema,
  ruleSetListItemSchema,
} from '@jixiao/core/review/rule-set-version.schema';
import { ruleSets, summariseRuleSet } from '@jixiao/core/review/rule-sets';
import { listRuleSetAssignments, listRuleSetVersions, listVersionsOf } from '@jixiao/db/rule-sets.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { assignRuleSet, deriveRuleSet } from '../use-cases/rule-sets.ts';

// Rule sets (审核规则): everyone reads them, so authors know what the machine checks before they submit;
// administrators (ruleset.manage) publish new versions derived from a built-in set and choose which set
// reviews a region's year. Published versions are never edited.

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
      const stored = await deriveRuleSet(app.db, callerOf(request), request.body);
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
    async (request) => ({ assignment: await assignRuleSet(app.db, callerOf(request), request.body) }),
  );
};
