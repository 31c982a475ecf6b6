/**
 * The words a clerk recognises on any performance-target form: level labels of the national and the
 * Shanghai frameworks, column captions, header field labels and the lines that end a table. Matching
 * is done on `key(text)`: whitespace removed, full-width brackets and colons made ASCII.
 */

// The same few hundred label and value texts are looked up again and again: remember recent answers
// (bounded, so memory stays flat however much text passes through).
export function memo<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    // Labels and values are short; whole lines and paragraphs are computed, not kept.
    if (text.length > 80) return compute(text);
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = compute(text);
    if (cache.size >= 20_000) cache.clear();
    cache.set(text, value);
    return value;
  };
}

// Two-text lookups (a cell and its context) cached without building a joined key string per call:
// levelLabel and joinsIntoLabel are asked hundreds of thousands of times per batch.
function memoPair<T>(compute: (a: string, b: string) => T): (a: string, b: string) => T {
  const cache = new Map<string, Map<string, T>>();
  let size = 0;
  return (a, b) => {
    let inner = cache.get(b);
    const hit = inner?.get(a);
    if (hit !== undefined) return hit;
    const value = compute(a, b);
    if (size >= 20_000) {
      cache.clear();
      size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map<string, T>();
      cache.set(b, inner);
    }
    inner.set(a, value);
    size++;
    return value;
  };
}

// A text or context holding a NUL (binary junk in a document) is read as the pieces around the first NUL
// of `text\u0000context`: the import eval's figures were measured with that reading, so it stays.
function splitPair(a: string, b: string): [string, string] {
  if (!a.includes('\u0000') && !b.includes('\u0000')) return [a, b];
  const [first = '', second = ''] = `${a}\u0000${b}`.split('\u0000');
  return [first, second];
}

/** How many Chinese characters a text holds (a name needs a few to be one). */
export function hanCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fa5) count++;
  }
  return count;
}

/** Comparison key of a printed label: no whitespace, ASCII brackets/colons, no trailing colon. */
export const key = memo(computeKey);

// Most labels and names hold nothing to normalise: one scan lets them through unchanged.
const NEEDS_KEYING = /[\s\u00a0\u3000（）：]|:$/;

function computeKey(text: string): string {
  if (!NEEDS_KEYING.test(text)) return text;
  return text
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[：]/g, ':')
    .replace(/:+$/, '');
}

// `(50分)`, `(0-20)分`, `（30分）`, `50分`: the weight a form allots to a level.
const WEIGHT_NOTE = String.raw`\(?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?\)?分\)?|\(\d+(?:-\d+)?分?\)`;
const weightNote = new RegExp(`^(?:${WEIGHT_NOTE})$`);

/** A cell that holds only a level's weight allotment, `(50分)`: the level's name was lost. */
export function isWeightNote(text: string): boolean {
  // An allotment holds 分 or ends with a closing bracket: the many cells with neither (this is asked of
  // every cell a row scan passes) skip the key lookup and the pattern.
  if (!holdsPointsOrClose(text)) return false;
  return weightNote.test(key(text));
}

// One scan for any of 分 ) ） (three `includes` scanned the cell three times).
function holdsPointsOrClose(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5206 || c === 0x29 || c === 0xff09) return true;
  }
  return false;
}

const LABEL_AND_WEIGHT_NOTE = new RegExp(`^(.*?)(?<!\\d)(${WEIGHT_NOTE})$`);

/** Splits `产出指标(50分)` into the label and its allotment. */
export function splitWeightNote(text: string): { label: string; note: string | null } {
  // Numbered captions: `一、产出指标`, `（一）产出指标`, `1.数量指标`; template notes: `数量指标（必填硬性指标）`.
  const k = key(text)
    .replace(/^\(?[一二三四五六七八九十\d]{1,2}[)、.．]/, '')
    .replace(/\((?:必填|选填|可选|必选|选择性填报)[^)]*\)$/, '');
  // The allotment starts a run of digits: tried inside a long run, each start would rescan the rest of it.
  const m = LABEL_AND_WEIGHT_NOTE.exec(k);
  if (m?.[1] && m[2]) return { label: m[1], note: m[2] };
  return { label: k, note: null };
}

