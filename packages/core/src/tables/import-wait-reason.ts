import type { UsedTemplate } from './column-mapping.schema.ts';
import type { PerformanceTable, Warning } from './table.schema.ts';

/** A bilingual reason, as the server's problems and warnings give them. */
export interface WaitReason {
  zh: string;
  en: string;
}

/** A read file as a batch decides on it: its tables, the reader's notes, and the template that read it. */
export interface ReadForBatch {
  tables: readonly PerformanceTable[];
  warnings: readonly Warning[];
  template?: UsedTemplate | null;
}

const kindReasons = {
  monitoring: {
    zh: '绩效运行监控表：需确认填入哪张目标表的监控报告',
    en: 'A monitoring form: confirm which table’s monitoring report it fills',
  },
  'self-evaluation': {
    zh: '绩效自评表：需确认填入哪张目标表的自评',
    en: 'A self-evaluation form: confirm which table’s self-evaluation it fills',
  },
} as const satisfies Record<string, WaitReason>;

/** A note with its line in front, unless its text already names it. */
function located(warning: Warning): WaitReason {
  if (!warning.line || /第\s*\d+\s*行/.test(warning.zh)) return { zh: warning.zh, en: warning.en };
  return { zh: `第 ${warning.line} 行：${warning.zh}`, en: `Line ${warning.line}: ${warning.en}` };
}

/**
 * Why a read file of a batch cannot be imported without a person, in the order a person would fix it:
 * nothing read (its columns need mapping), a form that fills another table, a template that matched the
 * layout only closely, the reader's first note (located, with how many more), or fields that do not
 * pass the schema. Null when it can be imported as read.
 */
export function importWaitReason(
  read: ReadForBatch,
  invalidFields: (table: PerformanceTable) => string[] = () => [],
): WaitReason | null {
  if (read.tables.length === 0) {
    return { zh: '未识别出表格：需指定表格列', en: 'No table was recognised: map its columns' };
  }
  for (const table of read.tables) {
    if (table.monitoring) return kindReasons.monitoring;
    if (table.kind === 'self-evaluation') return kindReasons['self-evaluation'];
  }
  const fit = read.template?.fit;
  if (read.template && fit && fit.score < 1) {
    const score = Math.round(fit.score * 100);
    return {
      zh: `按版式模板“${read.template.name}”读取，版式与模板略有不同（匹配度 ${score}%）：需核对各列`,
      en: `Read with the layout template "${read.template.name}", whose layout differs a little (match ${score}%): check the columns`,
    };
  }
  const notes = [...read.warnings, ...read.tables.flatMap((t) => t.warnings)];
  const [first] = notes;
  if (first) {
    const reason = located(first);
    if (notes.length === 1) return reason;
    return {
      zh: `${reason.zh}（另有 ${notes.length - 1} 条提示）`,
      en: `${reason.en} (and ${notes.length - 1} more notes)`,
    };
  }
  const invalid = read.tables.flatMap((table) => invalidFields(table));
  if (invalid.length > 0) {
    return { zh: `有字段需要补填：${invalid.join('、')}`, en: `Fields to fill in: ${invalid.join(', ')}` };
  }
  return null;
}
