import { AppError } from '@jixiao/core/errors/app-error';
import type { LayoutTemplate, UsedTemplate } from '@jixiao/core/tables/column-mapping.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { createLayoutTemplateRepository } from '@jixiao/db/layout-templates.repository';
import type { ParsePool } from '@jixiao/import/isolated/parse-pool';
import type { ParsedFile } from '@jixiao/import/parse-file';
import { withSources } from '@jixiao/import/preview/row-sources';

/** An upload as the preview shows it: the tables with their rows' source lines, and the template used. */
export interface ReadUpload {
  parsed: ParsedFile;
  template: UsedTemplate | null;
}

/** The reader's table the mapped rows replace: the one with most rows (a page title read as a form has none). */
export function mainTable(tables: readonly PerformanceTable[]): PerformanceTable | undefined {
  let best: PerformanceTable | undefined;
  for (const table of tables) if (!best || table.indicators.length > best.indicators.length) best = table;
  return best;
}

/**
 * An upload as the preview shows it. A file whose layout a saved template knows (its caption row; the
 * uploader's unit's templates first, then the region's) is read with that template; otherwise it is as the
 * readers read it, each row with its source lines (a file they did not recognise but that holds table rows
 * has no tables, for a person to map).
 */
export async function withTemplate(
  db: Database,
  parser: ParsePool,
  organisationId: string | null,
  fileName: string,
  parsed: ParsedFile,
): Promise<ReadUpload> {
  const templates = await createLayoutTemplateRepository(db).forUpload(organisationId);
  // Matched and read in a worker: both take time that grows with the upload's lines.
  const found =
    templates.length === 0
      ? null
      : await parser.findLayout(fileName, {
          text: parsed.sourceText,
          base: mainTable(parsed.tables),
          layouts: templates.map(layoutOf),
          ...(parsed.sourceCells ? { cells: parsed.sourceCells } : {}),
        });
  const template = found ? templates[found.index] : undefined;
  if (found && template) {
    return {
      parsed: {
        sourceText: parsed.sourceText,
        tables: [found.mapped.table],
        warnings: found.mapped.warnings,
        ...(parsed.sourceCells ? { sourceCells: parsed.sourceCells } : {}),
      },
      template: { id: template.id, name: template.name },
    };
  }
  return {
    parsed: { ...parsed, tables: withSources(parsed.tables, parsed.rowSources) },
    template: null,
  };
}

export function layoutOf(template: LayoutTemplate) {
  return {
    signature: template.signature,
    separator: template.separator,
    roles: template.roles,
    ...(template.kind ? { kind: template.kind } : {}),
  };
}

/** A mapping whose lines are not in the document. */
export function regionOutside(lines: number): AppError {
  return new AppError(
    'mapping.region_outside',
    `所选行超出原文范围（原文共 ${lines} 行）`,
    `The chosen lines are outside the source text (it has ${lines} lines)`,
    { path: 'mapping.region' },
  );
}

/** A mapping that read no row: nothing to preview or to save as a template. */
export function nothingMapped(): AppError {
  return new AppError(
    'mapping.no_rows',
    '按此映射没有读到任何指标行：请检查所选行和各列的含义（至少一列为三级指标或二级指标）',
    'This mapping reads no indicator row: check the chosen lines and the column roles (at least one column must be level 3 or level 2)',
    { path: 'mapping.roles' },
  );
}
