import { AppError } from '@jixiao/core/errors/app-error';
import type { ColumnMapping, LayoutFit } from '@jixiao/core/tables/column-mapping.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type MappedTable, mainTable, tableFromMapping } from '../mapping/mapped-table.ts';
import type { SheetLine } from '../mapping/read-mapped.ts';
import { type LayoutToMatch, layoutText, matchLayout } from '../mapping/template-region.ts';
import { type ParsedFile, parseFile } from '../parse-file.ts';

type PlainError = Pick<AppError, 'code' | 'zh' | 'en' | 'location' | 'details'>;

/** What a task in a worker answers: its result, or the user's error as plain data (errors lose their class). */
export type TaskAnswer<T> = { ok: true; value: T } | { ok: false; error: PlainError };

async function answer<T>(task: () => T | Promise<T>): Promise<TaskAnswer<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { code, zh, en, location, details } = error;
    return { ok: false, error: { code, zh, en, location, details } };
  }
}

/**
 * The most tables and rows one uploaded file may give. A document of many forms has tens of tables of
 * tens of rows; the preview of each is stored and sent from the server's own thread (about 3 ms a table
 * on PostgreSQL, 15 ms on PGlite), so a file that reads as thousands of tables is refused in the worker.
 */
export const uploadLimits = { tables: 100, indicators: 5_000 } as const;

function tooManyTables(name: string, tables: number, indicators: number): AppError {
  return new AppError(
    'import.too_large',
    `“${name}”读出 ${tables} 张表、${indicators} 行指标，超过单个文件 ${uploadLimits.tables} 张表、${uploadLimits.indicators} 行的上限：请拆分文件后分别导入`,
    `"${name}" reads as ${tables} tables with ${indicators} indicator rows, more than the ${uploadLimits.tables} tables and ${uploadLimits.indicators} rows one file may hold: split the file and import the parts`,
    { file: name, path: 'file' },
  );
}

/** A saved layout found in an upload: which of those given, the rows it read, how well it matched. */
export interface FoundLayout {
  index: number;
  mapped: MappedTable;
  fit: LayoutFit;
}

/** An upload as the worker read it, with the saved layout that reads it when one does. */
export type ParsedUpload = ParsedFile & { layout?: FoundLayout };

/** Runs in a worker thread of the parse pool (parse-pool.ts). */
export default function parseInWorker(input: {
  name: string;
  bytes: Uint8Array;
  keepUnread?: boolean;
  layouts?: readonly LayoutToMatch[];
}): Promise<TaskAnswer<ParsedUpload>> {
  return answer(async () => {
    const { keepUnread, layouts, ...file } = input;
    const parsed = await parseFile(file, { keepUnread: keepUnread === true });
    const indicators = parsed.tables.reduce((n, table) => n + table.indicators.length, 0);
    if (parsed.tables.length > uploadLimits.tables || indicators > uploadLimits.indicators) {
      throw tooManyTables(file.name, parsed.tables.length, indicators);
    }
    // The unit's templates come with the file, so that reading and matching are one task.
    const layout = layouts?.length ? bestLayout({ ...mapSource(parsed), layouts }) : null;
    return layout ? { ...parsed, layout } : parsed;
  });
}

/** What a read file gives mapping and layout matching: its text, cells and the reader's main table. */
function mapSource(parsed: ParsedFile): Omit<MapInput, 'mapping'> {
  return {
    text: parsed.sourceText,
    base: mainTable(parsed.tables),
    ...(parsed.sourceCells ? { cells: parsed.sourceCells } : {}),
  };
}

/** A previewed import's source read again through a column mapping (as many lines as the upload had). */
export interface MapInput {
  text: string;
  mapping: ColumnMapping;
  base: PerformanceTable | undefined;
  cells?: readonly (SheetLine | null)[];
}

/** Runs in a worker thread: tableFromMapping, whose time grows with the source's lines. */
export function mapInWorker(input: MapInput): Promise<TaskAnswer<MappedTable>> {
  return answer(() =>
    tableFromMapping(input.text, input.mapping, input.base, input.cells ? { cells: input.cells } : {}),
  );
}

/**
 * The saved layout (of those given, in order) that best matches an upload's source and reads rows from
 * it, with those rows and its fit; an earlier layout (the unit's own before the region's) wins a tie.
 */
export function bestLayout(
  input: Omit<MapInput, 'mapping'> & { layouts: readonly LayoutToMatch[] },
): FoundLayout | null {
  const text = layoutText(input.text);
  let best: FoundLayout | null = null;
  for (const [index, layout] of input.layouts.entries()) {
    const match = matchLayout(text, layout, input.cells);
    if (!match || (best && best.fit.score >= match.fit.score)) continue;
    const mapped = tableFromMapping(input.text, match.mapping, input.base, {
      sheetName: layout.signature.sheetName ?? null,
      ...(input.cells ? { cells: input.cells } : {}),
    });
    if (mapped.table.indicators.length > 0) best = { index, mapped, fit: match.fit };
  }
  return best;
}

/**
 * Loads the parser and runs it once on a small form (tsx, the text importer and its lazily built tables),
 * so that a worker's first file is timed for reading it, not for starting up.
 */
export async function warmUp(): Promise<void> {
  const form =
    '2024年项目支出绩效目标表\n项目名称：预热\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 培训人数 ≥100人\n';
  await parseFile({ name: 'warm-up.txt', bytes: new TextEncoder().encode(form) }).catch(() => undefined);
}
