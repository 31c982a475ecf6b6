import { AppError } from '@jixiao/core/errors/app-error';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type { ParsedFile } from '@jixiao/import/parse-file';

/** What one importer run gave, as the fuzzer counts it. */
export type Outcome =
  | { kind: 'tables'; tables: number; invalid: SchemaProblem[] }
  | { kind: 'rejected'; code: string; located: boolean }
  | { kind: 'uncaught'; name: string; message: string; stack: string };

export interface SchemaProblem {
  table: number;
  path: string;
  message: string;
}

/** Paths of numbers that JSON cannot carry (NaN, ±Infinity), which zod also refuses. */
function nonFinitePaths(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      nonFinitePaths(item, `${path}.${i}`, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) nonFinitePaths(item, path ? `${path}.${key}` : key, out);
  }
}

/**
 * Every table must pass core's schema exactly as the importer returned it (no defaults filled in by a
 * second parse hiding a missing field), and survive a JSON round trip unchanged.
 */
export function checkTables(parsed: ParsedFile): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  parsed.tables.forEach((table, index) => {
    const result = performanceTableSchema.safeParse(table);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({ table: index, path: issue.path.join('.'), message: issue.message });
    }
    const nonFinite: string[] = [];
    nonFinitePaths(table, '', nonFinite);
    for (const path of nonFinite) problems.push({ table: index, path, message: 'not a finite number' });
  });
  return problems;
}

/** Classifies an error thrown by the importer: a located AppError is a clean refusal, anything else is a bug. */
export function classifyError(error: unknown): Outcome {
  if (error instanceof AppError) {
    const location = error.location;
    const located = Boolean(location && (location.file || location.line || location.path));
    return { kind: 'rejected', code: error.code, located };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    kind: 'uncaught',
    name: e.name,
    message: e.message.slice(0, 500),
    stack: (e.stack ?? '').slice(0, 2_000),
  };
}
