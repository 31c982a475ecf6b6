import type { Indicator, Warning } from '@jixiao/core/tables/table.schema';
import { rowSource } from '../preview/row-sources.ts';
import { columnRole, hanCount, key, levelLabel } from './vocabulary.ts';

/**
 * Constraints a read row must meet to be taken as read (a row has a name that reads as one and a value;
 * the same row is not printed twice). A row that fails one is kept — dropping it would lose what the
 * form may really say — and marked for the person confirming the import, with the reason. Rules are
 * data: each has an ID, a message in both languages and a test of its own (row-doubts.test.ts).
 */
export interface RowDoubt {
  id: string;
  /** True when the row at `n` of the table's rows fails the constraint. */
  applies: (row: Indicator, n: number, rows: RowsRead) => boolean;
  zh: (row: Indicator) => string;
  en: (row: Indicator) => string;
}

/**
 * What the constraints read of a table's rows as a whole, computed once per table: each row's name key, the
 * rows printed before (same name and printed target), the first row of each name, whether most rows sit
 * under a level caption. One pass each, so a table of many rows is not compared row by row with the rows
 * above it, and a rule asks a row's name key once per row instead of once per rule.
 */
export interface RowsRead {
  rows: readonly Indicator[];
  nameKeys: readonly string[];
  repeats: ReadonlySet<number>;
  firstOfName: ReadonlyMap<string, number>;
  mostlyLevelled: boolean;
}

function readRows(rows: readonly Indicator[]): RowsRead {
  const nameKeys = rows.map((r) => key(r.name));
  const seen = new Set<string>();
  const repeats = new Set<number>();
  const firstOfName = new Map<string, number>();
  let levelled = 0;
  rows.forEach((r, k) => {
    const nameKey = nameKeys[k] as string;
    const raw = r.target.raw ?? '';
    const first = firstOfName.get(nameKey);
    if (first === undefined) firstOfName.set(nameKey, k);
    // A row repeats an earlier row of its own name: most names come once, and their rows need no
    // signature until a second row of the name comes (the first row's is added then). A NUL in a name
    // or target lets signatures of different names meet, so those rows keep theirs from the start.
    if (first !== undefined || nameKey.includes('\u0000') || raw.includes('\u0000')) {
      if (first !== undefined) seen.add(`${nameKey}\u0000${rows[first]?.target.raw ?? ''}`);
      const signature = `${nameKey}\u0000${raw}`;
      if (seen.has(signature)) repeats.add(k);
      else seen.add(signature);
    }
    if (r.level1 != null || r.level2 != null) levelled++;
  });
  return { rows, nameKeys, repeats, firstOfName, mostlyLevelled: levelled * 2 > rows.length };
}

function earlierOfName(read: RowsRead, n: number): Indicator | undefined {
  const k = read.firstOfName.get(read.nameKeys[n] ?? '');
  return k === undefined || k >= n ? undefined : read.rows[k];
}

const hasValue = (row: Indicator) =>
  row.target.kind !== 'missing' || (row.actual ?? '') !== '' || row.score != null;

