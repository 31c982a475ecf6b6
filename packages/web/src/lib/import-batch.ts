import type { ImportPreview, Problem } from '@jixiao/core/tables/table-record.schema';

/** Where a file of a batch import is: waiting, being read, or its result. */
export type BatchStatus = 'pending' | 'running' | 'imported' | 'needs-confirmation' | 'refused';

/** A bilingual reason, as the server's problems and warnings give them. */
export interface Reason {
  zh: string;
  en: string;
}

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

const kindReasons: Record<string, Reason> = {
  monitoring: {
    zh: '绩效运行监控表：需确认填入哪张目标表的监控报告',
    en: 'A monitoring form: confirm which table’s monitoring report it fills',
  },
  'self-evaluation': {
    zh: '绩效自评表：需确认填入哪张目标表的自评',
    en: 'A self-evaluation form: confirm which table’s self-evaluation it fills',
  },
};

/**
 * Why a previewed file cannot be imported without a person: nothing read (its columns need mapping), a
 * form that fills another table, a note from the reader, or a field that does not pass the schema. Null
 * when it can be confirmed as read.
 */
export function confirmationReason(
  preview: ImportPreview,
  invalidFields: (table: ImportPreview['tables'][number]) => string[],
): Reason | null {
  if (preview.tables.length === 0) {
    return { zh: '未识别出表格：需指定表格列', en: 'No table was recognised: map its columns' };
  }
  for (const table of preview.tables) {
    if (table.monitoring) return kindReasons.monitoring ?? null;
    if (table.kind === 'self-evaluation') return kindReasons['self-evaluation'] ?? null;
  }
  const warning = [...preview.warnings, ...preview.tables.flatMap((t) => t.warnings)][0];
  if (warning) return { zh: warning.zh, en: warning.en };
  const invalid = preview.tables.flatMap((table) => invalidFields(table));
  if (invalid.length > 0) {
    return { zh: `有字段需要补填：${invalid.join('、')}`, en: `Fields to fill in: ${invalid.join(', ')}` };
  }
  return null;
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
