// Plain constants of 整改 evidence files, apart from the zod schema: the web's upload control checks them
// before sending (a quick answer on the phone), the server checks them again on the bytes themselves.

/** The largest evidence file: a scanned signed page or a photo, not an archive of everything. */
export const evidenceMaxBytes = 10 * 1024 * 1024;

/** Files on one task at most: the measures' proofs, not a document store. */
export const evidenceMaxFiles = 10;

/**
 * The kinds of file an answer may carry, as their content shows them (never as their name or the browser
 * claims): PDF, photos and scans, and Office documents (OOXML; the older binary Word/Excel/PowerPoint share
 * one container, `cfb`). Each with the extensions its name may have.
 */
export const evidenceKinds = [
  { mediaType: 'application/pdf', extensions: ['pdf'], zh: 'PDF', en: 'PDF' },
  { mediaType: 'image/png', extensions: ['png'], zh: 'PNG 图片', en: 'PNG image' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], zh: 'JPEG 图片', en: 'JPEG image' },
  { mediaType: 'image/webp', extensions: ['webp'], zh: 'WebP 图片', en: 'WebP image' },
  { mediaType: 'image/gif', extensions: ['gif'], zh: 'GIF 图片', en: 'GIF image' },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    zh: 'Word 文档',
    en: 'Word document',
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    zh: 'Excel 工作簿',
    en: 'Excel workbook',
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    zh: 'PowerPoint 演示文稿',
    en: 'PowerPoint presentation',
  },
  {
    mediaType: 'application/x-cfb',
    extensions: ['doc', 'xls', 'ppt'],
    zh: 'Office 97–2003 文档',
    en: 'Office 97–2003 document',
  },
] as const;

/** The `accept` list of a file picker: every allowed extension. */
export const evidenceAccept = evidenceKinds.flatMap((k) => k.extensions.map((e) => `.${e}`)).join(',');