// The department-wide evaluation framework (部门整体支出绩效评价) prints its level 1 bare: 投入, 过程, 产出, 效果.
const LEVEL1 =
  /^(?:产出|效益|效果|满意度|成本|影响力|投入与管理|投入|过程|管理|绩效|社会公众或服务对象满意度|服务对象满意度)(?:指标|目标)$|^(?:投入与管理|投入|过程|产出|效果)$/;

// Level-2 labels of the national framework (数量指标 …), Shanghai's (投入管理 …) and the department-wide
// evaluation framework's (目标设定, 预算执行, 职责履行, 履职效益 …); 可持续影响 is printed
// with and without 性 and 发展 (可持续性发展影响指标). The `指标` suffix is
// optional: Shanghai prints 数量, 质量, 社会效益, 满意度.
const LEVEL2 =
  /^(?:数量|质量|时效|成本|进度|效率|产出数量|产出质量|产出时效|产出成本|经济效益|社会效益|生态效益|环境效益|生态环境效益|可持续性?(?:发展)?(?:影响)?|服务对象满意度|社会公众满意度|满意度|经济成本|社会成本|生态环境成本|环境成本|投入管理|财务管理|实施管理|业务管理|项目管理|长效管理|资金投入|资金管理|组织实施|目标设定|预算配置|预算执行|预算管理|资产管理|职责履行|履职效益|履职效能|管理效率|运行成本)(?:指标)?$/;
// Any other `…满意度指标`, `…效益指标`, `…成本指标` is a level-2 label too (but never joined from pieces).
const LEVEL2_GENERIC = /^[\u4e00-\u9fa5]{1,8}(?:满意度|效益|成本)指标等?$/;

/** The level labels forms print most, whole: what a label cut into pieces or spaced apart is read back to. */
export const LEVEL_LABEL_WORDS: readonly string[] = [
  '产出指标',
  '效益指标',
  '满意度指标',
  '成本指标',
  '数量指标',
  '质量指标',
  '时效指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
  '效果目标',
  '产出目标',
  '影响力目标',
];

/** The national framework's level 1 for a level-2 label, for forms whose level-1 cell was lost. */
export function nationalLevel1Of(level2: string): string | null {
  // Template captions end a level 2 with 等 (`服务对象满意度指标等`): the same label.
  const k = key(level2).replace(/指标等?$/, '');
  if (/^(数量|质量|时效|成本)$/.test(k)) return '产出指标';
  if (/^(经济效益|社会效益|生态效益|生态环境效益|环境效益|可持续性?(发展)?(影响)?)$/.test(k))
    return '效益指标';
  if (/满意度$/.test(k)) return '满意度指标';
  if (/成本$/.test(k)) return '成本指标';
  if (/效益$/.test(k)) return '效益指标';
  if (/^(经济成本|社会成本|生态环境成本)$/.test(k)) return '成本指标';
  return null;
}

/** Level-2 labels each level-1 label admits, so `成本指标` under 产出指标 is read as level 2. */
function admits(level1: string, label: string): boolean {
  const l1 = key(level1);
  const k = key(label).replace(/指标$/, '');
  if (/^产出/.test(l1)) return /^(数量|质量|时效|成本|进度)$/.test(k);
  if (/^(效益|效果)/.test(l1))
    return (
      /^(经济效益|社会效益|生态效益|环境效益|生态环境效益|可持续性?(发展)?(影响)?)$/.test(k) ||
      (/^效果/.test(l1) && k === '满意度')
    );
  if (/满意度/.test(l1)) return /满意度$/.test(k);
  if (/^成本/.test(l1)) return /成本$/.test(k);
  if (/^投入/.test(l1)) return /管理$|投入$/.test(k);
  if (/^影响力/.test(l1)) return /管理$|影响$/.test(k);
  return false;
}

export type LevelLabel = { level: 1; label: string; weightNote: string | null } | { level: 2; label: string };

const levelLabelMemo = memoPair((cell: string, context: string): LevelLabel | null => {
  const [text, level1] = splitPair(cell, context);
  return computeLevelLabel(text, level1 === '' ? null : level1);
});

