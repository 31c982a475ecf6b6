import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import type { ErrorCode } from '@jixiao/core/errors/error-codes';
import { getDocument, Util, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A positioned run of text from a PDF page (PDF units, y grows upwards). */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
// Chinese government PDFs often use non-embedded Adobe-GB1 fonts (STSong-Light): without the CMaps
// pdfjs cannot map their glyphs to text. Paths, not URLs: pdfjs reads them with fs in Node.
const CMAP_DIR = `${join(pdfjsRoot, 'cmaps')}/`;
const STANDARD_FONT_DIR = `${join(pdfjsRoot, 'standard_fonts')}/`;

/**
 * Characters that Chromium (Skia) writes into a PDF's text layer in place of the one that was printed.
 * A CJK font draws some characters with a glyph it also uses for another code point, and the text layer
 * names the lowest of them: 目 becomes the Kangxi radical ⽬, 长 ⻓, 户 戶, ／ ∕, ～ 〜. Measured by
 * printing every GB2312 character through the export pipeline in each weight of Noto Serif/Sans CJK SC
 * and reading it back. Kangxi radicals (U+2F00–U+2FDF) fold by NFKC and are not listed.
 */
const TEXT_LAYER_FOLDS: Record<string, string> = {
  // Radicals-supplement forms of whole characters.
  '\u2E81': '厂',
  '\u2E8A': '卜',
  '\u2E92': '巳',
  '\u2E93': '幺',
  '\u2E9C': '日',
  '\u2E9D': '月',
  '\u2EA0': '民',
  '\u2EA9': '王',
  '\u2EBC': '月',
  '\u2EC1': '虎',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ED1': '長',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2ED9': '韦',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  // Radicals-supplement forms of the GB2312 component characters (亻 刂 氵 …).
  '\u2E85': '亻',
  '\u2E89': '刂',
  '\u2E8E': '兀',
  '\u2E90': '尢',
  '\u2E95': '彐',
  '\u2E96': '忄',
  '\u2E98': '扌',
  '\u2E99': '攵',
  '\u2EA1': '氵',
  '\u2EA3': '灬',
  '\u2EA6': '丬',
  '\u2EA8': '犭',
  '\u2EAD': '礻',
  '\u2EB0': '纟',
  '\u2EBA': '肀',
  '\u2EBE': '艹',
  '\u2EC2': '衤',
  '\u2EC8': '讠',
  '\u2ECC': '辶',
  '\u2ED0': '钅',
  '\u2ED6': '阝',
  '\u2EE0': '饣',
  // Ideographs and punctuation sharing a glyph with a lower code point.
  '\u6236': '户',
  '\u3B35': '胶',
  '\u2215': '／',
  '\u301C': '～',
  '\u2035': '｀',
  '\u2329': '〈',
  '\u232A': '〉',
  // The en dash of a range (80%–100%) comes back as the figure dash.
  '\u2012': '–',
};

const FOLDABLE = /[\u2E80-\u2EFF\u2F00-\u2FDF\u6236\u3B35\u2215\u301C\u2035\u2329\u232A\u2012]/gu;

/**
 * Puts back the printed characters the text layer names by a look-alike (see TEXT_LAYER_FOLDS). NFKC
 * is applied to the Kangxi radicals alone: on the whole text it would also turn full-width （：into ASCII.
 */
function foldLookalikes(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    // ⼾ (the radical Chromium writes for 户) normalises to 戶, which is then folded on to 户.
    const folded = TEXT_LAYER_FOLDS[ch] ?? ch.normalize('NFKC');
    return TEXT_LAYER_FOLDS[folded] ?? folded;
  });
}

/** A cell of a rebuilt line: the text between two column gaps, with its horizontal extent. */
interface LineCell {
  text: string;
  x: number;
  end: number;
  /** Where the last line of a wrapped cell ends. */
  lastEnd?: number;
}

/** A rebuilt line: its cells left to right, its baseline and font size, and the lines joined into it. */
interface Line {
  cells: LineCell[];
  y: number;
  size: number;
  /** Baseline of the last text line wrapped into this one (a table row over several lines). */
  lastY: number;
}

/**
 * A gap wider than this (in font sizes) between two pieces of one line is a column gap, not a word
 * gap: a word space is at most ~0.35 em, the narrowest table column gap Jixiao prints is 0.75 em (the
 * padding of two dense cells and a border) and text never fills a cell to the last point.
 */
