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
  /**
   * The same names one by one: published tables printing at least two of the names few tables print are
   * peers too, whatever their project names.
   */
  indicatorNames?: readonly string[];
  /** How uncommon a shared indicator name must be, and how many are compared (default `peerKeyLimits`). */
  keyLimits?: Partial<PeerKeyLimits>;
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

/**
 * Finding peers by indicator names. A name printed by more than `commonAbove` published tables (满意度,
 * 预算执行率) is common: sharing it says nothing, and following it would read a growing share of the
 * province. The index is asked at most `commonAbove + 1` entries per name to tell, and at most
 * `namesCompared` names of the table are asked, so the lookup reads a bounded number of index entries
 * (`namesCompared × (commonAbove + 1)` at the very most) however many tables are published. A table
 * must share `sharedAtLeast` such names to be offered: one shared name is a coincidence as often as not.
 */
export const peerKeyLimits = { commonAbove: 200, namesCompared: 60, sharedAtLeast: 2 };
export type PeerKeyLimits = typeof peerKeyLimits;

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
 * include all the peer prints, and a project name within `minSimilarity` or at least two uncommon
 * indicator names in common (`peerKeyLimits`, the `published_indicator_keys` index). The nearest names
 * and the tables sharing most such indicator names are read (`poolPerPeer` per peer each) and ranked by a similarity of the names, the indicator names and the
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
  const pool = query.limit * poolPerPeer;
  const { commonAbove, namesCompared, sharedAtLeast } = { ...peerKeyLimits, ...query.keyLimits };
  const names = [...new Set((query.indicatorNames ?? []).map((n) => n.trim()).filter(Boolean))].slice(
    0,
    namesCompared,
  );
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
        (SELECT table_id, version, department, name
        FROM published_tables
        WHERE name % ${name}::text
          AND kind IN ('target', 'self-evaluation')
          AND table_id IS DISTINCT FROM ${query.excludeTableId}::uuid
          AND (${query.category}::text IS NULL OR category = ${query.category}::text)
          AND level1_keys <@ ${[...query.level1Keys]}::text[]
        ORDER BY name <-> ${name}::text
        LIMIT ${pool})
        UNION
        (SELECT pt.table_id, pt.version, pt.department, pt.name
        FROM (
          SELECT k.table_id, count(*) AS shared
          FROM (
            SELECT DISTINCT search_key(n) COLLATE "C" AS key
            FROM unnest(${names}::text[]) AS n
            WHERE char_length(search_key(n)) <= 64
          ) AS q
          CROSS JOIN LATERAL (
            SELECT count(*) AS tables
            FROM (SELECT 1 FROM published_indicator_keys c WHERE c.key = q.key LIMIT ${commonAbove + 1}) AS c
          ) AS f
          -- Lateral and limited, so each name is an index range read only when it is uncommon, never
          -- a join the planner could turn into a scan of every key.
          CROSS JOIN LATERAL (
            SELECT k.table_id FROM published_indicator_keys k
            WHERE k.key = q.key AND f.tables <= ${commonAbove}
            LIMIT ${commonAbove}
          ) AS k
          WHERE q.key <> ''
          GROUP BY k.table_id
          HAVING count(*) >= ${sharedAtLeast}
        ) AS s
        JOIN published_tables pt ON pt.table_id = s.table_id
        WHERE pt.kind IN ('target', 'self-evaluation')
          AND pt.table_id IS DISTINCT FROM ${query.excludeTableId}::uuid
          AND (${query.category}::text IS NULL OR pt.category = ${query.category}::text)
          AND pt.level1_keys <@ ${[...query.level1Keys]}::text[]
        ORDER BY s.shared DESC, pt.table_id
        LIMIT ${pool})
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
