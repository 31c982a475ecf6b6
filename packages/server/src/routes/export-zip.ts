import { AppError } from '@jixiao/core/errors/app-error';
import { zipSync } from 'fflate';

/**
 * What one batch may add up to before zipping (the files are held in memory, then the zip beside them).
 * 200 printed PDFs of ordinary tables come to a few tens of MiB; this stops a pathological batch.
 */
export const batchExportMaxBytes = 100 * 1024 * 1024;

export interface ZipFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Names made unique for one folder: the second `a.xlsx` becomes `a (2).xlsx`. Compared without case,
 * since Windows and macOS unzip `A.xlsx` and `a.xlsx` onto the same file.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

export function exportTooLarge(limit = batchExportMaxBytes): AppError {
  const mib = Math.round(limit / 1024 / 1024);
  return new AppError(
    'export.too_large',
    `导出的文件合计超过 ${mib} MB，请分批少选一些表再导出`,
    `The exported files add up to more than ${mib} MB; export fewer tables at a time`,
    { path: 'ids' },
  );
}

/**
 * One zip of the files, names made unique. Stored, not deflated: PDF, xlsx and docx are compressed
 * already, so deflating again costs time and saves next to nothing. fflate marks non-ASCII names as
 * UTF-8, which Windows Explorer, macOS and unzip read as Chinese.
 */
export function zipFiles(files: readonly ZipFile[], limit = batchExportMaxBytes): Uint8Array {
  const total = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  if (total > limit) throw exportTooLarge(limit);
  const names = uniqueFileNames(files.map((f) => f.name));
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  files.forEach((file, i) => {
    entries[names[i] as string] = [file.bytes, { level: 0 }];
  });
  return zipSync(entries);
}