const COLUMN_GAP = 0.6;

function clusterRuns(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const clusters: TextRun[][] = [];
  let current: TextRun[] = [];
  let top = Number.POSITIVE_INFINITY;
  for (const run of sorted) {
    const tolerance = Math.max(1.5, 0.35 * run.size);
    if (current.length > 0 && top - run.y > tolerance) {
      clusters.push(current);
      current = [];
    }
    if (current.length === 0) top = run.y;
    current.push(run);
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}

function lineOf(cluster: readonly TextRun[]): Line | null {
  const ordered = [...cluster].sort((a, b) => a.x - b.x);
  const cells: LineCell[] = [];
  let cell: LineCell | null = null;
  // A run of spaces between two runs is a space, however narrow the gap it leaves.
  let pendingSpace = false;
  let size = 0;
  for (const run of ordered) {
    if (run.text.trim() === '') {
      pendingSpace = cell !== null;
      continue;
    }
    size = Math.max(size, run.size);
    const gap = cell === null ? 0 : run.x - cell.end;
    if (cell === null || gap > COLUMN_GAP * run.size) {
      cell = { text: run.text, x: run.x, end: run.x + run.width };
      cells.push(cell);
    } else {
      if (pendingSpace || gap > 0.3 * run.size) cell.text += ' ';
      cell.text += run.text;
      cell.end = Math.max(cell.end, run.x + run.width);
    }
    pendingSpace = false;
  }
  for (const c of cells) c.text = foldLookalikes(c.text.replace(/\s+/g, ' ').trim());
  const kept = cells.filter((c) => c.text !== '');
  if (kept.length === 0) return null;
  const y = cluster[0]?.y ?? 0;
  return { cells: kept, y, size, lastY: y };
}

/** Chinese characters proper (not punctuation), which Jixiao's texts space from Latin words and numbers. */
const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/u;
/** Characters as wide as a Chinese one in a CJK font. */
const FULL_WIDTH = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2018\u2019\u201C\u201D]/u;

/**
 * Joins the text of a cell wrapped over two lines. The PDF keeps no trace of a space the line broke at,
 * and the export breaks anywhere (inside a word or a number). Chinese text joins as it is, except that
 * a Chinese character and a Latin word or number were spaced (Jixiao's generated texts space them:
 * `得满分 4.69`). Between Latin words, a line that broke at a space is one whose column had room for
 * the next character (`room`: the width left between the line's end and the column's right edge, in
 * font sizes); without room a word or number was cut (`weigh|t`, `4|0.00`) and joins as it is, while an
 * operator next to a word or number was spaced (`= 4.34`, `80 ÷`).
 */
function joinWrapped(head: string, tail: string, room: number): string {
  const a = head.at(-1) ?? '';
  const b = tail.charAt(0);
  if (/[(（[“‘]/.test(a) || /[)）\]，。；：、,.;:!?%”’]/.test(b)) return `${head}${tail}`;
  // A number cut after its decimal point or thousands comma (`10.` / `00`).
  if (/\d[.,]$/.test(head) && /^\d/.test(tail)) return `${head}${tail}`;
  if (FULL_WIDTH.test(a) || FULL_WIDTH.test(b)) {
    const latin = /[A-Za-z0-9]/;
    return (HAN.test(a) && latin.test(b)) || (latin.test(a) && HAN.test(b))
      ? `${head} ${tail}`
      : `${head}${tail}`;
  }
  // Latin letters and digits are about half a Chinese character wide; the margin absorbs the error.
  if (room >= 0.65) return `${head} ${tail}`;
  if (/[\p{L}\p{N}]/u.test(a) && /[\p{L}\p{N}]/u.test(b)) return `${head}${tail}`;
  return `${head} ${tail}`;
}

/** The cell of `row` a piece of a wrapped line stands under (left-aligned or centred), if any. */
function cellAbove(row: Line, piece: LineCell): number {
  return row.cells.findIndex((c) => piece.x >= c.x - 1.5 && piece.x <= c.end + 0.5);
}

/**
 * The pitch (in font sizes) of the wrapped lines of a table cell, when the document prints its table
 * rows further apart than that (cell padding and a border between rows); null when it does not: a PDF
 * whose rows sit one line pitch apart gives no way to tell a wrapped line from the next row.
 */