/**
 * Reads a cell as a level label given the current level 1, or null. `成本指标` is level 2 under
 * 产出指标 but level 1 when it carries an allotment or starts the table; `满意度指标` is level 1 unless
 * the current level 1 admits it.
 */
export function levelLabel(text: string, currentLevel1: string | null): LevelLabel | null {
  // Whole lines and paragraphs are computed, not kept (as memo does).
  if (text.length + (currentLevel1?.length ?? 0) >= 80) {
    const [cell, level1] = splitPair(text, currentLevel1 ?? '');
    return computeLevelLabel(cell, level1 === '' ? null : level1);
  }
  return levelLabelMemo(text, currentLevel1 ?? '');
}

function computeLevelLabel(text: string, currentLevel1: string | null): LevelLabel | null {
  // Template captions may end a level-2 label with 等 (`服务对象满意度指标等`), kept as printed.
  const { label: printed, note } = splitWeightNote(text);
  // Some templates print 值 for 指标 (`产出值`, `数量值`, `经济效益值`): read as the label it stands for.
  const asIndicator = /值$/.test(printed) ? printed.replace(/值$/, '指标') : null;
  const label = printed;
  const matchText =
    asIndicator !== null && (LEVEL1.test(asIndicator) || LEVEL2.test(asIndicator)) ? asIndicator : label;
  if (label.length > 16) return null;
  const l1 = LEVEL1.test(matchText);
  const l2 = LEVEL2.test(matchText) || LEVEL2_GENERIC.test(matchText);
  if (note !== null) {
    // `数量指标(20分)` is a weighted level 2; `成本指标(0-20)分` starting a table is a weighted level 1.
    if (l2 && (!l1 || (currentLevel1 !== null && admits(currentLevel1, label)))) return { level: 2, label };
    if (l1 || l2 || /指标$/.test(label)) return { level: 1, label, weightNote: note };
  }
  if (l1 && l2) {
    if (currentLevel1 !== null && admits(currentLevel1, label)) return { level: 2, label };
    return { level: 1, label, weightNote: null };
  }
  if (l1) {
    if (currentLevel1 !== null && key(currentLevel1) !== label && admits(currentLevel1, label))
      return { level: 2, label };
    return { level: 1, label, weightNote: null };
  }
  if (l2) return { level: 2, label };
  return null;
}

const joinsMemo = memoPair((a: string, b: string): boolean => {
  const [first, second] = splitPair(a, b);
  return computeJoinsIntoLabel(first, second);
});

/** True when joining two cells gives a label that one of them alone is not (`经济效益` + `指标`). */
export function joinsIntoLabel(first: string, second: string): boolean {
  // Labels are short: longer cells never join, and need no cache entry.
  if (first.length > 12 || second.length > 12) return false;
  return joinsMemo(first, second);
}

function computeJoinsIntoLabel(first: string, second: string): boolean {
  const a = key(first);
  const b = key(second);
  if (a === '' || b === '') return false;
  const joined = a + b;
  if (isWeightNote(b)) return LEVEL1.test(a) || LEVEL2.test(a) || /指标$/.test(a);
  if (/^[一二三1-3]级$/.test(a) && /^(指标|目标)$/.test(b)) return true;
  // A vertical caption broken before its weight note: `效益指` / `标(30分)`.
  const noted = /^(.{1,4}?)\(\d+(?:\.\d+)?分\)$/.exec(b)?.[1];
  if (noted !== undefined && !(LEVEL1.test(a) || LEVEL2.test(a)) && LEVEL1.test(a + noted)) return true;
  if (!(LEVEL1.test(joined) || LEVEL2.test(joined))) return false;
  if (b === '指标' || b === '目标') return true;
  return !(LEVEL1.test(a) || LEVEL2.test(a)) || !(LEVEL1.test(b) || LEVEL2.test(b));
}

/** What a column of the indicator table holds. */
export type ColumnRole =
  | 'level1'
  | 'level2'
  | 'name'
  | 'target'
  | 'opOrDir'
  | 'unit'
  | 'actual'
  | 'weight'
  | 'score'
  /** 折算得分: the score times the weight's share, printed after them; the rules compute it, nothing reads it. */
  | 'converted'
  | 'explanation'
  | 'reason'
  | 'progress'
  | 'expected'
  | 'likelihood'
  | 'cause'
  | 'measure'
  | 'unitName'
  | 'project'
  | 'budget'
  | 'goal'
  | 'task';

