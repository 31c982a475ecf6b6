import {
  isCenteredGridColumn,
  isWideLayout,
  type LayoutCell,
  type OfficialLayout,
} from '@jixiao/core/export/official-layout';
import {
  AlignmentType,
  BorderStyle,
  Document,
  type ISectionOptions,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

/** 宋体 for text and 黑体 for headings, named for Windows (SimSun/SimHei) and for East Asian text. */
const BODY_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };
/** Sizes in half-points: 五号 (10.5 pt) for the form, 小五 (9 pt) for a dense grid, 二号 (18 pt) title. */
const BODY_SIZE = 21;
const DENSE_SIZE = 18;
const TITLE_SIZE = 36;

/** A4 in twips (1/1440 inch), portrait; docx swaps the sides for a landscape section. */
const A4 = { width: 11906, height: 16838 };
/** 1.8 cm margins, as the PDF export's page box. */
const MARGIN = 1020;

const LABEL_FILL = 'F2F2F2';
const CAPTION_FILL = 'E6E6E6';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
/** Cell padding in twips, set once per table. */
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

/** Column widths (%) of the label/value sections, the same as the HTML/PDF form. */
const SECTION_WIDTHS = {
  header: [24, 26, 24, 26],
  narratives: [28, 24, 24, 24],
  money: [32, 18, 32, 18],
} as const;

interface TextStyle {
  size: number;
  bold?: boolean;
  heading?: boolean;
  color?: string;
}

/** Paragraphs of a cell: an explicit line break in the text starts a new paragraph, as typed in Word. */
function paragraphs(text: string, style: TextStyle, alignment: string): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: alignment as (typeof AlignmentType)[keyof typeof AlignmentType],
        spacing: { before: 0, after: 0 },
        children: [
          // 宋体 五号 is the document default: runs name only what differs, which keeps the XML small.
          new TextRun({
            text: line,
            ...(style.heading ? { font: HEADING_FONT } : {}),
            ...(style.size !== BODY_SIZE ? { size: style.size } : {}),
            ...(style.bold ? { bold: true } : {}),
            ...(style.color ? { color: style.color } : {}),
          }),
        ],
      }),
  );
}

function cell(
  text: string,
  options: {
    width: number;
    span?: number;
    rowSpan?: number;
    fill?: string;
    style: TextStyle;
    alignment?: string;
  },
): TableCell {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    ...(options.span && options.span > 1 ? { columnSpan: options.span } : {}),
    ...(options.rowSpan && options.rowSpan > 1 ? { rowSpan: options.rowSpan } : {}),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    children: paragraphs(text, options.style, options.alignment ?? AlignmentType.LEFT),
  });
}

/** Twips of each column from percentages, adding up to exactly the text width. */
function twips(percentages: readonly number[], total: number): number[] {
  const sum = percentages.reduce((s, p) => s + p, 0);
  const widths = percentages.map((p) => Math.floor((p / sum) * total));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + total - widths.reduce((s, w) => s + w, 0);
  return widths;
}

function table(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: columnWidths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: CELL_MARGINS,
    rows,
  });
}

function captionRow(text: string, span: number, width: number, size: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      cell(text, {
        width,
        span,
        fill: CAPTION_FILL,
        style: { size, bold: true, heading: true },
        alignment: AlignmentType.CENTER,
      }),
    ],
  });
}

/** A header, narrative or money section on its 4-column label/value grid. */
function sectionRows(rows: LayoutCell[][], widths: number[], colon: string, size: number): TableRow[] {
  return rows.map((row) => {
    let start = 0;
    const children = row.map((c) => {
      const width = widths.slice(start, start + c.colSpan).reduce((s, w) => s + w, 0);
      start += c.colSpan;
      if (c.kind === 'label') {
        // The printed form writes labels with a full-width colon (申报单位名称：); text readers rely on it.
        return cell(`${c.text}${colon}`, {
          width,
          span: c.colSpan,
          fill: LABEL_FILL,
          style: { size, bold: true },
        });
      }
      const money = c.amount !== undefined;
      return cell(c.text, {
        width,
        span: c.colSpan,
        style: { size },
        alignment: money ? AlignmentType.RIGHT : AlignmentType.LEFT,
      });
    });
    return new TableRow({ cantSplit: true, children });
  });
}

