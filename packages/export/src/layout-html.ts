import {
  type GridColumnKey,
  isWideLayout,
  type LayoutCell,
  type OfficialLayout,
} from '@jixiao/core/export/official-layout';

export interface RenderHtmlOptions {
  /** The document <title>; defaults to the form title and, for one table, the project name. */
  documentTitle?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The form's style sheet. A4 portrait with the margins of a printed budget publication, serif CJK body
 * (宋体 look) with a sans title (黑体 look), hairline borders. Exported so the web view can show the
 * same form inside the app.
 */
export const LAYOUT_CSS = `
@page { size: A4 portrait; margin: 16mm 14mm 16mm 14mm; }
/* Forms with a wide indicator grid (self-evaluations: up to ten columns) print on landscape pages. */
@page wide { size: A4 landscape; margin: 14mm 16mm 14mm 16mm; }
.jx-form.jx-wide { page: wide; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  color: #000;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif;
  font-size: 10.5pt;
  line-height: 1.45;
}
.jx-form { width: 100%; }
.jx-form + .jx-form { break-before: page; page-break-before: always; }
.jx-title {
  margin: 0;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", SimHei, sans-serif;
  font-size: 18pt;
  font-weight: 700;
  letter-spacing: 0.08em;
  text-align: center;
}
.jx-year { margin: 2pt 0 10pt; text-align: center; font-size: 11pt; }
/* Notes under the title: a cut-off source, a self-evaluation's total score. */
.jx-note { margin: 0 0 6pt; padding: 3pt 6pt; border-left: 2pt solid #555; background: #f5f5f5; font-size: 9.5pt; }
.jx-sheet, .jx-grid { width: 100%; border-collapse: collapse; table-layout: fixed; }
.jx-sheet + .jx-sheet, .jx-grid { margin-top: -0.75pt; }
.jx-sheet td, .jx-sheet th, .jx-grid td, .jx-grid th {
  border: 0.75pt solid #000;
  padding: 3pt 5pt;
  /* Top, not middle: cells of one row then share the first baseline, so a PDF reader rebuilds the row
     as one line instead of interleaving a short cell between the lines of a wrapped one. */
  vertical-align: top;
  overflow-wrap: anywhere;
  word-break: break-all;
}
.jx-sheet th, .jx-grid th { font-weight: 700; }
.jx-sheet th.jx-label {
  text-align: left;
  vertical-align: top;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  font-size: 10pt;
  font-weight: 500;
  background: #f2f2f2;
}
/* Chinese labels stay on one line; English ones are longer and may wrap. */
.jx-zh .jx-sheet th.jx-label { white-space: nowrap; }
/* Left-aligned, not justified: justification stretches gaps that a text reader would take for spaces. */
.jx-sheet td.jx-text { text-align: left; white-space: pre-wrap; }
.jx-sheet td.jx-money { text-align: right; font-variant-numeric: tabular-nums; }
.jx-caption {
  text-align: center;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  background: #e6e6e6;
  letter-spacing: 0.04em;
}
.jx-grid .jx-heads th, .jx-caption { vertical-align: middle; }
.jx-grid .jx-heads th {
  text-align: center;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  background: #f2f2f2;
}
/* Level cells sit at the top of their merged block too, so their text comes before the rows they
   group when the PDF is read back line by line. */
.jx-grid td.jx-level { text-align: center; }
.jx-grid td.jx-target, .jx-grid td.jx-weight, .jx-grid td.jx-score, .jx-grid td.jx-direction { text-align: center; }
.jx-grid tr { break-inside: avoid; page-break-inside: avoid; }
/* Self-evaluation grids have up to ten columns: smaller type and padding keep 分值/得分 on one line. */
.jx-grid.jx-dense { font-size: 9pt; }
.jx-grid.jx-dense td, .jx-grid.jx-dense th { padding: 2pt 3pt; }
@media screen {
  html { background: #e5e7eb; }
  body { padding: 24px 0; }
  .jx-form {
    width: 210mm;
    min-height: 297mm;
    margin: 0 auto 24px;
    padding: 16mm 14mm;
    background: #fff;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
  }
  .jx-form.jx-wide { width: 297mm; min-height: 210mm; }
}
`;

/**
 * Column widths (%) of the header, narrative and money sections. They differ because their labels do:
 * each label column is wide enough for its longest Chinese label on one line (同名项目上年预算执行数（元）：),
 * which keeps a label and its value on one text line when the PDF is read back.
 */
const SECTION_WIDTHS = {
  header: [24, 26, 24, 26],
  narratives: [28, 24, 24, 24],
  money: [32, 18, 32, 18],
} as const;

function colgroup(widths: readonly number[]): string {
  return `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
}

function sheetCell(cell: LayoutCell, colon: string): string {
  const span = cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '';
  if (cell.kind === 'label') {
    // The published form prints labels with a full-width colon (申报单位名称：); text readers rely on it.
    return `<th class="jx-label" scope="row"${span}>${escapeHtml(cell.text)}${colon}</th>`;
  }
  const field = cell.field ? ` data-field="${escapeHtml(cell.field)}"` : '';
  const cls = cell.amount !== undefined ? 'jx-money' : cell.colSpan > 1 ? 'jx-text' : 'jx-value';
  return `<td class="${cls}"${span}${field}>${escapeHtml(cell.text)}</td>`;
}

function sheetRows(rows: LayoutCell[][], colon: string): string {
  return rows.map((row) => `<tr>${row.map((cell) => sheetCell(cell, colon)).join('')}</tr>`).join('\n');
}

const LEVEL_COLUMNS: ReadonlySet<GridColumnKey> = new Set(['level1', 'level2']);

function gridTable(layout: OfficialLayout): string {
  const { columns, rows, caption } = layout.grid;
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          const span = cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '';
          const cls = LEVEL_COLUMNS.has(cell.column) ? 'jx-level' : `jx-${cell.column}`;
          return `<td class="${cls}"${span} data-field="${escapeHtml(cell.field)}">${escapeHtml(cell.text)}</td>`;
        })
        .join('');
      return `<tr data-indicator="${row.indicatorIndex}">${cells}</tr>`;
    })
    .join('\n');
  return [
    `<table class="jx-grid${isWideLayout(layout) ? ' jx-dense' : ''}">${colgroup(columns.map((c) => c.width))}`,
    // Headings are not repeated on following pages: a reader of the PDF text would take the repeat
    // for the start of another grid.
    '<tbody>',
    `<tr><th class="jx-caption" colspan="${columns.length}">${escapeHtml(caption)}</th></tr>`,
    `<tr class="jx-heads">${head}</tr>`,
    `${body}</tbody></table>`,
  ].join('\n');
}

function sheetTable(className: string, widths: readonly number[], body: string): string {
  return `<table class="jx-sheet ${className}">${colgroup(widths)}<tbody>\n${body}\n</tbody></table>`;
}

/** One form as an `<article>` (no document around it), for embedding in a page that loads LAYOUT_CSS. */
export function renderLayoutFragment(layout: OfficialLayout): string {
  const colon = layout.locale === 'zh' ? '：' : ':';
  const notes = layout.notes.map((n) => `<p class="jx-note">${escapeHtml(n)}</p>`).join('');
  const moneyCaption = `<tr><th class="jx-caption" colspan="4">${escapeHtml(layout.money.caption)}</th></tr>`;
  return [
    `<article class="jx-form jx-${layout.locale}${isWideLayout(layout) ? ' jx-wide' : ''}" lang="${layout.locale === 'zh' ? 'zh-CN' : 'en'}">`,
    `<h1 class="jx-title">${escapeHtml(layout.title)}</h1>`,
    `<p class="jx-year">${escapeHtml(layout.yearLine)}</p>`,
    notes,
    sheetTable('jx-header', SECTION_WIDTHS.header, sheetRows(layout.header, colon)),
    sheetTable('jx-narratives', SECTION_WIDTHS.narratives, sheetRows(layout.narratives, colon)),
    sheetTable('jx-budget', SECTION_WIDTHS.money, `${moneyCaption}\n${sheetRows(layout.money.rows, colon)}`),
    gridTable(layout),
    '</article>',
  ].join('\n');
}

function projectName(layout: OfficialLayout): string | undefined {
  return layout.header.flat().find((c) => c.field === 'name')?.text || undefined;
}

/**
 * Renders one or more official layouts as a complete standalone HTML document (A4 print CSS, CJK
 * fonts); several layouts print one per page, in order.
 */
export function renderLayoutHtml(
  layouts: OfficialLayout | readonly OfficialLayout[],
  options: RenderHtmlOptions = {},
): string {
  const list: readonly OfficialLayout[] = Array.isArray(layouts) ? layouts : [layouts as OfficialLayout];
  const first = list[0];
  const name = list.length === 1 && first ? projectName(first) : undefined;
  const title = options.documentTitle ?? [first?.title, name].filter(Boolean).join(' · ');
  const lang = first?.locale === 'en' ? 'en' : 'zh-CN';
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${LAYOUT_CSS}</style>`,
    '</head>',
    '<body>',
    ...list.map(renderLayoutFragment),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
