import { AppError } from '@jixiao/core/errors/app-error';
import { unzipSync } from 'fflate';

/** One file of a .zip given for a batch import. */
export interface ZipFile {
  name: string;
  bytes: Uint8Array;
}

/** The documents a batch reads: what the importer takes (a .zip is opened, not imported). */
export const documentExtensions = /\.(txt|text|csv|pdf|docx|doc|xlsx|xls|json)$/i;

/**
 * The documents in a .zip, in name order: folders, hidden files (`__MACOSX/`, `.DS_Store`) and other
 * kinds of file are left out; at most `maxFiles` documents and `maxBytes` inflated in all, checked from
 * the sizes the archive declares before anything is inflated (a zip bomb is refused unread).
 */
export function filesInZip(
  zip: Uint8Array,
  name: string,
  limits: { maxFiles?: number; maxBytes?: number } = {},
): ZipFile[] {
  const maxFiles = limits.maxFiles ?? 1000;
  const maxBytes = limits.maxBytes ?? 512 * 1024 * 1024;
  let files = 0;
  let bytes = 0;
  let tooMany = false;
  const wanted = (path: string) => {
    const base = path.split('/').pop() ?? '';
    return (
      !path.endsWith('/') &&
      !path.startsWith('__MACOSX/') &&
      !base.startsWith('.') &&
      documentExtensions.test(base)
    );
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (entry) => {
        if (!wanted(entry.name)) return false;
        files++;
        bytes += entry.originalSize;
        if (files > maxFiles || bytes > maxBytes) tooMany = true;
        return !tooMany;
      },
    });
  } catch (error) {
    throw new AppError(
      'import.zip_unreadable',
      `无法读取压缩包“${name}”：${error instanceof Error ? error.message : String(error)}`,
      `The zip "${name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { file: name },
    );
  }
  if (tooMany) {
    throw new AppError(
      'import.zip_too_large',
      `压缩包“${name}”超过 ${maxFiles} 个文件或解压后超过 ${Math.round(maxBytes / 1024 / 1024)} MiB`,
      `The zip "${name}" holds more than ${maxFiles} files or inflates to more than ${Math.round(maxBytes / 1024 / 1024)} MiB`,
      { file: name },
    );
  }
  return Object.entries(entries)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, data]) => ({ name: path, bytes: data }));
}
