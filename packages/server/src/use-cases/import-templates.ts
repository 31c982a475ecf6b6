import { AppError } from '@jixiao/core/errors/app-error';
import type { LayoutTemplate, UsedTemplate } from '@jixiao/core/tables/column-mapping.schema';
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

/**
 * An upload as the preview shows it. The file goes to a worker with the uploader's templates (its unit's
 * first, then the region's), which reads it and finds the template whose layout best matches it; a file
 * so matched is read with that template, and the preview names it and says how well it matched.
 * Otherwise it is as the readers read it, each row with its source lines (a file they did not recognise
 * but that holds table rows has no tables, for a person to map).
 */
export async function readUpload(
  db: Database,
  parser: ParsePool,
  organisationId: string | null,
  file: { name: string; bytes: Uint8Array },
): Promise<ReadUpload> {
  const templates = await createLayoutTemplateRepository(db).forUpload(organisationId);
  const { layout, ...parsed } = await parser.parse({
    ...file,
    keepUnread: true,
    ...(templates.length > 0 ? { layouts: templates.map(layoutOf) } : {}),
  });
  const template = layout ? templates[layout.index] : undefined;
  if (layout && template) {
    return {
      parsed: {
        sourceText: parsed.sourceText,
        tables: [layout.mapped.table],
        warnings: layout.mapped.warnings,
        ...(parsed.sourceCells ? { sourceCells: parsed.sourceCells } : {}),
      },
      template: { id: template.id, name: template.name, fit: layout.fit },
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
