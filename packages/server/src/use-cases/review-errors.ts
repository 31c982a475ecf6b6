import { reviewTable } from '@jixiao/core/review/review-table';
import { autoRuleSetId } from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { getExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { createTableRepository, type TableRepository } from '@jixiao/db/tables.repository';
import type { FastifyRequest } from 'fastify';
import { readScope } from '../auth/authorize.ts';
import { ruleSetForRequest } from '../guards/rule-set.guards.ts';
import { similarProjects } from './peer-evidence.ts';

/**
 * Last year's table of the same project (same unit and name, year − 1) among those the caller may read:
 * its self-evaluation when there is one (it carries the actual values), else its target table.
 */
export async function lastYearOf(
  tables: TableRepository,
  table: PerformanceTable,
  scope: Awaited<ReturnType<typeof readScope>>,
): Promise<PerformanceTable | null> {
  const list = await tables.list(
    {
      year: table.year - 1,
      unit: table.unit,
      q: table.name,
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 20,
    },
    { scope },
  );
  const same = list.items.filter((i) => i.name === table.name && i.unit === table.unit);
  const best = same.find((i) => i.kind === 'self-evaluation') ?? same.find((i) => i.kind === 'target');
  return best ? (await tables.get(best.id)).table : null;
}

/**
 * How many errors the automatic review reports on a stored table, as GET /tables/:id/findings shows them
 * in the review workspace (the auto rule set, last year's table among those the caller may read, the
 * similar projects, the ex-ante assessment): approving over them needs a reason.
 */
export async function openErrorCount(
  db: Database,
  request: FastifyRequest,
  id: string,
  table: PerformanceTable,
): Promise<number> {
  const tables = createTableRepository(db);
  const previous = await lastYearOf(tables, table, await readScope(request, db));
  const set = await ruleSetForRequest(db, autoRuleSetId, table);
  const peers = await similarProjects(db, table, set, id);
  const exAnte = await getExAnteAssessment(db, id);
  return reviewTable(table, set, { previous, peers, exAnte }).filter((f) => f.severity === 'error').length;
}
