import {
  type GridColumnKey,
  type GridRow,
  isWideLayout,
  type LayoutCell,
  type OfficialLayout,
} from './official-layout.ts';

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
 * The printed form's style sheet, every rule under `.jx-form` except the page boxes, so the app can load
 * it beside its own styles. A4 portrait with the margins of a printed budget publication, serif CJK body
 * (宋体 look) with sans labels and headings (黑体 look), hairline borders. On screen the form is a white
 * A4 sheet; printed, the page box is the sheet.
 */
export const FORM_CSS = `
@page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm; }
/* Forms with a wide indicator grid (self-evaluations: up to ten columns) print on landscape pages. */
@page wide { size: A4 landscape; margin: 14mm 16mm 14mm 16mm; }
.jx-form.jx-wide { page: wide; }
.jx-form, .jx-form * { box-sizing: border-box; }
.jx-form {
  width: 100%;
  color: #000;
  background: #fff;
  font-family: "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  font-size: 10.5pt;
  line-height: 1.45;
  text-align: left;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
  /* The embedded CJK faces have one weight: a synthesised bold would be drawn as outlines (Type 3), not
     as text in the subset font. 黑体 (sans) marks headings and labels instead. */
  font-synthesis: none;
}
.jx-form + .jx-form { break-before: page; page-break-before: always; }
.jx-form .jx-title {
  margin: 0;
  font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", SimHei, sans-serif;
  font-size: 18pt;
  font-weight: 400;
  line-height: 1.3;
  letter-spacing: 0.08em;
  text-align: center;
}
.jx-form .jx-year { margin: 2pt 0 10pt; text-align: center; font-size: 11pt; }
/* Notes under the title: a cut-off source, a self-evaluation's total score. */
.jx-form .jx-note { margin: 0 0 6pt; padding: 3pt 6pt; border-left: 2pt solid #555; font-size: 9.5pt; }
.jx-form table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0; }
.jx-form .jx-grid { margin-top: -0.75pt; }
.jx-form td, .jx-form th {
  border: 0.75pt solid #000;
  padding: 3pt 4pt;
  color: #000;
  background: #fff;
  font-size: inherit;
  /* Top, not middle: cells of one row then share the first baseline, so a PDF reader rebuilds the row
     as one line instead of interleaving a short cell between the lines of a wrapped one. */
  vertical-align: top;
  overflow-wrap: anywhere;
  word-break: break-all;
}
.jx-form th { font-weight: 400; }
.jx-form .jx-sheet th.jx-label {
  text-align: left;
  font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  font-size: 9.5pt;
}
/* Chinese labels stay on one line; English ones are longer and may wrap. */
.jx-form.jx-zh .jx-sheet th.jx-label { white-space: nowrap; }
/* Left-aligned, not justified: justification stretches gaps that a text reader would take for spaces. */
.jx-form .jx-sheet td.jx-text { white-space: pre-wrap; }
.jx-form .jx-sheet td.jx-money { text-align: right; font-variant-numeric: tabular-nums; }
.jx-form .jx-caption {
  text-align: center;
  vertical-align: middle;
  font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  letter-spacing: 0.04em;
}
.jx-form .jx-grid .jx-heads th {
  text-align: center;
  vertical-align: middle;
  font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif;
  word-break: normal;
}
/* The column headings repeat at the top of every page the grid runs onto; neither they nor the caption
   end a page without a row under them. */
.jx-form caption.jx-caption {
  caption-side: top;
  border: 0.75pt solid #000;
  border-bottom: 0;
  padding: 3pt 4pt;
  break-after: avoid;
  page-break-after: avoid;
}
.jx-form .jx-grid thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
.jx-form .jx-grid td.jx-level { text-align: center; }
.jx-form .jx-grid td.jx-target, .jx-form .jx-grid td.jx-weight, .jx-form .jx-grid td.jx-score,
.jx-form .jx-grid td.jx-direction, .jx-form .jx-grid td.jx-actual { text-align: center; }
.jx-form .jx-grid tr { break-inside: avoid; page-break-inside: avoid; }
/* A level-2 group (数量, 质量, …) stays on one page: no break after a row that its group continues. */
.jx-form .jx-grid tr.jx-cont { break-after: avoid; page-break-after: avoid; }
/* Self-evaluation grids have up to ten columns: smaller type and padding keep 分值/得分 on one line. */
.jx-form .jx-grid.jx-dense { font-size: 9pt; }
.jx-form .jx-grid.jx-dense td, .jx-form .jx-grid.jx-dense th { padding: 2pt 3pt; }
@media screen {
  .jx-form {
    width: 210mm;
    min-height: 297mm;
    margin: 0 auto 24px;
    padding: 16mm 12mm;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
  }
  .jx-form.jx-wide { width: 297mm; min-height: 210mm; }
}
`;