function sectionTable(
  rows: LayoutCell[][],
  percentages: readonly number[],
  textWidth: number,
  colon: string,
  caption?: string,
): Table {
  const widths = twips(percentages, textWidth);
  const body = sectionRows(rows, widths, colon, BODY_SIZE);
  return table(widths, caption ? [captionRow(caption, 4, textWidth, BODY_SIZE), ...body] : body);
}

function gridTable(layout: OfficialLayout, textWidth: number): Table {
  const { columns, rows, caption } = layout.grid;
  const size = isWideLayout(layout) ? DENSE_SIZE : BODY_SIZE;
  const widths = twips(
    columns.map((c) => c.width),
    textWidth,
  );
  const heads = new TableRow({
    cantSplit: true,
    children: columns.map((c, i) =>
      cell(c.label, {
        width: widths[i] ?? 0,
        fill: LABEL_FILL,
        style: { size, bold: true, heading: true },
        alignment: AlignmentType.CENTER,
      }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        // Merged level cells are written once with rowSpan; docx adds the vMerge continuation cells.
        children: row.cells.map((c) => {
          const column = columns.findIndex((col) => col.key === c.column);
          return cell(c.text, {
            width: widths[column] ?? 0,
            rowSpan: c.rowSpan,
            style: { size },
            alignment: isCenteredGridColumn(c.column) ? AlignmentType.CENTER : AlignmentType.LEFT,
          });
        }),
      }),
  );
  // Headings are not repeated on following pages: a reader of the text would take the repeat for the
  // start of another grid.
  return table(widths, [captionRow(caption, columns.length, textWidth, size), heads, ...body]);
}

function section(layout: OfficialLayout): ISectionOptions {
  const wide = isWideLayout(layout);
  const textWidth = (wide ? A4.height : A4.width) - 2 * MARGIN;
  const colon = layout.locale === 'zh' ? '：' : ':';
  return {
    properties: {
      page: {
        size: {
          ...A4,
          orientation: wide ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      },
    },
    children: [
      ...paragraphs(layout.title, { size: TITLE_SIZE, bold: true, heading: true }, AlignmentType.CENTER),
      ...paragraphs(layout.yearLine, { size: BODY_SIZE }, AlignmentType.CENTER),
      ...layout.notes.flatMap((note) =>
        paragraphs(note, { size: DENSE_SIZE, color: '9A3412' }, AlignmentType.LEFT),
      ),
      // Four tables back to back print as one ruled form, as on paper.
      sectionTable(layout.header, SECTION_WIDTHS.header, textWidth, colon),
      sectionTable(layout.narratives, SECTION_WIDTHS.narratives, textWidth, colon),
      sectionTable(layout.money.rows, SECTION_WIDTHS.money, textWidth, colon, layout.money.caption),
      gridTable(layout, textWidth),
    ],
  };
}

/**
 * Writes one or more official layouts (a target table, a 自评表, several tables) to a Word document:
 * one A4 section per form (landscape for a grid of more than six columns), title and year line, the
 * label/value sections and the indicator grid as real ruled tables with vertically merged level cells.
 */
export async function layoutToDocx(layouts: OfficialLayout | readonly OfficialLayout[]): Promise<Buffer> {
  const list: readonly OfficialLayout[] = Array.isArray(layouts) ? layouts : [layouts as OfficialLayout];
  const first = list[0];
  const name = first?.header.flat().find((c) => c.field === 'name')?.text;
  const document = new Document({
    creator: 'Jixiao 绩效',
    title: [first?.title, list.length === 1 ? name : undefined].filter(Boolean).join(' · '),
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: BODY_SIZE } },
      },
    },
    sections: list.map(section),
  });
  return Packer.toBuffer(document);
}
