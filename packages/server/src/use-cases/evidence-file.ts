import { AppError } from '@jixiao/core/errors/app-error';
import { evidenceKinds, evidenceMaxBytes } from '@jixiao/core/rectification/evidence-files.limits';
import { fileTypeFromBuffer } from 'file-type';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

const allowedZh = 'PDF、图片（PNG/JPEG/WebP/GIF）或 Office 文档（Word/Excel/PowerPoint）';
const allowedEn = 'PDF, an image (PNG/JPEG/WebP/GIF) or an Office document (Word/Excel/PowerPoint)';

export function evidenceTooLarge(size: number | null, limit = evidenceMaxBytes): AppError {
  return new AppError(
    'rectification.evidence_too_large',
    size === null
      ? `佐证文件超过 ${mib(limit)} 的上限，请压缩或拆分后上传`
      : `佐证文件（${mib(size)}）超过 ${mib(limit)} 的上限，请压缩或拆分后上传`,
    size === null
      ? `The evidence file is over the ${mib(limit)} limit; compress or split it`
      : `The evidence file (${mib(size)}) is over the ${mib(limit)} limit; compress or split it`,
    { path: 'file' },
  );
}

/**
 * What an uploaded evidence file is, read from its bytes (file-type's signatures; OOXML by the parts inside
 * its zip), never from the name or the type the browser declared: a script renamed .pdf is refused. The name's
 * extension must fit the content too, so that the reviewer opens what the name says. Returns the media type to
 * keep; throws a located zh/en error otherwise.
 */
export async function evidenceMediaType(name: string, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) {
    throw new AppError('rectification.evidence_type', '佐证文件是空的', 'The evidence file is empty', {
      path: 'file',
    });
  }
  if (bytes.byteLength > evidenceMaxBytes) throw evidenceTooLarge(bytes.byteLength);
  const found = await fileTypeFromBuffer(bytes);
  const kind = evidenceKinds.find((k) => k.mediaType === found?.mime);
  if (!kind) {
    const what = found ? `（${found.ext}）` : '';
    throw new AppError(
      'rectification.evidence_type',
      `“${name}”的内容不是${allowedZh}${what}，不能作为佐证文件`,
      `“${name}” is not ${allowedEn}${found ? ` (its content is ${found.ext})` : ''}; it cannot be evidence`,
      { path: 'file' },
    );
  }
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (!(kind.extensions as readonly string[]).includes(extension)) {
    throw new AppError(
      'rectification.evidence_type',
      `“${name}”的内容是${kind.zh}，与文件扩展名不符；请使用 .${kind.extensions[0]} 扩展名`,
      `“${name}” holds a ${kind.en}, which its extension does not say; name it .${kind.extensions[0]}`,
      { path: 'file' },
    );
  }
  return kind.mediaType;
}
