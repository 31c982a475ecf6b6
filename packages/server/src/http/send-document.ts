import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { contentDisposition, type DocumentFormat, documentFileName } from '@jixiao/export/layout-document';
import type { FastifyReply } from 'fastify';
import { documentCsp } from '../security/security-headers.ts';

export interface SendDocumentOptions {
  /** The download's name without extension parts, e.g. [project name, form title]. */
  nameParts: readonly (string | null | undefined)[];
  /** `inline` shows the document in the browser tab; the default downloads PDF, Excel and Word. */
  disposition?: 'inline' | 'attachment';
}

/**
 * Renders layouts in `format` (off the event loop: the app's document renderer) and sends them with the right type and a Content-Disposition carrying the
 * Chinese file name. Any route offering a printed form uses this, e.g. the 自评表 route:
 * `return sendDocument(reply, selfEvaluationLayout(…), 'pdf', { nameParts: [name, '绩效自评表'] })`.
 */
export async function sendDocument(
  reply: FastifyReply,
  layouts: OfficialLayout | readonly OfficialLayout[],
  format: DocumentFormat,
  options: SendDocumentOptions,
): Promise<FastifyReply> {
  const document = await reply.server.documents.render(layouts, format);
  const disposition = options.disposition ?? (format === 'html' ? 'inline' : 'attachment');
  reply
    .header('content-type', document.contentType)
    .header(
      'content-disposition',
      contentDisposition(documentFileName(options.nameParts, format), disposition),
    )
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  if (format === 'html') {
    // The page shows what users typed: it may load nothing and run nothing.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  }
  return reply.send(document.body);
}

/**
 * Sends bytes a user uploaded (an import's source, a 整改 evidence file) back as a download under the name they
 * gave it, which no browser renders in our origin: attachment, nosniff and the sandbox CSP, whatever the
 * content. `contentType` is what the bytes were checked to be, else octet-stream.
 */
export function sendUploadedFile(
  reply: FastifyReply,
  file: { name: string; bytes: Uint8Array },
  contentType = 'application/octet-stream',
): FastifyReply {
  return (
    reply
      .header('content-type', contentType)
      .header('content-security-policy', documentCsp)
      // The uploader chose the name: quotes, apostrophes and non-ASCII are encoded, never pasted in.
      .header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(file.bytes))
  );
}