/** The role of an indicator-table column caption, or null when the cell is not a caption. */
export function columnRole(text: string): ColumnRole | null {
  return columnRoleMemo(text);
}

// Asked of every cell before the caption row is found, and of every row's name: remembered like the labels.
const columnRoleMemo = memo(computeColumnRole);

function computeColumnRole(text: string): ColumnRole | null {
  const k = key(text);
  if (k.length === 0 || k.length > 24) return null;
  if (/^[一1]级(指标|目标)?(\(.*\))?$/.test(k)) return 'level1';
  if (/^[二2]级(指标|目标)?(\(.*\))?$/.test(k)) return 'level2';
  if (/^[三3]级(指标|目标)?(\(.*\))?$|^(绩效)?指标名称$|^指标内容$/.test(k)) return 'name';
  // Monitoring forms: what was reached by the cut-off month, the year's forecast, the odds, cause, measure.
  if (/^(全年)?预计(全年)?(完成|执行|可完成)/.test(k)) return 'expected';
  if (/可能性$|^(能否|是否能)完成/.test(k)) return 'likelihood';
  // The cause may be asked as the problem met and its reason, or as a class of reason (经费保障, 制度保障 …);
  // the measure as what the unit means to do next.
  if (/^偏差原因(分析|说明)?$|^原因分析$|^存在的?问题(及|和|与)原因(分析)?$|^(偏差)?原因(分类|类型)$/.test(k))
    return 'cause';
  if (/^(拟采取的?|下一步)?(改进|纠偏|整改|完成目标的?)?措施$/.test(k)) return 'measure';
  if (
    /^(\d{1,2}|[一二三四五六七八九十]{1,2})[-—–~～至到](\d{1,2}|[一二三四五六七八九十]{1,2})月|^截[至止]|^指标执行情况$|^(当前|目前)(完成|执行)/.test(
      k,
    )
  )
    return 'progress';
  if (/完成值|实际值|实际完成|完成情况|执行数/.test(k)) return 'actual';
  if (/^(度量|计量)单位$|^单位$/.test(k)) return 'unit';
  if (/^指标(性质|方向性?)$|^方向$|^指标值类型$|^值类型$/.test(k)) return 'opOrDir';
  if (/得分$/.test(k)) return 'score';
  if (/^(分值|权重|权重分值|指标分值|指标权重|权重\(%\)|权重\(分\)|分值\(分\))$/.test(k)) return 'weight';
  if (/原因|改进措施/.test(k)) return 'reason';
  if (
    /^(指标解释|指标说明|指标内容|指标值内容|得分说明|评分说明|扣分说明|绩效标准|评分标准|评(价|分)标准|备注|指标来源|标准|说明)$/.test(
      k,
    )
  )
    return 'explanation';
  if (
    /^(年度|年初|预期|计划|绩效|全年|本年|中期|实施期)?(指标|目标)?(目标)?数?值(及(计量)?单位)?(\(.*\))?$|^指标目标值/.test(
      k,
    )
  )
    return 'target';
  if (/^(预期|年度|绩效)?目标$|^标准值$/.test(k)) return 'target';
  return null;
}

/** Captions of the columns a multi-project table prints before the indicator columns. */
export function leadColumnRole(text: string): ColumnRole | null {
  // A money caption carries its unit (`预算金额（万元）`): the caption is the words before it.
  const k = key(text).replace(/[(（][万亿千]?元[)）]$/, '');
  if (/^(单位名称|预算单位|单位)$/.test(k)) return 'unitName';
  if (/^(项目名称|项目)$/.test(k)) return 'project';
  if (/^(预算数|预算金额|资金总额|项目金额|金额)$/.test(k)) return 'budget';
  if (/^(年度目标|绩效目标|年度绩效目标|项目目标)$/.test(k)) return 'goal';
  // A department-wide form lists its functions and the year's tasks before each task's indicators.
  if (
    /^(年度)?(重点|主要)?(工作)?任务(名称)?$|^(部门)?(职能|职责){1,2}$|^(年度)?履职目标$|^(工作|主要)内容$/.test(
      k,
    )
  )
    return 'task';
  return null;
}

