import { AppError } from '@jixiao/core/errors/app-error';
import type { ErrorCode } from '@jixiao/core/errors/error-codes';
import { Unzip, UnzipInflate, type Unzipped } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * The main document part of a real form is a few hundred KiB; a part that inflates beyond this is a
 * zip bomb or not a form, and is refused as soon as its inflated bytes pass it.
 */
const MAX_PART_BYTES = 64 * 1024 * 1024;

function docxError(code: ErrorCode, zh: string, en: string): AppError {
  return new AppError(code, zh, en);
}

function corrupt(detail: string): AppError {
  return docxError(
    'import.docx_corrupt',
    `无法读取该 Word 文档，文件可能已损坏或不是 .docx（${detail}）。`,
    `Cannot read this Word document; the file may be damaged or not a .docx (${detail}).`,
  );
}

function noDocument(): AppError {
  return docxError(
    'import.docx_no_document',
    '该压缩包不是 Word 文档：缺少正文部分 word/document.xml。',
    'This zip is not a Word document: it has no main part (word/document.xml).',
  );
}

function tooLarge(bytes: number): AppError {
  return docxError(
    'import.docx_too_large',
    `Word 文档正文解压后过大（${(bytes / 1024 / 1024).toFixed(0)} MiB），不是可导入的绩效表。`,
    `The Word document's body inflates to ${(bytes / 1024 / 1024).toFixed(0)} MiB: too large to be a form.`,
  );
}

/** Whether a zip ends with its end-of-central-directory record (within the 64 KiB a comment may take). */
function hasEndOfDirectory(bytes: Uint8Array): boolean {
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      return true;
    }
  }
  return false;
}

/**
 * Inflates the named parts only, as a stream that counts the bytes really produced (a zip's headers may
 * understate them: a lying header once let a bomb through to seconds of inflating and parsing), and
 * refuses a part the moment it passes the limit.
 */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean, limit = MAX_PART_BYTES): Unzipped {
  // The stream reads local headers only: an archive without its closing directory is damaged, not empty.
  if (!hasEndOfDirectory(bytes)) throw corrupt('invalid zip data');
  const parts: Unzipped = {};
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      size += chunk.length;
      if (size > limit) throw tooLarge(size);
      chunks.push(chunk);
      if (final) {
        const part = new Uint8Array(size);
        let offset = 0;
        for (const piece of chunks) {
          part.set(piece, offset);
          offset += piece.length;
        }
        parts[file.name] = part;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Fed in slices, so that a bomb is stopped after at most one slice's worth of inflation.
    const slice = 64 * 1024;
    for (let offset = 0; offset < bytes.length; offset += slice) {
      const end = Math.min(bytes.length, offset + slice);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corrupt(error instanceof Error ? error.message : String(error));
  }
  return parts;
}

function decodeXml(bytes: Uint8Array): string {
  // Word writes UTF-8; the XML spec also allows UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

const MAIN_DOCUMENT = 'word/document.xml';
const OFFICE_DOCUMENT_REL = /\/officeDocument$/;

/** The main part named by the package relationships (`_rels/.rels`), word/document.xml by default. */
function mainPartName(rels: Uint8Array | undefined): string {
  if (!rels) return MAIN_DOCUMENT;
  let target: string | null = null;
  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const type = tag.attributes.Type;
    if (target === null && tag.name === 'Relationship' && typeof type === 'string') {
      if (OFFICE_DOCUMENT_REL.test(type) && typeof tag.attributes.Target === 'string')
        target = tag.attributes.Target;
    }
  });
  try {
    parser.write(decodeXml(rels)).close();
  } catch {
    return MAIN_DOCUMENT;
  }
  const found = target as string | null;
  return found ? found.replace(/^\/+/, '') : MAIN_DOCUMENT;
}

interface TableState {
  /** Cells of the row being read: text and first grid column. */
  row: string[];
  /** Paragraphs of the cell being read. */
  cell: string[] | null;
  /** Grid column the next cell starts at (gridBefore and gridSpan move it). */
  column: number;
  span: number;
  /** `restart` or `continue` when the cell being read is part of a vertical merge. */
  vMerge: 'restart' | 'continue' | null;
  /** Text of the vertical merge running down each grid column. */
  merged: Map<number, string>;
}

/** Elements whose text is not part of what the document shows now. */
const HIDDEN = new Set(['w:del', 'w:moveFrom', 'mc:Fallback', 'w:instrText', 'w:delText']);

