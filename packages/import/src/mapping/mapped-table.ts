import type { ColumnMapping, LayoutSignature } from '@jixiao/core/tables/column-mapping.schema';
import type { PerformanceTable, PreviewTable, Warning } from '@jixiao/core/tables/table.schema';
import { dropPinyin, simplifyScript } from '../text/import-text.ts';
import { fillInYear } from '../text/year-not-printed.ts';
import { readMappedTable, type SheetLine } from './read-mapped.ts';

/** A table read through a column mapping, ready for the preview. */
export interface MappedTable {
  table: PreviewTable;
  warnings: Warning[];
  signature: LayoutSignature;
  separator: NonNullable<ColumnMapping['separator']>;
}

const LABEL_VALUE = /^\s*([^|\t:：]{2,12}?)(?:(?:\s*[|\t:：]\s*)+|\s{2,})([^|\t]+?)\s*(?:[|\t]|$)/;

/** Header fields of a form that no reader recognised, from `label | value` or `label：value` lines. */
export function readLooseHeader(text: string): {
  name: string | null;
  unit: string | null;
  year: number | null;
} {
  const lines = simplifyScript(dropPinyin(text)).text.split(/\r\n|\r|\n/);
  const field = (label: RegExp): string | null => {
    for (const line of lines) {
      const m = LABEL_VALUE.exec(line);
      if (m && label.test((m[1] ?? '').replace(/\s/g, ''))) {
        const value = (m[2] ?? '').trim();
        if (value !== '') return value.slice(0, 200);
      }
    }
    return null;
  };
  const year = /((?:19|20)\d{2})\s*年/.exec(lines.join('\n'));
  return {
    name: field(/^项目名称$/),
    unit: field(/^(实施单位|申报单位|预算单位|单位名称|主管部门|主管部门\(单位\)名称)$/),
    year: year ? Number(year[1]) : null,
  };
}

/**
 * The preview's table read through a mapping: the header fields the reader found (or, when it found no
 * form, those of `label | value` lines), the kind chosen, and the mapped rows with their source lines.
 * A year printed nowhere is the current one, with a warning at the field so that a person sets it.
 */
export function tableFromMapping(
  text: string,
  mapping: ColumnMapping,
  base: PerformanceTable | undefined,
  options: { sheetName?: string | null; now?: Date; cells?: readonly (SheetLine | null)[] } = {},
): MappedTable {
  const read = readMappedTable(text, mapping, {
    sheetName: options.sheetName ?? null,
    ...(options.cells ? { cells: options.cells } : {}),
  });
  const warnings = [...read.warnings];
  const indicators = read.indicators.map((indicator, k) => {
    const source = read.rowSources[k];
    return source ? { ...indicator, source } : indicator;
  });
  let table: PreviewTable;
  if (base) {
    table = { ...base, indicators, warnings, incomplete: false };
  } else {
    const header = readLooseHeader(text);
    const { year, warning: yearWarning } =
      header.year === null ? fillInYear(options.now) : { year: header.year, warning: null };
    if (yearWarning) warnings.push(yearWarning);
    table = {
      kind: 'target',
      year,
      unit: header.unit ?? '（未注明）',
      name: header.name ?? '（未注明）',
      narrative: {},
      budget: {},
      indicators,
      warnings,
      incomplete: false,
    };
  }
  if (mapping.kind) {
    table.kind = mapping.kind;
  }
  return { table, warnings, signature: read.signature, separator: read.separator };
}

/** The reader's table the mapped rows replace: the one with most rows (a page title read as a form has none). */
export function mainTable(tables: readonly PerformanceTable[]): PerformanceTable | undefined {
  let best: PerformanceTable | undefined;
  for (const table of tables) if (!best || table.indicators.length > best.indicators.length) best = table;
  return best;
}
