import type { PerformanceTable, Warning } from '@jixiao/core/tables/table.schema';
import { rowSource } from '../preview/row-sources.ts';

const hasWarning = (t: PerformanceTable, code: string) => t.warnings.some((w) => w.code === code);

/** Rows read under no header of their own: no printed project name and no unit. */
function headerless(t: PerformanceTable): boolean {
  const noName = t.name === '（未注明）' || hasWarning(t, 'import.name_from_title');
  return t.indicators.length > 0 && noName && hasWarning(t, 'import.no_unit');
}

/** A header with a printed project name and no indicator table under it. */
function rowless(t: PerformanceTable): boolean {
  return t.indicators.length === 0 && t.name !== '（未注明）' && !hasWarning(t, 'import.name_from_title');
}

/**
 * A document site that scrambles a page can print a form's first indicator rows before the form's own
 * title and header (a title, the rows, the title again with 项目名称 and 单位, no table under it). Read
 * form by form, that is a table of rows with no header and a header with no rows: they are one table.
 * The rows join the header after them, with their doubts and a warning that asks for a check.
 */
export function joinRowsBeforeHeader<T extends PerformanceTable>(tables: T[]): T[] {
  const out: T[] = [];
  for (let n = 0; n < tables.length; n++) {
    const rows = tables[n] as T;
    const header = tables[n + 1];
    if (!header || !headerless(rows) || !rowless(header)) {
      out.push(rows);
      continue;
    }
    const rowWarnings = rows.warnings.filter((w) => (w.path ?? '').startsWith('indicators.'));
    const first = rows.indicators[0] && rowSource(rows.indicators[0]);
    const moved: Warning = {
      code: 'import.rows_before_header',
      zh: `${rows.indicators.length} 行指标印在本表标题和表头之前（网页顺序错乱），已并入本表：请核对`,
      en: `${rows.indicators.length} indicator rows were printed before this form's title and header (a scrambled page) and were joined to it: please check`,
      path: 'indicators',
      ...(first ? { line: first.line } : {}),
    };
    out.push({
      ...header,
      kind: header.kind,
      indicators: rows.indicators,
      warnings: [...header.warnings.filter((w) => w.code !== 'import.no_indicators'), moved, ...rowWarnings],
      incomplete: header.incomplete || rows.incomplete,
    });
    n++;
  }
  return out;
}
