import type {
  CellSeparator,
  ColumnMapping,
  ColumnRole,
  LayoutSignature,
} from '@jixiao/core/tables/column-mapping.schema';
import type { Indicator, SourceLines, Warning } from '@jixiao/core/tables/table.schema';
import { captionWords, detectSeparator, isCaptionRow, splitCells } from '@jixiao/core/tables/table-cells';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import { dropPinyin, simplifyScript } from '../text/import-text.ts';

/** A workbook line as cells: its sheet and its cells by column. */
export interface SheetLine {
  sheet: string;
  cells: string[];
}

export { captionWords, detectSeparator, isCaptionRow, splitCells };

/** What a column mapping read from the text. */
export interface MappedRead {
  indicators: Indicator[];
  /** Per indicator, the lines it was read from. */
  rowSources: SourceLines[];
  warnings: Warning[];
  /** The layout the table has, for a template that knows it again. */
  signature: LayoutSignature;
  separator: CellSeparator;
}

/** The text as the text importer reads it: pinyin annotations (`指標(biāo)`) dropped, simplified script. */
function readable(text: string): string {
  return simplifyScript(dropPinyin(text)).text;
}

const LEVEL_ROLES = new Set<ColumnRole>(['level1', 'level2', 'ignore']);

function numberIn(text: string): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec(text.replace(/,/g, ''));
  return m ? Number(m[0]) : null;
}

function warning(code: string, zh: string, en: string, line: number, path?: string): Warning {
  return { code, zh, en, line, ...(path ? { path } : {}) };
}

/**
 * Reads the indicator rows of a table by the roles a person gave its columns. Pure: text in, rows out.
 * Caption rows inside the region are skipped (their words become the layout's signature); a row with
 * fewer cells takes its missing leading level cells from the row above (merged cells); a row with more
 * cells loses the leading ones (a label cell merged down the table's side); a row with no name is left
 * out with a located warning. Traditional characters are read in simplified script.
 */
export function readMappedTable(
  text: string,
  mapping: ColumnMapping,
  options: { sheetName?: string | null; cells?: readonly (SheetLine | null)[] } = {},
): MappedRead {
  // Both keep every line where it is, so line numbers are the source's.
  const allLines = readable(text).split(/\r\n|\r|\n/);
  const first = mapping.region.line;
  const last = Math.min(mapping.region.endLine, allLines.length);
  const regionLines = allLines.slice(first - 1, last);
  const separator = mapping.separator ?? detectSeparator(regionLines);
  const roles = mapping.roles;
  const warnings: Warning[] = [];
  const indicators: Indicator[] = [];
  const rowSources: SourceLines[] = [];
  let headerWords: string[] = [];
  const carried: Partial<Record<ColumnRole, string>> = {};
  // A workbook's lines come with their cells by column: a sheet range is read cell by cell.
  const lineCells = (n: number, raw: string) =>
    options.cells?.[n - 1]?.cells.map((cell) => cell.trim()) ?? splitCells(raw, separator);

  // The caption row may stand just above the chosen lines.
  for (let n = first - 1; n >= Math.max(1, first - 2) && headerWords.length === 0; n--) {
    const cells = lineCells(n, allLines[n - 1] ?? '');
    if (isCaptionRow(cells)) headerWords = captionWords(cells);
  }

  regionLines.forEach((raw, offset) => {
    const line = first + offset;
    let cells = lineCells(line, raw);
    if (cells.every((c) => c === '')) return;
    if (isCaptionRow(cells)) {
      if (headerWords.length === 0) headerWords = captionWords(cells);
      return;
    }
    const deficit = roles.length - cells.length;
    if (deficit < 0) cells = cells.slice(-deficit);
    const values: Partial<Record<ColumnRole, string>> = {};
    roles.forEach((role, column) => {
      const cell = column < deficit ? undefined : cells[column - Math.max(deficit, 0)];
      if (role === 'ignore') return;
      if (cell === undefined || cell === '') {
        // A merged level cell: printed once, on the first row it covers.
        if ((role === 'level1' || role === 'level2') && carried[role]) values[role] = carried[role];
        return;
      }
      if (values[role] === undefined) values[role] = cell;
      else if (role === 'cause' || role === 'explanation') values[role] = `${values[role]}；${cell}`;
    });
    if (deficit > 0 && roles.slice(0, deficit).some((role) => !LEVEL_ROLES.has(role))) {
      warnings.push(
        warning(
          'mapping.short_row',
          `第 ${line} 行只有 ${cells.length} 个单元格（映射有 ${roles.length} 列）：已按右对齐读取，请核对`,
          `Line ${line} has ${cells.length} cells (the mapping has ${roles.length} columns): read right-aligned, please check`,
          line,
        ),
      );
    }
    // A level 2 printed on this row (not carried from above) names a row that has no level 3 of its own.
    const printedLevel2 =
      values.level2 !== undefined && values.level2 !== carried.level2 ? values.level2 : null;
    if (values.level1 && values.level1 !== carried.level1) delete carried.level2;
    if (values.level1) carried.level1 = values.level1;
    if (values.level2) carried.level2 = values.level2;
    const name = values.level3 ?? printedLevel2;
    if (!name) {
      warnings.push(
        warning(
          'mapping.no_name',
          `第 ${line} 行没有指标名称（三级指标列为空），未读入`,
          `Line ${line} has no indicator name (the level-3 column is empty); it was left out`,
          line,
        ),
      );
      return;
    }
    const composed = [values.operator, values.value, values.unit].filter(Boolean).join('');
    const targetText = values.target ?? composed;
    // A unit column often says what the unit is (`%(百分比)`, `人（人数）`): the grammar reads the unit
    // itself, the target keeps the text as printed.
    const unit = values.unit?.replace(/\s*[(（][^)）]*[)）]\s*/g, '').trim();
    const readable =
      values.target === undefined && values.unit && unit
        ? [values.operator, values.value, unit].filter(Boolean).join('')
        : targetText;
    const index = indicators.length;
    const indicator: Indicator = {
      level1: values.level1 ?? carried.level1 ?? null,
      level2: values.level2 ?? carried.level2 ?? null,
      name,
      target: { ...parseTarget(readable, { expectDate: nameSuggestsDate(name) }), raw: targetText },
      direction: null,
    };
    if (values.actual !== undefined) indicator.actual = values.actual;
    if (values.explanation !== undefined) indicator.explanation = values.explanation;
    if (values.cause !== undefined) indicator.deviationReason = values.cause;
    for (const key of ['weight', 'score'] as const) {
      const cell = values[key];
      if (cell === undefined || /^[—–\-/\\]+$/.test(cell)) continue;
      const n = numberIn(cell);
      if (n === null) {
        warnings.push(
          warning(
            'mapping.not_a_number',
            `第 ${line} 行的${key === 'weight' ? '分值' : '得分'}“${cell}”不是数字`,
            `The ${key} "${cell}" on line ${line} is not a number`,
            line,
            `indicators.${index}.${key}`,
          ),
        );
      } else indicator[key] = n;
    }
    indicators.push(indicator);
    rowSources.push({ line, endLine: line });
  });

  return {
    indicators,
    rowSources,
    warnings,
    separator,
    signature: {
      headerWords,
      columnCount: roles.length,
      sheetName: options.sheetName ?? options.cells?.[first - 1]?.sheet ?? null,
    },
  };
}
