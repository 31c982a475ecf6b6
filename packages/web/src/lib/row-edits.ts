import type { PreviewIndicator, SourceLines } from '@jixiao/core/tables/table.schema';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';

// Where a fused name cell holds two indicators: a list separator or a run of spaces.
const NAME_SEPARATOR = /\s*[、；;，,]\s*|\s{2,}|\s+(?=\S)/;

/**
 * Splits a row whose cell held two indicators (a reader that missed a border): the name is cut at
 * `at` (a character position) or else at its first separator; both rows keep the levels and the
 * source lines, the target stays on the first and the second starts with none.
 */
export function splitRow(indicators: PreviewIndicator[], index: number, at?: number): PreviewIndicator[] {
  const row = indicators[index];
  if (!row) return indicators;
  let first = row.name;
  let second = '';
  if (at !== undefined && at > 0 && at < row.name.length) {
    first = row.name.slice(0, at).trim();
    second = row.name.slice(at).trim();
  } else {
    const m = NAME_SEPARATOR.exec(row.name);
    if (m && m.index > 0) {
      first = row.name.slice(0, m.index);
      second = row.name.slice(m.index + m[0].length);
    }
  }
  const next: PreviewIndicator = {
    level1: row.level1,
    level2: row.level2,
    name: second,
    target: parseTarget('', { expectDate: nameSuggestsDate(second) }),
    direction: null,
    ...(row.source ? { source: row.source } : {}),
  };
  const out = [...indicators];
  out.splice(index, 1, { ...row, name: first }, next);
  return out;
}

function union(a: SourceLines | undefined, b: SourceLines | undefined): SourceLines | undefined {
  if (!a) return b;
  if (!b) return a;
  return { line: Math.min(a.line, b.line), endLine: Math.max(a.endLine, b.endLine) };
}

function joined(a: string | null | undefined, b: string | null | undefined): string | null {
  const parts = [a, b].map((s) => s?.trim() ?? '').filter((s) => s !== '');
  return parts.length > 0 ? parts.join('') : null;
}

/**
 * Merges a row with the one below it (a name wrapped onto a second row read as its own indicator):
 * the names are joined, the target is the first row's unless it has none, the other cells likewise,
 * and the source lines cover both rows.
 */
export function mergeWithNext(indicators: PreviewIndicator[], index: number): PreviewIndicator[] {
  const row = indicators[index];
  const below = indicators[index + 1];
  if (!row || !below) return indicators;
  const name = joined(row.name, below.name) ?? '';
  const targetRaw = row.target.raw.trim() !== '' ? row.target.raw : below.target.raw;
  const source = union(row.source, below.source);
  const merged: PreviewIndicator = {
    ...below,
    ...row,
    name,
    target: parseTarget(targetRaw, { expectDate: nameSuggestsDate(name) }),
    weight: row.weight ?? below.weight ?? null,
    actual: row.actual ?? below.actual ?? null,
    score: row.score ?? below.score ?? null,
    explanation: joined(row.explanation, below.explanation),
    deviationReason: joined(row.deviationReason, below.deviationReason),
  };
  if (source) merged.source = source;
  else delete merged.source;
  const out = [...indicators];
  out.splice(index, 2, merged);
  return out;
}

/** Which cells of a row the reader left empty: shown so that a person fills or confirms them. */
export function missingCells(indicator: PreviewIndicator, selfEvaluation: boolean): string[] {
  const missing: string[] = [];
  if (indicator.name.trim() === '') missing.push('name');
  if (indicator.target.kind === 'missing' || indicator.target.raw.trim() === '') missing.push('target');
  if (!indicator.level1) missing.push('level1');
  if (!indicator.level2) missing.push('level2');
  if (selfEvaluation) {
    if (!indicator.actual) missing.push('actual');
    if (indicator.weight === null || indicator.weight === undefined) missing.push('weight');
    if (indicator.score === null || indicator.score === undefined) missing.push('score');
  }
  return missing;
}