/**
 * Reads the text of a Word document's body in document order: one line per paragraph, one line per
 * table row with its cells separated by tabs (a cell's own paragraphs joined by spaces). A cell
 * spanning columns (gridSpan) is written once; a cell merged down (vMerge) repeats the text of the
 * cell it continues in every row, so each row carries its level-1/level-2 labels as a typed grid does.
 */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  const names: string[] = [];
  const tables: TableState[] = [];
  const paragraphs: string[] = [];
  let hidden = 0;

  const inRun = () => names.at(-2) === 'w:r';
  const append = (text: string) => {
    if (hidden > 0 || paragraphs.length === 0) return;
    paragraphs[paragraphs.length - 1] += text;
  };
  const emit = (text: string) => {
    const table = tables.at(-1);
    if (table?.cell) table.cell.push(text);
    else lines.push(...text.split('\n'));
  };

  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    names.push(tag.name);
    if (HIDDEN.has(tag.name)) hidden += 1;
    if (hidden > 0) return;
    const table = tables.at(-1);
    const val = tag.attributes['w:val'];
    switch (tag.name) {
      case 'w:p':
        paragraphs.push('');
        break;
      case 'w:tab':
        // A tab inside a run is text (`项目名称：<tab>科创中心…`); w:tabs/w:tab in the paragraph
        // properties are tab stops.
        if (inRun()) append(table?.cell ? ' ' : '\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (inRun()) append(table?.cell ? ' ' : '\n');
        break;
      case 'w:noBreakHyphen':
        if (inRun()) append('-');
        break;
      case 'w:tbl':
        tables.push({ row: [], cell: null, column: 0, span: 1, vMerge: null, merged: new Map() });
        break;
      case 'w:tr':
        if (table) {
          table.row = [];
          table.column = 0;
        }
        break;
      case 'w:gridBefore':
        if (table && typeof val === 'string') table.column += Number.parseInt(val, 10) || 0;
        break;
      case 'w:tc':
        if (table) {
          table.cell = [];
          table.span = 1;
          table.vMerge = null;
        }
        break;
      case 'w:gridSpan':
        if (table?.cell && typeof val === 'string') table.span = Math.max(1, Number.parseInt(val, 10) || 1);
        break;
      case 'w:vMerge':
        // <w:vMerge/> without a value continues the merge above.
        if (table?.cell) table.vMerge = val === 'restart' ? 'restart' : 'continue';
        break;
    }
  });
  parser.on('text', (text: string) => {
    if (names.at(-1) === 'w:t') append(text);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    names.pop();
    if (HIDDEN.has(tag.name)) {
      hidden -= 1;
      return;
    }
    if (hidden > 0) return;
    const table = tables.at(-1);
    switch (tag.name) {
      case 'w:p': {
        const text = paragraphs.pop() ?? '';
        emit(text.replace(/[ \u00a0]+$/u, ''));
        break;
      }
      case 'w:tc': {
        if (!table?.cell) break;
        let text = table.cell
          .map((p) => p.trim())
          .filter(Boolean)
          .join(' ');
        if (table.vMerge === 'continue') text = table.merged.get(table.column) ?? text;
        else if (table.vMerge === 'restart') table.merged.set(table.column, text);
        else for (let c = table.column; c < table.column + table.span; c++) table.merged.delete(c);
        table.row.push(text);
        table.column += table.span;
        table.cell = null;
        break;
      }
      case 'w:tr': {
        if (!table) break;
        const row = table.row
          .map((c) => c.replace(/\t/g, ' '))
          .filter((c) => c !== '')
          .join('\t');
        table.row = [];
        const outer = tables.at(-2);
        // A table inside a cell is part of that cell's text.
        if (outer?.cell) {
          if (row !== '') outer.cell.push(row.replace(/\t/g, ' '));
        } else if (row !== '') lines.push(row);
        break;
      }
      case 'w:tbl':
        tables.pop();
        break;
    }
  });
  parser.write(xml).close();
  // Every line ends with its newline: a Word body is complete (a text importer takes a missing final
  // newline inside a table for a document cut off part-way).
  return lines.map((l) => `${l}\n`).join('');
}

/** A zip's first bytes (PK\x03\x04), which every .docx starts with. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The text of a Word (.docx) document in document order: paragraphs as lines, table rows as lines of
 * tab-separated cells (see documentXmlText), for the text importer. Throws `import.docx_*` AppErrors
 * for a damaged file, a zip that holds no Word document, or a body too large to be a form.
 */
export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  if (!isZip(bytes)) throw corrupt('not a zip archive');
  const first = unzipParts(bytes, (name) => name === '_rels/.rels' || name === MAIN_DOCUMENT);
  const main = mainPartName(first['_rels/.rels']);
  const part =
    first[main] ?? (main === MAIN_DOCUMENT ? undefined : unzipParts(bytes, (name) => name === main)[main]);
  if (!part) throw noDocument();
  try {
    return documentXmlText(decodeXml(part));
  } catch (error) {
    throw corrupt(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
}
