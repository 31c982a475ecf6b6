import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { layoutToDocx } from './layout-docx.ts';
import { renderLayoutHtml } from './layout-html.ts';
import { layoutToPdf } from './layout-pdf.ts';
import { layoutToXlsx } from './layout-xlsx.ts';

export const documentFormats = ['html', 'pdf', 'xlsx', 'docx'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  extension: DocumentFormat;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Renders official layouts (a target table, a self-evaluation, several tables) in one format through
 * the same renderers, so every route that offers a printed form answers alike.
 */
export async function renderDocument(
  layouts: OfficialLayout | readonly OfficialLayout[],
  format: DocumentFormat,
): Promise<RenderedDocument> {
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case 'html':
      return { body: Buffer.from(renderLayoutHtml(layouts), 'utf8'), contentType, extension: format };
    case 'pdf':
      return { body: await layoutToPdf(layouts), contentType, extension: format };
    case 'xlsx':
      return { body: await layoutToXlsx(layouts), contentType, extension: format };
    case 'docx':
      return { body: await layoutToDocx(layouts), contentType, extension: format };
  }
}

/** A file name from a project name and form title: no path or reserved characters, at most 120 long. */
export function documentFileName(
  parts: readonly (string | null | undefined)[],
  format: DocumentFormat,
): string {
  const base = parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map((p) => p.trim())
    .join('-')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .slice(0, 120);
  return `${base || 'jixiao'}.${format}`;
}

/** RFC 5987 percent-encoding: encodeURIComponent leaves ' ( ) * unescaped, which the header grammar forbids. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A Content-Disposition header carrying a Chinese file name: an ASCII `filename` for old clients and the
 * exact name as RFC 5987 `filename*` (UTF-8), which browsers prefer.
 */
export function contentDisposition(
  fileName: string,
  disposition: 'inline' | 'attachment' = 'attachment',
): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot) : '';
  // Old clients get the ASCII part of the name (the year, say); everyone else reads filename*.
  const asciiStem = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .replace(/[^\x20-\x7e]+/g, '')
    .replace(/["\\]/g, '')
    .replace(/[-_\s]{2,}/g, '-')
    .replace(/^[-_\s]+|[-_\s]+$/g, '');
  const fallback = `${asciiStem || 'jixiao'}${extension}`;
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
