import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { hasAuditEntry, writeAudit } from './audit.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

describeEachDatabase('audit log', (getDb) => {
  it('records an entry written inside a transaction', async () => {
    const db = getDb();
    await db.transaction().execute(async (trx) => {
      await writeAudit(trx, {
        actor: { userId: 'u1', address: '127.0.0.1' },
        action: 'table.create',
        entity: 'table',
        entityId: 't1',
        diff: { name: '项目' },
      });
    });
    const rows = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', 't1').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'u1', action: 'table.create', diff: { name: '项目' } });
  });

  it('tells whether any entry of an action was written', async () => {
    const db = getDb();
    expect(await hasAuditEntry(db, 'demo.once')).toBe(false);
    await writeAudit(db, { actor: null, action: 'demo.once', entity: 'demo', entityId: 'd1' });
    expect(await hasAuditEntry(db, 'demo.once')).toBe(true);
    expect(await hasAuditEntry(db, 'demo.other')).toBe(false);
  });

  it('rolls the entry back with the transaction that made it', async () => {
    const db = getDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await writeAudit(trx, { actor: null, action: 'table.update', entity: 'table', entityId: 't2' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await db.selectFrom('audit_log').select('id').where('entity_id', '=', 't2').execute();
    expect(rows).toHaveLength(0);
  });

  it('rejects UPDATE and DELETE (append-only)', async () => {
    const db = getDb();
    await writeAudit(db, { actor: null, action: 'x.y', entity: 'x', entityId: 't3' });
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom('audit_log').select('action').where('entity_id', '=', 't3').execute();
    expect(rows).toEqual([{ action: 'x.y' }]);
  });
});
