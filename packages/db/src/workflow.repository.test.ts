import { codeOfAsync } from '@jixiao/core/errors/testing/code-of';
import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import { expect, it } from 'vitest';
import { demoUserFor } from './accounts-demo.ts';
import type { Database } from './database.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';
import {
  lockWorkflowTable,
  removeFromCatalogue,
  storeTransition,
  tableAtVersion,
  tablesWaitingIn,
  workflowTableStatus,
} from './workflow.repository.ts';
import { listWorkflowEvents } from './workflow-history.repository.ts';

const author = demoUserFor('author');
const actor = { id: author.id, name: author.displayName };
const MISSING = '0e000000-0000-4000-8000-000000000000';

async function draft(db: Database, name: string): Promise<string> {
  const table = buildReviewTable({ name, indicators: reviewIndicators().slice(0, 1) });
  const record = await createTableRepository(db).create(table, { userId: author.id });
  return record.id;
}

/** Keeps the steps in order, each in its own transaction, as the use cases do (no rule is checked here). */
async function walk(db: Database, id: string, steps: [WorkflowAction, TableStatus][]): Promise<void> {
  for (const [action, to] of steps) {
    await db.transaction().execute(async (trx) => {
      const table = await lockWorkflowTable(trx, id);
      await storeTransition(trx, { table, action, to, actor, comment: null, reason: null });
    });
  }
}

describeEachDatabase('workflow repository', (getDb) => {
  it('keeps a step: status and next version, the version row with its note, and the event', async () => {
    const db = getDb();
    const id = await draft(db, '存储一步');
    const event = await db.transaction().execute(async (trx) => {
      const table = await lockWorkflowTable(trx, id);
      return storeTransition(trx, {
        table,
        action: 'submit',
        to: 'submitted',
        actor,
        comment: '请审核',
        reason: null,
      });
    });
    expect(event).toMatchObject({
      action: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      toVersion: 2,
    });
    expect(await workflowTableStatus(db, id)).toMatchObject({ status: 'submitted', version: 2 });
    expect((await tableAtVersion(db, id, 2))?.name).toBe('存储一步');
    const note = await db
      .selectFrom('table_versions')
      .select(['status', 'reason', 'saved_by'])
      .where('table_id', '=', id)
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ status: 'submitted', reason: '请审核', saved_by: author.id });
    expect((await listWorkflowEvents(db, id)).map((e) => e.actorName)).toEqual([author.displayName]);
  });

  it('writes nothing on a version that moved on since it was read', async () => {
    const db = getDb();
    const id = await draft(db, '过期版本');
    const stale = await db.transaction().execute((trx) => lockWorkflowTable(trx, id));
    await walk(db, id, [['submit', 'submitted']]);
    const code = await codeOfAsync(
      db.transaction().execute((trx) =>
        storeTransition(trx, {
          table: stale,
          action: 'submit',
          to: 'submitted',
          actor,
          comment: null,
          reason: null,
        }),
      ),
    );
    expect(code).toBe('table.version_conflict');
    expect(await workflowTableStatus(db, id)).toMatchObject({ status: 'submitted', version: 2 });
    expect(await listWorkflowEvents(db, id)).toHaveLength(1);
  });

  it('answers table.not_found for a table that does not exist', async () => {
    const db = getDb();
    expect(await codeOfAsync(db.transaction().execute((trx) => lockWorkflowTable(trx, MISSING)))).toBe(
      'table.not_found',
    );
    expect(await codeOfAsync(workflowTableStatus(db, MISSING))).toBe('table.not_found');
  });

  it('lists the tables waiting in the given states, the longest unchanged first', async () => {
    const db = getDb();
    const first = await draft(db, '等待一');
    const second = await draft(db, '等待二');
    await walk(db, second, [['submit', 'submitted']]);
    // Apart by more than the clock's millisecond, so that the order is by time and not by id.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await walk(db, first, [['submit', 'submitted']]);
    expect(await tablesWaitingIn(db, [], 10)).toEqual([]);
    const waiting = (await tablesWaitingIn(db, ['submitted'], 500)).filter((t) =>
      [first, second].includes(t.id),
    );
    expect(waiting.map((t) => t.id)).toEqual([second, first]);
    expect(waiting[0]).toMatchObject({ status: 'submitted', version: 2, name: '等待二' });
    expect(waiting[0]?.organisationId).toBeNull();
  });

  it('takes a published table out of the public catalogue', async () => {
    const db = getDb();
    const id = await draft(db, '撤销公开');
    await walk(db, id, [
      ['submit', 'submitted'],
      ['forward', 'department_reviewed'],
      ['approve', 'approved'],
      ['publish', 'published'],
    ]);
    const inCatalogue = () =>
      db.selectFrom('published_tables').select('table_id').where('table_id', '=', id).execute();
    expect(await inCatalogue()).toHaveLength(1);
    await db.transaction().execute((trx) => removeFromCatalogue(trx, id));
    expect(await inCatalogue()).toEqual([]);
  });
});
