import { AppError } from '@jixiao/core/errors/app-error';
import type { PerformanceTable, Warning } from '@jixiao/core/tables/table.schema';
import { assertSize, decodeText } from './decode.ts';
import { readTablesJson } from './json/json-tables.ts';
import { checkedOutput, locatedIn } from './output-boundary.ts';
import type { RowSources } from './preview/row-sources.ts';
import { importText } from './text/import-text.ts';

/** Everything the importer read from one file. */
export interface ParsedFile {
  /** The text the tables were read from (decoded text, PDF text, or the workbook rendered as text). */
  sourceText: string;
  tables: PerformanceTable[];
  warnings: Warning[];
  /** Per table, per row: the lines of `sourceText` the row was read from, where the reader knows them. */
  rowSources?: RowSources;
  /** A workbook's lines as cells (sheet and cells by column), for mapping a sheet range's columns. */
  sourceCells?: ({ sheet: string; cells: string[] } | null)[];
}

interface PdfModule {
  extractPdfText(bytes: Uint8Array): Promise<string>;
}

interface DocxModule {
  extractDocxText(bytes: Uint8Array): Promise<string>;
}

interface XlsxModule {
  importWorkbook(bytes: Uint8Array): Promise<ParsedFile>;
}

interface XlsModule {
  importXls(bytes: Uint8Array): Promise<ParsedFile>;
}

interface DocModule {
  extractDocText(bytes: Uint8Array): Promise<string>;
}