/** Cells that end the indicator table: totals, signatures, review opinions, footnotes. */
export function endsIndicators(text: string): boolean {
  return endsIndicatorsMemo(text);
}

// Asked of every cell of every indicator table, often twice (the row loop and its boundary test): the
// long alternation below is tried at each position of the cell, the memo only hashes it.
const endsIndicatorsMemo = memo((text: string): boolean => {
  const k = key(text);
  return /^(合计|总分|总计|小计|序号$|其他需要?说明的?(事项|问题)|评价结论|自评结论|绩效自评结论|存在(的)?问题|改进措施|填表人|填报人|制表人|经办人|联系人|联系电话|单位负责人|项目负责人|财务负责人|审核人|负责人[:：]|填表说明|填报说明|填报日期|填表日期|注[:.、]|注$|说明[:：]|备注[:：]|其他说明|附件[:：\d]|附件$)|^(最近|上一?|以前|往)年度?绩效评价(情况|结果)|审核意见|审批意见|初审意见|主管部门意见|财政部门意见|\(盖章\)$|年月日$|ICP备|公网安备|网站标识码|版权所有|主办单位|技术支持|内容保障|网站地图|扫一扫|打印本页|关闭窗口/.test(
    k,
  );
});

/** Header field a label cell introduces. */
export type HeaderField =
  | 'unit'
  | 'name'
  | 'supervisingDepartment'
  | 'category'
  | 'startDate'
  | 'endDate'
  | 'governmentProcurement'
  | 'performanceType'
  | 'code'
  | 'unitAndSupervisor'
  | 'ignore';

interface HeaderLabel {
  pattern: RegExp;
  field: HeaderField;
  /** Lower wins when a form prints several unit labels. */
  rank: number;
}

const HEADER_LABELS: readonly HeaderLabel[] = [
  { pattern: /^申报单位(名称)?(\((?:盖|公|签|印)章\))?$/, field: 'unit', rank: 0 },
  { pattern: /^预算单位(名称)?(\((?:盖|公|签|印)章\))?$/, field: 'unit', rank: 1 },
  {
    pattern: /^(单位名称|部门\(单位\)名称|部门名称|单位\(部门\)名称)(\((?:盖|公|签|印)章\))?$/,
    field: 'unit',
    rank: 2,
  },
  { pattern: /^(项目)?实施单位(名称)?(\((?:盖|公|签|印)章\))?$/, field: 'unit', rank: 3 },
  // `实施(主管)单位`: one unit both carries the project out and supervises it.
  { pattern: /^(实施\(主管\)|主管\(实施\))单位(名称)?$/, field: 'unitAndSupervisor', rank: 3 },
  // Transfer-payment forms: the unit spending the money (资金使用单位).
  { pattern: /^(资金使用单位|项目承担单位|承担单位|使用单位)(名称)?$/, field: 'unit', rank: 3 },
  { pattern: /^(项目单位|用款单位|预算部门)(名称)?(\((?:盖|公|签|印)章\))?$/, field: 'unit', rank: 4 },
  { pattern: /^(填报|编报)单位(名称)?(\((?:盖|公|签|印)章\))?$/, field: 'unit', rank: 5 },
  // `单位：某局` heading a form (its money unit, `单位：万元`, is no unit name: see fields.ts).
  { pattern: /^单位$/, field: 'unit', rank: 6 },
  {
    pattern:
      /^(项目名称|项目支出名称|项目全称|专项名称|(专项)?资金名称|二级项目名称|(转移支付|转移)(\(项目\))?名称|转移支付项目名称|(项目|专项)\((资金|专项|项目)\)名称)$/,
    field: 'name',
    rank: 0,
  },
  {
    pattern:
      /^(项目|地方|本级|区级|县级|区县|县区|市县|县市区)?(主管部门|主管预算部门|业务主管部门|主管单位|主管部门及其?(?:代码|编码)|主管部门\(单位\))(名称)?(\((?:盖|公|签|印)章\))?$/,
    field: 'supervisingDepartment',
    rank: 0,
  },
  // Transfer-payment forms print the department of every level the money passes (中央, 省级, 市级, 区县):
  // the most local one is the form's own, so an upper level's ranks after it.
  { pattern: /^(市级|市|州级|盟市)(主管部门|主管单位)(名称)?$/, field: 'supervisingDepartment', rank: 1 },
  {
    pattern: /^(省级|省|自治区|省\(自治区、直辖市\))(主管部门|主管单位)(名称)?$/,
    field: 'supervisingDepartment',
    rank: 2,
  },
  { pattern: /^(项目类别|项目分类|项目类型)$/, field: 'category', rank: 0 },
  { pattern: /^计划开始日期$/, field: 'startDate', rank: 0 },
  { pattern: /^计划完成日期$/, field: 'endDate', rank: 0 },
  { pattern: /^是否含有政府购买服务$/, field: 'governmentProcurement', rank: 0 },
  { pattern: /^绩效类型$/, field: 'performanceType', rank: 0 },
  { pattern: /^(项目编码|项目代码|项目编号)$/, field: 'code', rank: 0 },
  {
    pattern:
      /^(项目负责人(及电话)?|联系电话|联系人|建设周期|项目审批|资金情况(\((万元|元)\))?|项目资金(\((万元|元)\))?|中央主管部门|(中央|省级|省|自治区|市级|市|州级|盟市|区县|县区|市县|县级|区级|地方|本级|同级)?财政部门|财政资金预算分类|财政资金科目代码|归口科室|部门预算编码|项目属性|项目周期|实施期|项目支出实施期|报表编号|金额单位|填报日期|填报人(及电话)?|填表人|审核人|经办人|是否为?专项资金|部门预算|上级资金|该项目支出上级资金|项目期限|所属行业|资金来源|投入目标(\(万元\))?|年度(总体)?目标完成情况|预算执行情况(\((万元|元)\))?|预算(安排|批复)?情况(\(调整后\))?|资金(到位|执行)情况|年度主要任务|主要任务|任务名称|主要内容|年度绩效指标)$/,
    field: 'ignore',
    rank: 0,
  },
];

