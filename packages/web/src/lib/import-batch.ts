import { importWaitReason, type WaitReason } from '@jixiao/core/tables/import-wait-reason';
import type { ImportPreview, Problem } from '@jixiao/core/tables/table-record.schema';

/** Where a file of a batch import is: waiting, being read, or its result. */
export type BatchStatus = 'pending' | 'running' | 'imported' | 'needs-confirmation' | 'refused';

/** A bilingual reason, as the server's problems and warnings give them. */
export type Reason = WaitReason;

/** One file of a batch and what became of it. */
export interface BatchFile {
  /** Folder path (or name) and size: the same file picked again when the batch is resumed. */
  key: string;
  name: string;
  size: number;
  status: BatchStatus;
  /** Upload progress, 0–100. */
  progress: number;
  importId?: string;
  /** Tables created (imported). */
  tables?: number;
  reason?: Reason;
}

export function fileKey(file: { name: string; size: number; webkitRelativePath?: string }): string {
  return `${file.webkitRelativePath || file.name}|${file.size}`;
}

/** The files a batch accepts; a .zip is opened into its files first. */
export const batchExtensions = /\.(txt|text|csv|pdf|docx|doc|xlsx|xls|json)$/i;

/**
 * Why a previewed file cannot be imported without a person (core's importWaitReason: the same reasons as
 * the command line's batch), its fields checked as the import page checks them. Null when it can be
 * confirmed as read.
 */
export function confirmationReason(
  preview: ImportPreview,
  invalidFields: (table: ImportPreview['tables'][number]) => string[],
): Reason | null {
  return importWaitReason(preview, (table) => invalidFields({ ...table, warnings: [] }));
}

/** A confirmation the server refused: a duplicate waits for the person's choice, anything else is refused. */
export function confirmFailure(problem: Problem): { status: BatchStatus; reason: Reason } {
  if (problem.code === 'table.duplicate') {
    return {
      status: 'needs-confirmation',
      reason: {
        zh: '已有同一项目、同一年度的目标表：需选择新版本、替换或跳过',
        en: 'A table of the same project and year exists: choose a new version, replace or skip',
      },
    };
  }
  return { status: 'refused', reason: { zh: problem.zh, en: problem.en } };
}

/** The batch to show after files were picked: those done before keep their result, the rest wait. */
export function mergeBatch(previous: readonly BatchFile[], picked: readonly BatchFile[]): BatchFile[] {
  const done = new Map(
    previous.filter((f) => f.status !== 'pending' && f.status !== 'running').map((f) => [f.key, f]),
  );
  return picked.map((file) => done.get(file.key) ?? file);
}

/** Counts of each result, for the batch's summary. */
export function batchCounts(files: readonly BatchFile[]): Record<BatchStatus, number> {
  const counts: Record<BatchStatus, number> = {
    pending: 0,
    running: 0,
    imported: 0,
    'needs-confirmation': 0,
    refused: 0,
  };
  for (const file of files) counts[file.status]++;
  return counts;
}