// Letters of scripts a Chinese form never prints: the remains of a broken font or a mis-decoded page.
const FOREIGN_SCRIPT = /[\u0e00-\u0eff\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\uac00-\ud7af]/;
// A name that starts where no name starts: a closing bracket or stop, the tail of a cut word and its
// weight (`标(30分)`), the tail of a cut date (`日前完成…`).
const BROKEN_START = /^[)）\]】,，、;；:：.。%]|^日前|^标[(（]/;
// A name that stops where no name stops: on a word that wants what follows it (`企业所得税减按`,
// `用于`, `培训和`).
const BROKEN_END = /[按于为和及与对在将把的或、(（]$/;
// A name that needs a figure to be a target (a rate, a count, an amount, a degree).
const MEASURE_NAME = /(率|数|量|度|性|额|比例?|人次|面积|长度|金额)$/;
// Words of a target cell that name what is measured instead of giving a target: a measure (`学生满意度`,
// `补助资金`), a caption with its unit (`培训补助标准(元/人)`), a level word (`一级指标`).
const MEASURE_WORDS =
  /(率|人数|次数|户数|个数|数量|金额|资金|指标|满意度|程度)$|[(（][^()（）]*(元|人|%|个|次|亩)[^()（）]*[)）]$/;
// The start of a cell that explains an indicator (指标解释: `反映…`, `用于衡量…`).
const EXPLANATION = /^(反映|用于衡量|用于反映|衡量)/;
// A form's sections after its indicators (其他需说明的问题, 偏差原因分析及改进措施).
const SECTION_CAPTION = /其他需(要)?说明|偏差原因|改进措施/;
// A target word standing where the name goes (`有效 | 10 | 10`, `减少 | 反映…`).
const TARGET_WORD =
  /^(有效|无效|减少|增加|增强|提高|提升|降低|完成|达标|合格|良好|优良|显著|明显|是|否|无|有)$/;

// The points a score sheet gives a criterion, printed after its name (`明确性(5 分)`, `资金使用（4分）`).
const POINTS_IN_NAME = /[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$/;

const NUMBERED_NAME = /^指标\s*[\d一二三四五六七八九十]{1,2}\s*[:：、.．]/;

// A threshold with its figure (`不少于30小时`, `≥95%`, `100人以上`): a target, printed in the name's cell.
const THRESHOLD_IN_TEXT =
  /(不少于|不低于|不超过|不高于|不小于|不大于|大于|小于|高于|低于|达到|≥|≤|≧|≦|>|<)\s*\d|\d\s*(%|[\u4e00-\u9fa5]{0,2})\s*(以上|以下|以内)/;

// What a target says, from most to least: a figure with its unit, a figure, words, nothing.
function targetWeight(row: Indicator): number {
  const t = row.target;
  if (t.kind === 'missing' || t.kind === 'placeholder') return 0;
  if (t.value === null || t.value === undefined) return 1;
  return t.unit ? 3 : 2;
}

export const rowDoubts: readonly RowDoubt[] = [
  {
    id: 'R1-caption-as-name',
    // A form may name a row after its own level 2 (`数量指标 | 375万平方米`): only another level's word
    // counts (`质量指标` as a row under 成本指标).
    applies: (row, n, read) => {
      const k = read.nameKeys[n] ?? key(row.name);
      if ((k.length <= 10 && columnRole(row.name) !== null) || /^指标\d*$/.test(k)) return true;
      if (/^(序号|编号|备注|合计|小计|总计)$/.test(k)) return true;
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
      BROKEN_END.test(row.name.trim()) ||
      FOREIGN_SCRIPT.test(row.name),
    zh: (row) => `指标名称“${row.name}”像是被截断或乱码的片段：请核对名称`,
    en: (row) => `The indicator name "${row.name}" looks cut or garbled: check the name`,
  },
  {
    id: 'R3-sentence-without-value',
    // Names are noun phrases; fourteen characters or more with no value is a line of prose from the page.
    applies: (row) => !hasValue(row) && hanCount(row.name) >= 14,
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
    id: 'R6-target-reads-as-name',
    // The target cell holds a column caption (`年度绩效指标 | 一级指标`) or the name again where the name
    // is a measure (`预算执行率 | 预算执行率`) or a bare word (`增强 | 增强`): the row's cells are not a
    // name and its value. A state printed in both cells (`按期完工 | 按期完工`) is a form's own way.
    applies: (row, n, read) => {
      const raw = key(row.target.raw ?? '');
      if (raw === '' || hanCount(raw) < 2) return false;
      if (raw.length <= 10 && columnRole(raw) !== null) return true;
      if (EXPLANATION.test(raw)) return true;
      if (row.target.kind === 'qualitative' && !/\d/.test(raw) && MEASURE_WORDS.test(raw)) return true;
      return raw === (read.nameKeys[n] ?? key(row.name)) && (MEASURE_NAME.test(raw) || hanCount(raw) <= 2);
    },
    zh: (row) => `指标值“${(row.target.raw ?? '').slice(0, 20)}”与名称相同或是表头字样：请核对此行`,
    en: (row) =>
      `The target "${(row.target.raw ?? '').slice(0, 20)}" repeats the name or is a caption: check this row`,
  },
  {
    id: 'R14-section-caption',
    applies: (row) =>
      SECTION_CAPTION.test(row.name) ||
      SECTION_CAPTION.test(row.target.raw ?? '') ||
      SECTION_CAPTION.test(row.level1 ?? '') ||
      SECTION_CAPTION.test(row.level2 ?? ''),
    zh: (row) =>
      `“${row.name.slice(0, 20)}”一行含表格其他部分的标题（如“其他需说明的问题”）：请核对它是否为指标`,
    en: (row) =>
      `The row "${row.name.slice(0, 20)}" holds the caption of another part of the form (such as 其他需说明的问题): check whether it is an indicator`,
  },
  {
    id: 'R15-target-word-as-name',
    applies: (row, n, read) => TARGET_WORD.test(read.nameKeys[n] ?? key(row.name)),
    zh: (row) => `名称“${row.name}”是指标值的字样，不像指标名称：请核对此行是否错位`,
    en: (row) =>
      `The name "${row.name}" is a target word, not an indicator name: check whether the row is shifted`,
  },
  {
    id: 'R7-level-without-value',
    // A row named after its own level 2 is a form's way of printing one row per level only when it has a
    // value; without one it is the level's caption read as a row.
    applies: (row, n, read) =>
      !hasValue(row) && row.level2 != null && (read.nameKeys[n] ?? key(row.name)) === key(row.level2),
    zh: (row) => `“${row.name}”是二级指标字样且没有指标值：请核对它是否为指标`,
    en: (row) => `"${row.name}" is the level-2 caption with no value: check whether it is an indicator`,
  },
  {
    id: 'R8-value-in-name',
    applies: (row) => !hasValue(row) && THRESHOLD_IN_TEXT.test(row.name),
    zh: (row) => `“${row.name.slice(0, 20)}”的名称里有指标值，但指标值一栏为空：请核对名称和指标值`,
    en: (row) =>
      `"${row.name.slice(0, 20)}" holds a target in its name and none in the target cell: check name and target`,
  },
  {
    id: 'R9-unfilled-slot',
    // A slot the template prints for a figure (`……`, `XX%`); one that holds a figure was filled in.
    applies: (row) => row.target.kind === 'placeholder' && !/\d/.test(row.target.raw ?? ''),
    zh: (row) => `“${row.name}”的指标值是未填写的模板占位符：请核对此行是否为指标并补填`,
    en: (row) => `The target of "${row.name}" is an unfilled template slot: check the row and fill it in`,
  },
  {
    id: 'R11-list-over-two-cells',
    // A name listing items (A、B、C) beside a target of words that goes on listing (D、E): one sentence of
    // the page wrapped over two cells, not a name and its target.
    applies: (row) =>
      row.target.kind === 'qualitative' && /、/.test(row.name) && /、/.test(row.target.raw ?? ''),
    zh: (row) =>
      `“${row.name.slice(0, 20)}”和指标值“${(row.target.raw ?? '').slice(0, 20)}”像是同一句话的两段：请核对此行`,
    en: (row) =>
      `"${row.name.slice(0, 20)}" and its target "${(row.target.raw ?? '').slice(0, 20)}" read as one sentence cut in two: check this row`,
  },
  {
    id: 'R12-no-level',
    // In a table whose rows sit under level captions, a row under none was read outside the table's grid.
    applies: (row, _n, read) => row.level1 == null && row.level2 == null && read.mostlyLevelled,
    zh: (row) => `“${row.name}”不在任何一级或二级指标之下，而表中其他指标都在：请核对此行`,
    en: (row) =>
      `"${row.name}" sits under no level-1 or level-2 caption while the table's other rows do: check this row`,
  },
  {
    id: 'R13-no-value',
    // A row needs a name and a value: without any (target, actual or score) a person fills it in or
    // strikes it.
    applies: (row) => !hasValue(row),
    zh: (row) => `“${row.name}”没有指标值：请补填或核对此行是否为指标`,
    en: (row) => `"${row.name}" has no value: fill it in or check whether it is an indicator`,
  },
  {
    id: 'R16-scored-criterion',
    // A score sheet of the common evaluation framework prints each criterion with its points in brackets
    // and then the points given (`相关性(5 分)` `5`): with nothing but that score the row is a criterion
    // of the sheet, not an indicator with a target.
    applies: (row) =>
      row.target.kind === 'missing' &&
      (row.actual ?? '') === '' &&
      row.score != null &&
      POINTS_IN_NAME.test(row.name.trim()),
    zh: (row) => `“${row.name}”是评分表的评分项（括号内为分值），只有得分没有指标值：请核对它是否为指标`,
    en: (row) =>
      `"${row.name}" is a criterion of a score sheet (its points in brackets) with a score and no target: check whether it is an indicator`,
  },
  {
    id: 'R4-repeated-row',
    applies: (_row, n, read) => read.repeats.has(n),
    zh: (row) => `“${row.name}”与上面一行重复：请核对是否读了两次`,
    en: (row) => `"${row.name}" repeats an earlier row: check whether it was read twice`,
  },
  {
    id: 'R10-repeated-name-less-value',
    // A name printed again with another target may be a second period's target; printed again with less
    // than the first (a bare figure where the first had a unit, or nothing) it is a stray cell of the first.
    applies: (row, n, read) => {
      const first = earlierOfName(read, n);
      return first !== undefined && targetWeight(row) < targetWeight(first);
    },
    zh: (row) => `“${row.name}”在上面已有一行且指标值更完整：请核对此行是否多读`,
    en: (row) =>
      `"${row.name}" is named by an earlier row with a fuller target: check whether this row was read by mistake`,
  },
];

/** The first constraint each row fails, by row index. */
export function doubtsOf(rows: readonly Indicator[]): Map<number, RowDoubt> {
  const out = new Map<number, RowDoubt>();
  const read = readRows(rows);
  rows.forEach((row, n) => {
    for (const doubt of rowDoubts) {
      if (doubt.applies(row, n, read)) {
        out.set(n, doubt);
        return;
      }
    }
  });
  return out;
}

/**
 * A located `import.low_confidence` warning per row that fails a constraint, unless the reader already
 * marked that row as a guess (one reason per row is enough for the person confirming it).
 */
export function doubtWarnings(rows: readonly Indicator[], already: readonly Warning[]): Warning[] {
  const marked = new Set(already.filter((w) => w.code === 'import.low_confidence').map((w) => w.path));
  return [...doubtsOf(rows)]
    .filter(([n]) => !marked.has(`indicators.${n}`))
    .map(([n, doubt]) => {
      const row = rows[n] as Indicator;
      const source = rowSource(row);
      return {
        code: 'import.low_confidence',
        zh: doubt.zh(row),
        en: doubt.en(row),
        path: `indicators.${n}`,
        ...(source ? { line: source.line } : {}),
      };
    });
}