function wrapPitch(pages: readonly Line[][]): number | null {
  const gaps: number[] = [];
  for (const lines of pages)
    for (let k = 1; k < lines.length; k++) {
      const a = lines[k - 1] as Line;
      const b = lines[k] as Line;
      // Closer than a line (a caption centred between the lines of its neighbour) is no pitch.
      const gap = (a.y - b.y) / b.size;
      if ((a.cells.length > 1 || b.cells.length > 1) && Math.abs(a.size - b.size) < 0.5 && gap >= 0.95)
        gaps.push(gap);
    }
  if (gaps.length < 2) return null;
  const pitch = Math.min(...gaps);
  return gaps.some((g) => g > pitch + 0.35) ? pitch : null;
}

/**
 * Joins the lines of a table row whose cells wrapped: a line one wrap pitch under the row, every piece
 * of which stands under a different cell of the row's first line, continues those cells.
 */
function joinWrappedRows(lines: readonly Line[], pitch: number | null): Line[] {
  if (pitch === null) return [...lines];
  // How far right a column's text may reach: the furthest any line reaches that starts at the same x
  // and has its next cell at the same x (tables of one page share left edges, not widths).
  const edgeKey = (line: Line, k: number) => {
    const c = line.cells[k] as LineCell;
    return `${Math.round(c.x)}:${Math.round(line.cells[k + 1]?.x ?? -1)}`;
  };
  const edges = new Map<string, number>();
  for (const line of lines)
    line.cells.forEach((c, k) => {
      const key = edgeKey(line, k);
      edges.set(key, Math.max(edges.get(key) ?? c.end, c.end));
    });
  const out: Line[] = [];
  const keys = new Map<LineCell, string>();
  for (const line of lines) {
    const row = out.at(-1);
    const gap = row === undefined ? 0 : (row.lastY - line.y) / line.size;
    if (row !== undefined && row.cells.length > 1 && gap >= 0.95 && gap < pitch + 0.25) {
      const targets = line.cells.map((c) => cellAbove(row, c));
      if (targets.every((t, k) => t >= 0 && targets.indexOf(t) === k)) {
        line.cells.forEach((c, k) => {
          const target = row.cells[targets[k] as number] as LineCell;
          const end = target.lastEnd ?? target.end;
          const edge = edges.get(keys.get(target) ?? '') ?? end;
          target.text = joinWrapped(target.text, c.text, (edge - end) / line.size);
          target.lastEnd = c.end;
        });
        row.lastY = line.y;
        continue;
      }
    }
    line.cells.forEach((c, k) => {
      keys.set(c, edgeKey(line, k));
    });
    out.push(line);
  }
  return out;
}

function pageLines(runs: readonly TextRun[]): Line[] {
  return clusterRuns(runs)
    .map(lineOf)
    .filter((l): l is Line => l !== null);
}

function render(lines: readonly Line[]): string[] {
  return lines.map((l) => l.cells.map((c) => c.text).join('\t'));
}

/**
 * Rebuilds text lines from positioned runs: runs whose baselines are within a fraction of the font size
 * form one line, ordered left to right; touching runs are joined as one word, a word gap becomes a
 * space and a column gap (a table cell border) a tab, so that the cells of a table row stay apart as
 * they do in text from Word. The wrapped lines of a table row are joined into it (see joinWrappedRows).
 */
export function linesFromRuns(runs: readonly TextRun[]): string[] {
  const lines = pageLines(runs);
  return render(joinWrappedRows(lines, wrapPitch([lines])));
}

