import { AppError } from '@jixiao/core/errors/app-error';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Largest document the importer reads. Real target tables are a few kilobytes; PDFs and workbooks a few MiB. */
export const maxImportBytes = 20 * 1024 * 1024;

/** The encodings a document may arrive in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Throws `import.too_large` when a document is above the limit, before any work is done on it. */
export function assertSize(bytes: Uint8Array, limit = maxImportBytes): void {
  if (bytes.length > limit) {
    const mib = (limit / 1024 / 1024).toFixed(0);
    throw new AppError(
      'import.too_large',
      `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MiB），导入上限为 ${mib} MiB`,
      `The file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MiB); the import limit is ${mib} MiB`,
    );
  }
}

function emptyError(): AppError {
  return new AppError(
    'import.empty',
    '文件为空，没有可导入的内容',
    'The file is empty: there is nothing to import',
  );
}

function binaryError(): AppError {
  return new AppError(
    'import.binary',
    '文件不是文本、PDF、Excel 或 JSON，无法读取（可能是二进制或已损坏的文件）',
    'The file is not text, PDF, Excel or JSON and cannot be read (binary or damaged data)',
  );
}

// UTF-16 without a byte-order mark: read both ways and keep the one that gives Chinese/ASCII text.
// (GBK bytes read as UTF-16 land outside the CJK block, so they do not pass.)
function decodeUtf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length % 2 !== 0) return null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = decodeStrict(bytes, encoding);
    if (text !== null && mostlyText(text)) return { text, encoding };
  }
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

// Text has few control characters besides tab/newline; binary data has many (and NULs).
function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let bad = 0;
  const limit = Math.min(text.length, 65536);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || c === 0x7f)
      bad++;
  }
  return bad / limit > 0.02;
}

/**
 * Decodes the bytes of a text document: UTF-8 (with or without BOM), UTF-16LE/BE (BOM or zero-byte
 * pattern), otherwise GBK/GB18030 when the bytes are not valid UTF-8. Throws `import.empty` for a
 * document with no text and `import.binary` for data that is not text in any of these encodings.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  assertSize(bytes);
  if (bytes.length === 0) throw emptyError();
  let result: DecodedText | null = null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    result = { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    result = { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    result = { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  } else {
    const asUtf8 = decodeStrict(bytes, 'utf-8');
    if (asUtf8 !== null) result = { text: asUtf8, encoding: 'utf-8' };
    else result = decodeUtf16WithoutBom(bytes) ?? decodeLegacy(bytes);
  }
  if (result === null || looksBinary(result.text)) throw binaryError();
  if (result.text.trim() === '') throw emptyError();
  return result;
}

// Not UTF-8: Chinese documents from Windows tools are GBK (a subset of GB18030). chardet confirms the
// bytes read as a Chinese double-byte encoding rather than arbitrary binary.
function decodeLegacy(bytes: Uint8Array): DecodedText | null {
  const sample = bytes.subarray(0, 65536);
  const guesses = chardet.analyse(sample);
  const chinese = guesses.find((g) => /gb|big5|euc/i.test(g.name) && g.confidence >= 10);
  if (!chinese && hasNul(sample)) return null;
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  // GB18030 maps almost any byte sequence to something; demand mostly CJK/ASCII text to accept it.
  if (!chinese && !mostlyText(text)) return null;
  return { text, encoding: 'gb18030' };
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

function mostlyText(text: string): boolean {
  let good = 0;
  const limit = Math.min(text.length, 65536);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      (c >= 0x3000 && c <= 0x9fff) ||
      c >= 0xff00
    )
      good++;
  }
  return limit > 0 && good / limit > 0.9;
}
