import { AppError } from '@jixiao/core/errors/app-error';
import WordExtractor from 'word-extractor';

function unreadable(detail: string): AppError {
  return new AppError(
    'import.doc_unreadable',
    `无法读取该旧版 Word 文档（.doc），文件可能已损坏（${detail}）。可在 Word 中另存为 .docx 后再导入。`,
    `Cannot read this legacy Word document (.doc); it may be damaged (${detail}). Saving it as .docx in Word may help.`,
  );
}

/**
 * The body text of a legacy Word document (.doc, Word 97–2003) read with word-extractor, in the shape
 * the .docx reader gives the text importer: paragraphs one per line, a table row per line with its
 * cells separated by tabs. word-extractor ends every cell with a tab and the row with a line break,
 * so the tab the last cell leaves before the break is dropped. The file size is bounded before
 * (parseFile); headers, footers, footnotes and comments are not read.
 */
export async function extractDocText(bytes: Uint8Array): Promise<string> {
  let body: string;
  try {
    const document = await new WordExtractor().extract(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    body = document.getBody({ filterUnicode: false });
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  return body.replace(/\r\n?/g, '\n').replace(/\t\n/g, '\n');
}
