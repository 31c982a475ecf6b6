import { strToU8, zipSync } from 'fflate';

// The smallest bytes that read as each kind of evidence file: the signatures a content check looks at.

export const samplePdf = strToU8('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
export const samplePng = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
export const sampleJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
/** The compound file of Word/Excel/PowerPoint 97–2003. */
export const sampleCfb = new Uint8Array([
  0xd0,
  0xcf,
  0x11,
  0xe0,
  0xa1,
  0xb1,
  0x1a,
  0xe1,
  ...new Array(24).fill(0),
]);

/** A zip with the parts an OOXML reader looks for: the content types naming the main part, and that part. */
export function sampleOoxml(kind: 'word' | 'xl'): Uint8Array {
  const main =
    kind === 'word'
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const part = kind === 'word' ? 'word/document.xml' : 'xl/workbook.xml';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${main}"/></Types>`,
    ),
    [part]: strToU8('<x/>'),
  });
}
