import { AppError } from '../errors/app-error.ts';
import { searchKey } from '../text/search-key.ts';
import type { DuplicateAction, DuplicateFound, ExistingTable } from './table-record.schema.ts';

// Re-importing an exported document, or starting 新建 for a project that already has its table that year,
// must never leave two tables of one project and year behind silently: the API answers 409
// `table.duplicate` with the tables found, and the caller says per table what to do.

/** Whether two tables are of the same project by name as search compares names (full-width, spaces). */
export function sameProjectName(a: string, b: string): boolean {
  return searchKey(a) === searchKey(b);
}

/** The 409 for tables that duplicate stored ones and came without a choice. */
export function duplicateError(found: DuplicateFound[]): AppError {
  const first = found[0]!;
  const more = found.length > 1;
  return new AppError(
    'table.duplicate',
    more
      ? `${found.length} 张表的项目和年度已有绩效目标表（如“${first.name}” ${first.year} 年）；请为每张表选择：新版本、替换草稿、跳过或仍然新建。`
      : `项目“${first.name}” ${first.year} 年已有绩效目标表；请选择：作为已有表的新版本、替换草稿、跳过或仍然新建。`,
    more
      ? `${found.length} tables duplicate a stored table of the same project and year (e.g. "${first.name}" ${first.year}): choose for each a new version, replace the draft, skip or create anyway.`
      : `The project "${first.name}" already has a table for ${first.year}: choose a new version of it, replace the draft, skip or create anyway.`,
    { path: first.path },
    { duplicates: found },
  );
}

/** The 409 when a choice does not fit the existing table's state (new version of a frozen table, …). */
export function duplicateActionRefused(
  found: DuplicateFound,
  action: DuplicateAction,
  existing: ExistingTable,
): AppError {
  const replace = action === 'replace-draft';
  return new AppError(
    'table.duplicate_not_editable',
    replace
      ? `“${existing.name}” ${existing.year} 年的已有表不是草稿（状态 ${existing.status}），不能替换；可选择新版本（草稿或已退回时）、跳过或仍然新建。`
      : `“${existing.name}” ${existing.year} 年的已有表状态为 ${existing.status}，不能保存新版本（只有草稿或已退回的表可以）；可选择跳过或仍然新建。`,
    replace
      ? `The existing table of "${existing.name}" ${existing.year} is not a draft (${existing.status}) and cannot be replaced: choose a new version (draft or returned only), skip or create anyway.`
      : `The existing table of "${existing.name}" ${existing.year} is ${existing.status}: only draft or returned tables take a new version. Choose skip or create anyway.`,
    { path: found.path },
    { duplicates: [{ ...found, existing: [existing] }] },
  );
}