/** Reads a cell as a header label (`项目名称：`, `实施单位 (盖章)`), or null. */
export function headerLabel(text: string): { field: HeaderField; rank: number } | null {
  return headerLabelMemo(text);
}

// Asked for every header cell of every form: remembered like the other label lookups.
const headerLabelMemo = memo((text: string): { field: HeaderField; rank: number } | null => {
  const k = key(text);
  if (k.length > 16) return null;
  for (const label of HEADER_LABELS) {
    if (label.pattern.test(k)) return { field: label.field, rank: label.rank };
  }
  return null;
});

/** Narrative captions (项目概况 …) and the narrative field they fill. */
export const narrativeLabels: ReadonlyArray<
  readonly [RegExp, 'overview' | 'basis' | 'necessity' | 'safeguards' | 'plan' | 'goals']
> = [
  [/^(项目概况|项目总体概况|项目基本情况|项目简介)$/, 'overview'],
  [/^立项依据$/, 'basis'],
  [/^项目设立的必要性$/, 'necessity'],
  [/^保证项目实施的制度、?措施$/, 'safeguards'],
  [/^项目实施计划$/, 'plan'],
  [
    /^(总目标及阶段性目标|年度目标|年度总体目标|总体目标|实施期绩效目标|本年度绩效目标|年度主要目标和成果|年度绩效目标|项目年度目标)$/,
    'goals',
  ],
];

/** Titles of the forms this importer reads. */
export const formTitle = /绩效(?:目标|自评|评价|指标)[\u4e00-\u9fa5]{0,4}表|绩效目标表|绩效自评表/;

/**
 * Titles of the reports a self-evaluation is also published as (`…绩效自评报告`, `…绩效的自评报告`,
 * `…支出绩效自评的报告`, `…绩效评价报告`): they name the kind of document where no form title does.
 */
export const reportTitle = /(?:自评|绩效评价)的?报告/;

/** The kind of document a title names. */
export function kindOfTitle(title: string): 'target' | 'self-evaluation' | 'department-wide' {
  if (/部门整体|整体支出/.test(title)) return 'department-wide';
  if (/自评|评价/.test(title)) return 'self-evaluation';
  return 'target';
}
