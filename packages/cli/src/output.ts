import type { Writable } from 'node:stream';
import type { Location } from '@jixiao/core/errors/app-error';

/** How a command prints its result on stdout. */
export const outputFormats = ['json', 'table'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** A located, bilingual message for stderr, in the `file:line:col severity code zh / en` form linters use. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  zh: string;
  en: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  path?: string | undefined;
}

/** Anything that carries a code and a bilingual message, located directly or through `location`. */
export interface DiagnosticLike {
  code: string;
  zh: string;
  en: string;
  line?: number | undefined;
  column?: number | undefined;
  path?: string | undefined;
  location?: Location | undefined;
}

/** Turns an importer warning, a validation issue or an AppError into a diagnostic of one file. */
export function toDiagnostic(
  severity: Diagnostic['severity'],
  file: string | undefined,
  item: DiagnosticLike,
): Diagnostic {
  return {
    severity,
    code: item.code,
    zh: item.zh,
    en: item.en,
    file: item.location?.file ?? file,
    line: item.line ?? item.location?.line,
    column: item.column ?? item.location?.column,
    path: item.path ?? item.location?.path,
  };
}

/** `file:line:col warning code 中文 / English (field.path)`; parts that are unknown are left out. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file, d.line, d.line !== undefined ? d.column : undefined]
    .filter((p) => p !== undefined && p !== '')
    .join(':');
  const path = d.path ? ` (${d.path})` : '';
  return `${place ? `${place} ` : ''}${d.severity} ${d.code} ${d.zh} / ${d.en}${path}`;
}

/** Writes a chunk and waits when the stream asks for it, so large outputs never pile up in memory. */
export function write(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (error) => {
      if (error) reject(error);
    });
    if (ok) resolve();
    else stream.once('drain', () => resolve());
  });
}

/**
 * Writes a JSON array one element at a time: the caller pushes elements as they are produced and the
 * whole array is never held in memory.
 */
export function jsonArrayWriter(stream: Writable): {
  push(value: unknown): Promise<void>;
  close(): Promise<void>;
} {
  let count = 0;
  return {
    async push(value) {
      const body = indent(JSON.stringify(value, null, 2), '  ');
      await write(stream, `${count === 0 ? '[\n' : ',\n'}${body}`);
      count += 1;
    },
    async close() {
      await write(stream, count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/**
 * Columns a terminal gives a string: CJK ideographs, full-width forms and Hangul take two, combining
 * marks none. Enough for aligning Chinese tables without a dependency.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Cuts a cell to a display width, marking the cut with `…`. */
export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (displayWidth(flat) <= width) return flat;
  let out = '';
  for (const char of flat) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Renders rows as an aligned plain-text table with a header rule; cells wider than maxWidth are cut. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth = 40,
): string {
  const cells = rows.map((row) => headers.map((_, i) => truncate(row[i] ?? '', maxWidth)));
  const widths = headers.map((header, i) =>
    Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(headers), rule, ...cells.map(line)].join('\n');
}
