import { AppError } from '@jixiao/core/errors/app-error';
import {
  type PerformanceTable,
  performanceTableSchema,
  type Warning,
} from '@jixiao/core/tables/table.schema';
import type { ParsedFile } from './parse-file.ts';
import { surelyValid } from './surely-valid.ts';

// The importer's last step: whatever a reader made of a document, what leaves the importer passes core's
// table schema. A value the schema refuses (a negative amount read from `-5000`, a number that overflowed to
// Infinity) is cleared with a located warning so the clerk re-types it in the preview; a table that still
// fails (no name, an impossible year) is refused with the field's path instead of being stored broken.

type Slot = Record<string | number, unknown>;

function parentOf(
  table: unknown,
  path: readonly PropertyKey[],
): { parent: Slot; key: string | number } | null {
  let node: unknown = table;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Slot)[key as string];
  }
  const key = path[path.length - 1];
  if (typeof node !== 'object' || node === null || key === undefined || typeof key === 'symbol') return null;
  return { parent: node as Slot, key };
}

function issueAt(table: unknown, path: string): boolean {
  const result = performanceTableSchema.safeParse(table);
  return !result.success && result.error.issues.some((issue) => issue.path.join('.').startsWith(path));
}

function printed(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function clearedWarning(path: string, value: unknown): Warning {
  const shown = printed(value);
  return {
    code: 'import.value_cleared',
    zh: `读取到的值 ${shown} 不是有效数值（负数、超出范围或不是有限数），已清空，请核对原件后填写（${path}）`,
    en: `The value read, ${shown}, is not valid (negative, out of range or not a finite number); it was cleared, check the original and fill it in (${path})`,
    path,
  };
}

function invalidTable(file: string, index: number, path: string, message: string): AppError {
  return new AppError(
    'import.invalid_table',
    `第 ${index + 1} 个表无法读取：字段 ${path} 无效（${message}），请检查原件`,
    `Table ${index + 1} cannot be read: field ${path} is invalid (${message}); check the original`,
    { file, path: `tables.${index}.${path}` },
  );
}

/**
 * Repairs one table in place by clearing (null, else removing) each field the schema refuses, as long as
 * the schema then accepts the field; returns the warnings. Throws a located `import.invalid_table` when a
 * required field cannot be cleared.
 */
// Nearly every table is valid: a quick test read off the schema lets those through without a zod parse.
const validTable = surelyValid(performanceTableSchema);

function repairTable(table: PerformanceTable, file: string, index: number): Warning[] {
  if (validTable(table)) return [];
  const warnings: Warning[] = [];
  // Each round fixes at least one field or throws, so the loop ends; the bound guards against a schema cycle.
  for (let round = 0; round < 200; round++) {
    const result = performanceTableSchema.safeParse(table);
    if (result.success) return warnings;
    const issue = result.error.issues[0];
    if (!issue) return warnings;
    const path = issue.path.join('.');
    const slot = parentOf(table, issue.path);
    if (!slot || typeof slot.key !== 'string' || Array.isArray(slot.parent)) {
      throw invalidTable(file, index, path, issue.message);
    }
    const value = slot.parent[slot.key];
    slot.parent[slot.key] = null;
    if (issueAt(table, path)) {
      delete slot.parent[slot.key];
      if (issueAt(table, path)) throw invalidTable(file, index, path, issue.message);
    }
    warnings.push(clearedWarning(path, value));
  }
  throw invalidTable(file, index, '', 'too many invalid fields');
}

/** Every table of a parsed file checked against the schema, repaired where it can be (see above). */
export function checkedOutput(file: string, parsed: ParsedFile): ParsedFile {
  const added: Warning[] = [];
  parsed.tables.forEach((table, index) => {
    const warnings = repairTable(table, file, index);
    if (warnings.length === 0) return;
    table.warnings = [...(table.warnings ?? []), ...warnings];
    added.push(...warnings);
  });
  return added.length === 0 ? parsed : { ...parsed, warnings: [...parsed.warnings, ...added] };
}

/** A reader's error with the file it is about, so the UI and CLI can say where. */
export function locatedIn(file: string, error: unknown): unknown {
  if (!(error instanceof AppError) || error.location?.file) return error;
  return new AppError(error.code, error.zh, error.en, { ...error.location, file }, error.details);
}