/** Page-number footers and headers: 第 1 页 / 共 3 页, - 2 -, Page 2 of 3, 2/3. */
const PAGE_NUMBER =
  /^(第\s*\d+\s*页\s*[/／,，]?\s*(共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|[-—]\s*\d+\s*[-—]|page\s+\d+(\s+of\s+\d+)?|\d+\s*\/\s*\d+)$/i;
/** How far above the bottom edge of the page (PDF units, 1/72 inch) a page-number footer may stand. */
const FOOTER_ZONE = 60;

/**
 * Drops a page-number footer (the lowest line of the page, inside the bottom margin), which would
 * otherwise land in the middle of a table that runs over a page break. Body text is never dropped.
 */
function withoutPageNumbers(runs: TextRun[]): TextRun[] {
  const visible = runs.filter((r) => r.text.trim() !== '');
  if (visible.length === 0) return runs;
  const lowest = Math.min(...visible.map((r) => r.y));
  if (lowest > FOOTER_ZONE) return runs;
  const onLowest = (r: TextRun) => Math.abs(r.y - lowest) < 1.5;
  const [line] = linesFromRuns(runs.filter(onLowest));
  return line !== undefined && PAGE_NUMBER.test(line) ? runs.filter((r) => !onLowest(r)) : runs;
}

function pdfError(code: ErrorCode, zh: string, en: string): AppError {
  return new AppError(code, zh, en);
}

function openError(error: unknown): AppError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return pdfError(
      'import.pdf_encrypted',
      '该 PDF 已加密，需要密码才能打开：请先去掉密码（或另存为未加密的 PDF）再导入。',
      'This PDF is encrypted and needs a password: remove the password (or save an unencrypted copy) and import that.',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return pdfError(
    'import.pdf_corrupt',
    `无法读取该 PDF，文件可能已损坏或不是 PDF（${detail}）。`,
    `Cannot read this PDF; the file may be damaged or not a PDF (${detail}).`,
  );
}

/** A whole department budget publication runs to a few hundred pages; beyond this it is not a form. */
const MAX_PAGES = 500;

/** The positioned text runs of every page, in page order. */
async function readRuns(bytes: Uint8Array): Promise<TextRun[][]> {
  // pdfjs wants a plain Uint8Array (not a Buffer) and may detach it: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw openError(error);
  }
  try {
    const pages: TextRun[][] = [];
    if (doc.numPages > MAX_PAGES) {
      throw pdfError(
        'import.pdf_too_long',
        `该 PDF 有 ${doc.numPages} 页，超过了 ${MAX_PAGES} 页的上限：请只导入包含绩效目标表的页。`,
        `This PDF has ${doc.numPages} pages, more than the limit of ${MAX_PAGES}: import only the pages with the performance tables.`,
      );
    }
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      // Positions as the page is shown: a landscape table saved as a portrait page with /Rotate 90
      // (common from Excel) then reads in rows, not columns. The viewport's y grows downwards.
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = Util.transform(
          viewport.transform,
          item.transform,
        ) as number[];
        const size = Math.hypot(a, b) || item.height || 10;
        runs.push({ text: item.str, x, y: viewport.height - y, width: item.width, size });
      }
      pages.push(runs);
      page.cleanup();
    }
    return pages;
  } catch (error) {
    throw error instanceof AppError ? error : openError(error);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * The text of each page of a text-based PDF as lines in reading order, rebuilt from the positions of the
 * text runs (pdfjs gives runs, not lines), without page-number footers. Encrypted, damaged and scanned
 * (text-less) PDFs throw an AppError with an `import.pdf_*` code.
 */
export async function extractPdfPages(bytes: Uint8Array): Promise<string[]> {
  if (bytes.byteLength < 5 || new TextDecoder().decode(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) {
    throw pdfError(
      'import.pdf_corrupt',
      '该文件不是 PDF（缺少 %PDF- 文件头）。',
      'This file is not a PDF (no %PDF- header).',
    );
  }
  const pages = await readRuns(bytes);
  const lines = pages.map((runs) => pageLines(withoutPageNumbers(runs)));
  // One pitch for the document: a page may hold only the last row of a table, wrapped.
  const pitch = wrapPitch(lines);
  const texts = lines.map((page) => render(joinWrappedRows(page, pitch)).join('\n'));
  if (texts.join('').replace(/\s/g, '') === '') {
    throw pdfError(
      'import.pdf_no_text',
      `该 PDF 共 ${pages.length} 页，但没有可读取的文字层，可能是扫描件或图片：请先做文字识别（OCR），或导入原始的 Word/Excel/文本文件。`,
      `This PDF has ${pages.length} page(s) but no text layer; it is probably a scan or an image. Run OCR on it first, or import the original Word/Excel/text file.`,
    );
  }
  return texts;
}

/** The text of a text-based PDF as lines in reading order: the pages of extractPdfPages one after another. */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  return `${(await extractPdfPages(bytes)).join('\n')}\n`;
}