/**
 * Widths (%) of the label/value columns of the header, narrative and money rows: one grid, so every
 * label column has the same width and the sections line up. A label column holds the longest Chinese
 * label on one line (同名项目上年预算执行数（元）：), which keeps a label and its value on one text line
 * when the PDF is read back; the first value column holds a ten-character project name.
 */
export const SHEET_COLUMN_WIDTHS = [30, 22, 30, 18] as const;

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

/**
 * For each grid row, whether the row after it belongs to the same level-2 group (the rows its level-2
 * cell spans), so the page does not break between them.
 */
export function continuesGroup(rows: readonly GridRow[]): boolean[] {
  const out: boolean[] = [];
  let left = 0;
  for (const row of rows) {
    const level2 = row.cells.find((c) => c.column === 'level2');
    if (level2) left = level2.rowSpan;
    left -= 1;
    out.push(left > 0);
  }
  return out;
}

function gridTable(layout: OfficialLayout): string {
  const { columns, rows, caption } = layout.grid;
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const continues = continuesGroup(rows);
  const body = rows
    .map((row, i) => {
      const cells = row.cells
        .map((cell) => {
          const span = cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '';
          const cls = LEVEL_COLUMNS.has(cell.column) ? 'jx-level' : `jx-${cell.column}`;
          return `<td class="${cls}"${span} data-field="${escapeHtml(cell.field)}">${escapeHtml(cell.text)}</td>`;
        })
        .join('');
      const cont = continues[i] ? ' class="jx-cont"' : '';
      return `<tr${cont} data-indicator="${row.indicatorIndex}">${cells}</tr>`;
    })
    .join('\n');
  return [
    `<table class="jx-grid${isWideLayout(layout) ? ' jx-dense' : ''}">`,
    // The caption prints once, above the first page's headings; the headings repeat on every page.
    `<caption class="jx-caption">${escapeHtml(caption)}</caption>`,
    colgroup(columns.map((c) => c.width)),
    '<thead>',
    `<tr class="jx-heads">${head}</tr>`,
    '</thead>',
    `<tbody>\n${body}\n</tbody></table>`,
  ].join('\n');
}

/**
 * One form as an `<article>` (no document around it) for a page that loads FORM_CSS: the export's
 * HTML and PDF and the app's views (正式版式, the portal, review) all show this markup.
 */
export function renderLayoutFragment(layout: OfficialLayout): string {
  const colon = layout.locale === 'zh' ? '：' : ':';
  const notes = layout.notes.map((n) => `<p class="jx-note">${escapeHtml(n)}</p>`).join('');
  const moneyCaption = `<tr><th class="jx-caption" colspan="4">${escapeHtml(layout.money.caption)}</th></tr>`;
  return [
    `<article class="jx-form jx-${layout.locale}${isWideLayout(layout) ? ' jx-wide' : ''}" lang="${layout.locale === 'zh' ? 'zh-CN' : 'en'}">`,
    `<h1 class="jx-title">${escapeHtml(layout.title)}</h1>`,
    `<p class="jx-year">${escapeHtml(layout.yearLine)}</p>`,
    notes,
    `<table class="jx-sheet">${colgroup(SHEET_COLUMN_WIDTHS)}`,
    `<tbody class="jx-header">\n${sheetRows(layout.header, colon)}\n</tbody>`,
    `<tbody class="jx-narratives">\n${sheetRows(layout.narratives, colon)}\n</tbody>`,
    `<tbody class="jx-budget">\n${moneyCaption}\n${sheetRows(layout.money.rows, colon)}\n</tbody>`,
    '</table>',
    gridTable(layout),
    '</article>',
  ].join('\n');
}