// The PDF and Excel readers are separate modules (pdfjs and exceljs are heavy); they are loaded only
// when such a file arrives, so a missing reader is a clear error instead of a failed start-up.
async function loadReader<T>(specifier: string, exportName: string, format: string): Promise<T> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new AppError(
      'import.reader_unavailable',
      `无法加载 ${format} 读取模块：${error instanceof Error ? error.message : String(error)}`,
      `The ${format} reader could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof mod[exportName] !== 'function') {
    throw new AppError(
      'import.reader_unavailable',
      `${format} 读取模块缺少 ${exportName}()`,
      `The ${format} reader does not export ${exportName}()`,
    );
  }
  return mod as T;
}

const pdfReader = './pdf/pdf-text.ts';
const xlsxReader = './xlsx/xlsx-import.ts';
const docxReader = './docx/docx-text.ts';
const xlsReader = './xls/xls-import.ts';
const docReader = './doc/doc-text.ts';

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function unknownForm(name: string): AppError {
  return new AppError(
    'import.unknown_form',
    `“${name}”不是可识别的绩效目标表或自评表（未找到表头、项目名称或绩效指标）`,
    `"${name}" is not a recognisable performance target or self-evaluation form (no title, project name or indicator table found)`,
    { file: name },
  );
}

/**
 * Reads one uploaded or named file into tables. The format is decided by the content, not the name:
 * PDF (`%PDF-`), Word .docx or Excel .xlsx (a zip), legacy Word .doc or Excel .xls (an OLE compound file
 * holding a WordDocument or Workbook stream; a password-protected .docx/.xlsx is one too, and refused),
 * JSON (an array of tables or one table), otherwise text in UTF-8, UTF-16 or GBK. Unreadable input
 * throws an AppError with an `import.*` code, located at the file.
 */
export async function parseFile(
  input: { name: string; bytes: Uint8Array },
  options: ParseOptions = {},
): Promise<ParsedFile> {
  let parsed: ParsedFile;
  try {
    parsed = await readFile(input);
  } catch (error) {
    const unread = options.keepUnread ? await unreadForm(input, error) : null;
    if (unread) return unread;
    throw locatedIn(input.name, error);
  }
  // The output boundary: every table that leaves the importer passes core's schema.
  return checkedOutput(input.name, parsed);
}

/** How a caller wants a file read. */
export interface ParseOptions {
  /**
   * A text that no reader recognises as a form but that holds table rows comes back with no tables (and
   * an `import.unknown_form` warning) instead of being refused, so that a person can map its columns.
   */
  keepUnread?: boolean;
}

/** The text of a file no reader recognised, when it holds table rows to map; else null. */
async function unreadForm(
  input: { name: string; bytes: Uint8Array },
  error: unknown,
): Promise<ParsedFile | null> {
  if (!(error instanceof AppError) || error.code !== 'import.unknown_form') return null;
  const warnings = [{ code: error.code, zh: error.zh, en: error.en }];
  const workbook = await workbookText(input.bytes).catch(() => null);
  if (workbook) {
    const rows = (workbook.sourceCells ?? []).filter(
      (line) => line !== null && line.cells.filter((c) => c.trim() !== '').length >= 3,
    );
    if (rows.length < 3) return null;
    return { sourceText: workbook.sourceText, tables: [], warnings, sourceCells: workbook.sourceCells ?? [] };
  }
  const text = await readableText(input.bytes).catch(() => null);
  if (text === null || !hasTableRows(text)) return null;
  return { sourceText: text, tables: [], warnings };
}

/** A workbook's text and cells (.xlsx or .xls), or null when the file is no workbook. */
async function workbookText(bytes: Uint8Array): Promise<ParsedFile | null> {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !containsAscii(bytes, 'word/')) {
    const { importWorkbook } = await loadReader<XlsxModule>(xlsxReader, 'importWorkbook', 'Excel');
    return importWorkbook(bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]) && !containsUtf16(bytes, 'WordDocument')) {
    const { importXls } = await loadReader<XlsModule>(xlsReader, 'importXls', 'Excel (.xls)');
    return importXls(bytes);
  }
  return null;
}

/** The text of a file for mapping: decoded text, PDF or Word text; null for a workbook. */
async function readableText(bytes: Uint8Array): Promise<string | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    const { extractPdfText } = await loadReader<PdfModule>(pdfReader, 'extractPdfText', 'PDF');
    return extractPdfText(bytes);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (!containsAscii(bytes, 'word/')) return null;
    const { extractDocxText } = await loadReader<DocxModule>(docxReader, 'extractDocxText', 'Word');
    return extractDocxText(bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    if (!containsUtf16(bytes, 'WordDocument')) return null;
    const { extractDocText } = await loadReader<DocModule>(docReader, 'extractDocText', 'Word (.doc)');
    return extractDocText(bytes);
  }
  return decodeText(bytes).text;
}

/** At least three lines of three or more cells (tabs, pipes or aligned columns): a table to map. */
function hasTableRows(text: string): boolean {
  let rows = 0;
  for (const line of text.split('\n')) {
    if (line.split(/\t|\||\s{2,}/).filter((cell) => cell.trim() !== '').length >= 3) rows++;
    if (rows >= 3) return true;
  }
  return false;
}

async function readFile(input: { name: string; bytes: Uint8Array }): Promise<ParsedFile> {
  const { name, bytes } = input;
  assertSize(bytes);
  if (bytes.length === 0) decodeText(bytes);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    const { extractPdfText } = await loadReader<PdfModule>(pdfReader, 'extractPdfText', 'PDF');
    const text = await extractPdfText(bytes);
    return fromText(name, text);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip is a Word document when it holds word/ parts (zip entry names are stored uncompressed), or
    // when it is named .docx and holds no workbook (then the Word reader says what is missing).
    if (containsAscii(bytes, 'word/') || (/\.docx$/i.test(name) && !containsAscii(bytes, 'xl/'))) {
      const { extractDocxText } = await loadReader<DocxModule>(docxReader, 'extractDocxText', 'Word');
      const text = await extractDocxText(bytes).catch((error: unknown) => {
        throw locatedIn(name, error);
      });
      return fromText(name, text);
    }
    const { importWorkbook } = await loadReader<XlsxModule>(xlsxReader, 'importWorkbook', 'Excel');
    const result = await importWorkbook(bytes);
    if (result.tables.length === 0) throw unknownForm(name);
    return result;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return parseCompoundFile(name, bytes);
  const { text } = decodeText(bytes);
  // JSON starts and ends with a bracket; a text form may start with one (`[附件1] …`) but not both.
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed) && /[\]}]$/.test(trimmed)) {
    const tables = readTablesJson(text, name);
    return { sourceText: text, tables, warnings: tables.flatMap((t) => t.warnings) };
  }
  return fromText(name, text);
}

/** Stream names as an OLE compound file's directory stores them (UTF-16LE). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'utf16le'));
}

/**
 * An OLE compound file is a legacy .doc or .xls, or a password-protected .docx/.xlsx, which Office saves
 * as an encrypted package inside a compound file. Which one is told by its directory's stream names
 * (`EncryptedPackage`, `WordDocument`, `Workbook`, or `Book` for Excel 95), stored as UTF-16LE and
 * ended by a NUL.
 */
async function parseCompoundFile(name: string, bytes: Uint8Array): Promise<ParsedFile> {
  if (containsUtf16(bytes, 'EncryptedPackage')) {
    throw new AppError(
      'import.office_encrypted',
      '该 Office 文档已设置打开密码（已加密）：请在 Word/Excel 中取消密码后另存，再导入',
      'This Office document is password-protected (encrypted): remove the password in Word/Excel, save, and import again',
      { file: name },
    );
  }
  if (containsUtf16(bytes, 'WordDocument')) {
    const { extractDocText } = await loadReader<DocModule>(docReader, 'extractDocText', 'Word (.doc)');
    const text = await extractDocText(bytes).catch((error: unknown) => {
      throw locatedIn(name, error);
    });
    return fromText(name, text);
  }
  if (containsUtf16(bytes, 'Workbook\0') || containsUtf16(bytes, 'Book\0')) {
    const { importXls } = await loadReader<XlsModule>(xlsReader, 'importXls', 'Excel (.xls)');
    const result = await importXls(bytes).catch((error: unknown) => {
      throw locatedIn(name, error);
    });
    if (result.tables.length === 0) throw unknownForm(name);
    return result;
  }
  throw new AppError(
    'import.legacy_office',
    '无法识别该 Office 复合文档：它不是 Word（.doc）或 Excel（.xls）文件，请另存为 .docx/.xlsx 或导出为 PDF/文本后再导入',
    'This Office compound file is neither a Word (.doc) nor an Excel (.xls) file: save it as .docx/.xlsx or export it to PDF/text and import again',
    { file: name },
  );
}

function fromText(name: string, text: string): ParsedFile {
  if (text.trim() === '') decodeText(new Uint8Array());
  const { tables, warnings, rowSources } = importText(text);
  if (tables.length === 0) throw unknownForm(name);
  return { sourceText: text, tables, warnings, rowSources };
}
