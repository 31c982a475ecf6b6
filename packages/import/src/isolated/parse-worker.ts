import { AppError } from '@jixiao/core/errors/app-error';
import { type ParsedFile, parseFile } from '../parse-file.ts';

/** What a parse in a worker answers: the tables, or the user's error as plain data (errors lose their class). */
export type WorkerAnswer =
  | { ok: true; parsed: ParsedFile }
  | { ok: false; error: Pick<AppError, 'code' | 'zh' | 'en' | 'location' | 'details'> };

/** Runs in a worker thread of the parse pool (parse-pool.ts). */
export default async function parseInWorker(input: {
  name: string;
  bytes: Uint8Array;
  keepUnread?: boolean;
}): Promise<WorkerAnswer> {
  try {
    const { keepUnread, ...file } = input;
    return { ok: true, parsed: await parseFile(file, { keepUnread: keepUnread === true }) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { code, zh, en, location, details } = error;
    return { ok: false, error: { code, zh, en, location, details } };
  }
}

/**
 * Loads the parser and runs it once on a small form (tsx, the text importer and its lazily built tables),
 * so that a worker's first file is timed for reading it, not for starting up.
 */
export async function warmUp(): Promise<void> {
  const form =
    '2024年项目支出绩效目标表\n项目名称：预热\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 培训人数 ≥100人\n';
  await parseFile({ name: 'warm-up.txt', bytes: new TextEncoder().encode(form) }).catch(() => undefined);
}
