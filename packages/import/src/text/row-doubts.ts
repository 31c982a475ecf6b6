import type { Indicator, Warning } from '@jixiao/core/tables/table.schema';
import { columnRole, hanCount, key, levelLabel } from './vocabulary.ts';

/**
 * Constraints a read row must meet to be taken as read (a row has a name that reads as one and a value;
 * the same row is not printed twice). A row that fails one is kept — dropping it would lose what the
 * form may really say — and marked for the person confirming the import, with the reason. Rules are
 * data: each has an ID, a message in both languages and a test of its own (row-doubts.test.ts).
 */
export interface RowDoubt {
  id: string;
  /** True when the row at `n` of `rows` fails the constraint. */
  applies: (row: Indicator, n: number, rows: readonly Indicator[]) => boolean;
  zh: (row: Indicator) => string;
  en: (row: Indicator) => string;
}

// Per list of rows, the indexes of rows printed before (same name and printed target): one pass, so that a
// table of many rows is not compared row by row with every row above it.
const repeatsOf = new WeakMap<readonly Indicator[], Set<number>>();
function isRepeat(rows: readonly Indicator[], n: number): boolean {
  let repeats = repeatsOf.get(rows);
  if (repeats === undefined) {
    const seen = new Set<string>();
    repeats = new Set();
    for (const [k, r] of rows.entries()) {
      const signature = `${key(r.name)}\u0000${r.target.raw ?? ''}`;
      if (seen.has(signature)) repeats.add(k);
      else seen.add(signature);
    }
    repeatsOf.set(rows, repeats);
  }
  return repeats.has(n);
}

const hasValue = (row: Indicator) =>
  row.target.kind !== 'missing' || (row.actual ?? '') !== '' || row.score != null;

// Letters of scripts a Chinese form never prints: the remains of a broken font or a mis-decoded page.
const FOREIGN_SCRIPT = /[\u0e00-\u0eff\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\uac00-\ud7af]/;
// A name that starts where no name starts: a closing bracket or stop, the tail of a cut word and its
// weight (`标(30分)`), the tail of a cut date (`日前完成…`).
const BROKEN_START = /^[)）\]】,，、;；:：.。%]|^日前|^标[(（]/;

const NUMBERED_NAME = /^指标\s*[\d一二三四五六七八九十]{1,2}\s*[:：、.．]/;

export const rowDoubts: readonly RowDoubt[] = [
  {
    id: 'R1-caption-as-name',
    // A form may name a row after its own level 2 (`数量指标 | 375万平方米`): only another level's word
    // counts (`质量指标` as a row under 成本指标).
    applies: (row) => {
      const k = key(row.name);
      if ((k.length <= 10 && columnRole(row.name) !== null) || /^指标\d*$/.test(k)) return true;
      return (
        /指标$/.test(k) &&
        k !== key(row.level1 ?? '') &&
        k !== key(row.level2 ?? '') &&
        levelLabel(row.name, row.level1) !== null
      );
    },
    zh: (row) => `“${row.name}”是表头或指标级次的字样，不像指标名称：请核对此行是否为指标`,
    en: (row) =>
      `"${row.name}" is a caption or level word, not an indicator name: check whether this row is one`,
  },
  {
    id: 'R2-fragment',
    applies: (row) =>
      (hanCount(row.name) < 2 && !/[A-Za-z]{3,}/.test(row.name)) ||
      BROKEN_START.test(row.name.trim()) ||
      FOREIGN_SCRIPT.test(row.name),
    zh: (row) => `指标名称“${row.name}”像是被截断或乱码的片段：请核对名称`,
    en: (row) => `The indicator name "${row.name}" looks cut or garbled: check the name`,
  },
  {
    id: 'R3-sentence-without-value',
    applies: (row) => !hasValue(row) && hanCount(row.name) >= 14 && /[,，、;；。]/.test(row.name),
    zh: (row) => `“${row.name.slice(0, 20)}…”是一句说明且没有指标值：请核对它是否为指标`,
    en: (row) => `"${row.name.slice(0, 20)}…" is a sentence with no target: check whether it is an indicator`,
  },
  {
    id: 'R5-name-in-target',
    // The target cell opens with the numbering forms print before a name (`指标1:是否满意`): the row's
    // cells are shifted, its name is probably a broken caption (`服务对象满`).
    applies: (row) => NUMBERED_NAME.test((row.target.raw ?? '').trim()),
    zh: (row) =>
      `指标值“${(row.target.raw ?? '').slice(0, 20)}”像是指标名称，此行可能错位：请核对名称和指标值`,
    en: (row) =>
      `The target "${(row.target.raw ?? '').slice(0, 20)}" reads like an indicator name; the row may be shifted: check name and target`,
  },
  {
    id: 'R4-repeated-row',
    applies: (_row, n, rows) => isRepeat(rows, n),
    zh: (row) => `“${row.name}”与上面一行重复：请核对是否读了两次`,
    en: (row) => `"${row.name}" repeats an earlier row: check whether it was read twice`,
  },
];

/** The first constraint each row fails, by row index. */
export function doubtsOf(rows: readonly Indicator[]): Map<number, RowDoubt> {
  const out = new Map<number, RowDoubt>();
  rows.forEach((row, n) => {
    const doubt = rowDoubts.find((d) => d.applies(row, n, rows));
    if (doubt) out.set(n, doubt);
  });
  return out;
}

/**
 * A located `import.low_confidence` warning per row that fails a constraint, unless the reader already
 * marked that row as a guess (one reason per row is enough for the person confirming it).
 */
export function doubtWarnings(
  rows: readonly (Indicator & { source?: { line: number } })[],
  already: readonly Warning[],
): Warning[] {
  const marked = new Set(already.filter((w) => w.code === 'import.low_confidence').map((w) => w.path));
  return [...doubtsOf(rows)]
    .filter(([n]) => !marked.has(`indicators.${n}`))
    .map(([n, doubt]) => {
      const row = rows[n] as Indicator & { source?: { line: number } };
      return {
        code: 'import.low_confidence',
        zh: doubt.zh(row),
        en: doubt.en(row),
        path: `indicators.${n}`,
        ...(row.source ? { line: row.source.line } : {}),
      };
    });
}
