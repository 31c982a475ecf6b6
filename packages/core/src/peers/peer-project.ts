import type { OverallGrade } from '../scoring/scoring-scheme.schema.ts';
import type { SelfEvaluationEntry } from '../scoring/self-evaluation.schema.ts';
import type { Indicator, IndicatorSource, PerformanceTable } from '../tables/table.schema.ts';
import { nameSuggestsDate, parseTarget } from '../targets/target-grammar.ts';
import type { PeerProject } from './peer.schema.ts';
import { unitCostsOf } from './unit-cost.ts';

/** A published table found as a similar project, as storage reads it. */
export interface PeerSource {
  tableId: string;
  version: number;
  department: string | null;
  similarity: number;
  table: PerformanceTable;
  /** The project's self-evaluation, when it has one; `version` is the table version it evaluated. */
  evaluation: { entry: SelfEvaluationEntry; version: number; total: number; grade: OverallGrade } | null;
}

/**
 * What the editor and the evidence rules see of a similar project: each indicator with the actual value
 * the self-evaluation entered (by position when it evaluated this version, else by name) or the form
 * printed, the score and grade, and its unit costs.
 */
export function peerProjectOf(source: PeerSource): PeerProject {
  const { table, evaluation } = source;
  const actuals = new Map<number, string | null>();
  if (evaluation) {
    const sameVersion = evaluation.version === source.version;
    for (const line of evaluation.entry.indicators) {
      if (!line.applicable) continue;
      // A qualitative row is graded rather than measured: its band (达成 …) is what it achieved.
      if (sameVersion) actuals.set(line.index, line.actual ?? line.grade?.band ?? null);
    }
  }
  return {
    tableId: source.tableId,
    version: source.version,
    year: table.year,
    unit: table.unit,
    department: source.department,
    name: table.name,
    category: table.category ?? null,
    currentYearBudget: table.budget.currentYear ?? table.budget.total ?? null,
    executed: evaluation?.entry.budget.executed ?? table.budget.executed ?? null,
    similarity: Math.max(0, Math.min(1, source.similarity)),
    evaluation: evaluation ? { total: evaluation.total, grade: evaluation.grade } : null,
    indicators: table.indicators.map((i, index) => ({
      index,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: i.target.raw,
      direction: i.direction ?? null,
      actual: actuals.get(index) ?? i.actual ?? null,
      score: i.score ?? null,
    })),
    unitCosts: unitCostsOf(table, actuals),
  };
}

/**
 * The indicator a click on 采用 adds: the peer's levels, name, direction and target (read again by the
 * target grammar), remembering the project it came from and what that project achieved.
 */
export function adoptPeerIndicator(peer: PeerProject, index: number): Indicator {
  const source = peer.indicators[index];
  if (!source) throw new RangeError(`The similar project has no indicator ${index}`);
  const adoptedFrom: IndicatorSource = {
    tableId: peer.tableId,
    year: peer.year,
    unit: peer.unit,
    project: peer.name,
    actual: source.actual,
  };
  return {
    level1: source.level1,
    level2: source.level2,
    name: source.name,
    target: parseTarget(source.target, { expectDate: nameSuggestsDate(source.name) }),
    direction: source.direction,
    adoptedFrom,
  };
}
