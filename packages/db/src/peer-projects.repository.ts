import type { PeerSource } from '@jixiao/core/peers/peer-project';
import { overallGradeSchema } from '@jixiao/core/scoring/scoring-scheme.schema';
import { selfEvaluationEntrySchema } from '@jixiao/core/scoring/self-evaluation.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** What makes a published table a similar project of the one being written. */
export interface PeerQuery {
  /** The project name being written: peers are ordered by trigram distance to it. */
  name: string;
  /** 项目类别: peers of this category only; null for any. */
  category: string | null;
  /** The level-1 labels of the table's framework (names and aliases): a peer prints none other. */
  level1Keys: readonly string[];
  /** The table itself, which is not its own peer. */
  excludeTableId: string | null;
  limit: number;
  /** The least trigram similarity of the names (0–1). */
  minSimilarity: number;
  /** The indicator names of the table being written, space-separated: peers sharing them rank higher. */
  indicators?: string;
  /** Its narratives (项目概况, 年度目标 …): peers describing the same work rank higher. */
  narrative?: string;
}

/**
 * How the name, the indicator names and the narratives weigh in a peer's similarity. A part the table
 * being written leaves empty does not count, so a new table with a name only is ranked by its name.
 */
export const peerWeights = { name: 0.6, indicators: 0.25, narrative: 0.15 } as const;

/**
 * Name matches read per peer returned: the nearest names, ranked again by indicators and narratives.
 * Reading 16 rather than 8 cost 4–6 ms more warm on 81,169 published tables (`专项经费`, which walks the
 * whole trigram index anyway: 861 → 1,174 buffers, 10 → 14–16 ms), and does not grow with the tables.
 */
const poolPerPeer = 2;
/** Characters of indicator names and narratives compared: enough to tell projects apart, cheap to score. */
const comparedChars = 1_000;

interface PeerRow {
  table_id: string;
  version: number;
  department: string | null;
  similarity: number;
  content: unknown;
  entry: unknown;
  table_version: number | null;
  total: number | null;
  grade: string | null;
}

/**
 * Similar projects (案例库) among the published tables: same category, a framework whose level-1 labels
 * include all the peer prints, and a project name within `minSimilarity`. The nearest names are read
 * (`poolPerPeer` per peer) and ranked by a similarity of the names, the indicator names and the
 * narratives together (trigrams, `peerWeights`), so of two 展厅运营 projects the one measuring the same
 * things comes first. The trigram
 * GiST index on the names answers `%` (the threshold) and `<->` (the order), so the scan stops after
 * `limit` rows (a tie-breaker in that ORDER BY would make PostgreSQL read every match and sort: 13–57 ms
 * instead of 0.4–14 ms on 24,260 published tables); each peer comes with its published content and its
 * self-evaluation, if any.
 */
export async function findPeerProjects(db: Database, query: PeerQuery): Promise<PeerSource[]> {
  const name = query.name.trim();
  if (name === '' || query.limit <= 0) return [];
  const indicators = (query.indicators ?? '').trim().slice(0, comparedChars);
  const narrative = (query.narrative ?? '').trim().slice(0, comparedChars);
  const parts = {
    name: peerWeights.name,
    indicators: indicators === '' ? 0 : peerWeights.indicators,
    narrative: narrative === '' ? 0 : peerWeights.narrative,
  };
  const sum = parts.name + parts.indicators + parts.narrative;
  const rows = await db.transaction().execute(async (trx) => {
    // The threshold `%` applies; set for this transaction only (pg_trgm's default is 0.3).
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(query.minSimilarity)}, true)`.execute(
      trx,
    );
    const { rows } = await sql<PeerRow>`
      SELECT p.table_id, p.version, p.department, v.content, se.entry, se.table_version, se.total, se.grade,
        (${parts.name}::float8 * similarity(p.name, ${name}::text)
          + ${parts.indicators}::float8 * CASE WHEN ${parts.indicators}::float8 = 0 THEN 0 ELSE similarity(
              left(coalesce((SELECT string_agg(i->>'name', ' ')
                FROM jsonb_array_elements(coalesce(v.content->'indicators', '[]'::jsonb)) AS i), ''), ${comparedChars}),
              ${indicators}::text) END
          + ${parts.narrative}::float8 * CASE WHEN ${parts.narrative}::float8 = 0 THEN 0 ELSE similarity(
              left(concat_ws(' ', v.content->'narrative'->>'overview', v.content->'narrative'->>'necessity',
                v.content->'narrative'->>'goals'), ${comparedChars}),
              ${narrative}::text) END
        ) / ${sum}::float8 AS similarity
      FROM (
        SELECT table_id, version, department, name
        FROM published_tables
        WHERE name % ${name}::text
          AND kind IN ('target', 'self-evaluation')
          AND table_id IS DISTINCT FROM ${query.excludeTableId}::uuid
          AND (${query.category}::text IS NULL OR category = ${query.category}::text)
          AND level1_keys <@ ${[...query.level1Keys]}::text[]
        ORDER BY name <-> ${name}::text
        LIMIT ${query.limit * poolPerPeer}
      ) AS p
      JOIN table_versions v ON v.table_id = p.table_id AND v.version = p.version
      LEFT JOIN self_evaluations se ON se.table_id = p.table_id
      ORDER BY similarity DESC, p.table_id
      LIMIT ${query.limit}`.execute(trx);
    return rows;
  });
  return rows.map((row) => {
    const grade = overallGradeSchema.safeParse(row.grade);
    const entry = row.entry === null ? null : selfEvaluationEntrySchema.safeParse(row.entry);
    return {
      tableId: row.table_id,
      version: row.version,
      department: row.department,
      similarity: Number(row.similarity),
      table: row.content as PerformanceTable,
      evaluation:
        entry?.success && grade.success && row.table_version !== null && row.total !== null
          ? { entry: entry.data, version: row.table_version, total: Number(row.total), grade: grade.data }
          : null,
    };
  });
}
