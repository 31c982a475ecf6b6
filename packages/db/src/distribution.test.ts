import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { distributionPlan, knownDistributionGaps, type Placement } from './distribution.ts';
import { createTestDatabase, type TestDatabase } from './testing/fresh-database.ts';

interface Column {
  table: string;
  column: string;
  notNull: boolean;
}
interface Constraint {
  table: string;
  kind: 'p' | 'u' | 'f';
  definition: string;
  columns: string[];
  /** Foreign keys: the referenced table and its columns, pair by pair with `columns`. */
  refTable: string | null;
  refColumns: string[];
}

async function schemaOf(
  db: Database,
): Promise<{ tables: string[]; columns: Column[]; constraints: Constraint[] }> {
  const tables = await sql<{ table: string }>`
    SELECT c.relname AS table FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY 1`.execute(db);
  const columns = await sql<Column>`
    SELECT c.relname AS table, a.attname AS column, a.attnotnull AS "notNull"
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
      AND NOT a.attisdropped`.execute(db);
  const constraints = await sql<Constraint>`
    SELECT c.relname AS table, k.contype AS kind, pg_get_constraintdef(k.oid) AS definition,
      array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
      r.relname AS "refTable",
      array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS "refColumns"
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'u', 'f')
    ORDER BY 1, 2, 3`.execute(db);
  return { tables: tables.rows.map((r) => r.table), columns: columns.rows, constraints: constraints.rows };
}

/** Where the schema breaks the plan: the rules a distributed PostgreSQL (Citus) enforces. */
function distributionGaps(
  plan: Record<string, Placement>,
  schema: Awaited<ReturnType<typeof schemaOf>>,
): string[] {
  const gaps: string[] = [];
  const placed = (table: string) => plan[table];
  for (const table of schema.tables) {
    const placement = placed(table);
    if (!placement) {
      gaps.push(`${table}: not placed in distributionPlan`);
      continue;
    }
    if (placement.kind !== 'distributed') continue;
    const column = schema.columns.find((c) => c.table === table && c.column === placement.by);
    if (!column) gaps.push(`${table}: no column ${placement.by} to distribute by`);
    else if (!column.notNull) gaps.push(`${table}: ${placement.by} may be NULL`);
  }
  for (const k of schema.constraints) {
    const from = placed(k.table);
    if (!from) continue;
    const name = k.definition.replace(/ (REFERENCES .*)$/, '');
    if (k.kind !== 'f') {
      // A unique key on a distributed table is enforced per shard: it must hold the distribution column.
      if (from.kind === 'distributed' && !k.columns.includes(from.by))
        gaps.push(`${k.table}: ${name} lacks ${from.by}`);
      continue;
    }
    const to = k.refTable ? placed(k.refTable) : undefined;
    if (!to || to.kind === 'reference') continue;
    const arrow = `${name} → ${k.refTable} (${k.refColumns.join(', ')})`;
    if (from.kind === 'reference') {
      gaps.push(`${k.table}: ${arrow} points from a reference table into a distributed one`);
      continue;
    }
    // Between distributed tables a key is checked on one shard only when both sides are co-located
    // and the key pairs the two distribution columns.
    const paired = k.columns.some((c, i) => c === from.by && k.refColumns[i] === to.by);
    const colocated = from.colocate !== 'none' && from.colocate === to.colocate;
    if (!paired || !colocated) gaps.push(`${k.table}: ${arrow} does not carry ${from.by} → ${to.by}`);
  }
  return gaps;
}

describe('distribution readiness of the migrations (Citus)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await testDb?.dispose();
  });

  it('places every table, and the keys break the plan exactly where knownDistributionGaps says', async () => {
    const gaps = distributionGaps(distributionPlan, await schemaOf(testDb.db));
    expect(gaps.sort()).toEqual([...knownDistributionGaps].sort());
  });

  it('co-locates every per-table table with target_tables on the table id', () => {
    const perTable = Object.entries(distributionPlan).filter(
      ([, p]) => p.kind === 'distributed' && p.colocate === 'table',
    );
    expect(perTable.find(([name]) => name === 'target_tables')?.[1]).toEqual({
      kind: 'distributed',
      by: 'id',
      colocate: 'table',
    });
    for (const [name, placement] of perTable) {
      if (name !== 'target_tables') expect(placement, name).toMatchObject({ by: 'table_id' });
    }
  });

  it('finds a gap the moment a migration adds a key without the distribution column', async () => {
    const schema = await schemaOf(testDb.db);
    schema.constraints.push({
      table: 'indicators',
      kind: 'u',
      definition: 'UNIQUE (name)',
      columns: ['name'],
      refTable: null,
      refColumns: [],
    });
    schema.constraints.push({
      table: 'organisations',
      kind: 'f',
      definition: 'FOREIGN KEY (x) REFERENCES target_tables(id)',
      columns: ['x'],
      refTable: 'target_tables',
      refColumns: ['id'],
    });
    const gaps = distributionGaps(distributionPlan, schema);
    expect(gaps).toContain('indicators: UNIQUE (name) lacks table_id');
    expect(gaps).toContain(
      'organisations: FOREIGN KEY (x) → target_tables (id) points from a reference table into a distributed one',
    );
  });
});
