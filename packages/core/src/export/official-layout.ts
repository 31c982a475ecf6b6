import {
  type PrintedColumn,
  type PrintedField,
  type PrintedForm,
  printedColumnSchema,
} from '../frameworks/framework.schema.ts';
import { frameworkFor } from '../frameworks/frameworks.ts';
import { formatYuan } from '../money/money.ts';
import type { DocumentKind, Indicator, Narrative, PerformanceTable } from '../tables/table.schema.ts';

export type LayoutLocale = 'zh' | 'en';

/**
 * One cell of the official form. `field` is the table path the cell shows (`budget.total`,
 * `indicators.3.target`), so a renderer can link warnings and an importer can map cells back.
 */
export interface LayoutCell {
  kind: 'label' | 'value';
  text: string;
  colSpan: number;
  field?: string;
  /** Money in 元, for renderers that keep numbers as numbers (Excel). */
  amount?: number | null;
}

/** Columns the indicator grid can show; the form of the table's framework says which. */
export type GridColumnKey = PrintedColumn;

export interface GridColumn {
  key: GridColumnKey;
  label: string;
  /** Relative width, summing to 100 over the grid. */
  width: number;
}

const CENTERED_GRID_COLUMNS: ReadonlySet<GridColumnKey> = new Set([
  'level1',
  'level2',
  'target',
  'direction',
  'weight',
  'actual',
  'score',
]);

/** Short values (levels, targets, weights, scores) print centred in every format; prose stays left. */
export function isCenteredGridColumn(column: GridColumnKey): boolean {
  return CENTERED_GRID_COLUMNS.has(column);
}

/** More than six grid columns (a self-evaluation) do not fit a portrait A4 page at a readable size. */
export function isWideLayout(layout: { grid: { columns: readonly unknown[] } }): boolean {
  return layout.grid.columns.length > 6;
}

/** A cell of the indicator grid. Merged level cells appear once, in their first row, with rowSpan. */
export interface GridCell {
  column: GridColumnKey;
  text: string;
  rowSpan: number;
  field: string;
}

export interface GridRow {
  indicatorIndex: number;
  cells: GridCell[];
}

/** The table laid out as the printed form: the web view and the HTML/PDF/Excel exports all render this. */
export interface OfficialLayout {
  locale: LayoutLocale;
  kind: DocumentKind;
  title: string;
  yearLine: string;
  /** Notes printed under the title, e.g. that the source was cut off. */
  notes: string[];
  /** Header rows on a 4-column label/value grid (colSpans add up to 4). */
  header: LayoutCell[][];
  /** Narrative rows: label then text spanning 3 columns. */
  narratives: LayoutCell[][];
  money: { caption: string; rows: LayoutCell[][] };
  grid: { caption: string; columns: GridColumn[]; rows: GridRow[] };
}

type Labels = Record<
  | 'unit'
  | 'supervisingDepartment'
  | 'name'
  | 'code'
  | 'category'
  | 'startDate'
  | 'endDate'
  | 'governmentProcurement'
  | 'performanceType'
  | 'yes'
  | 'no'
  | 'moneyCaption'
  | 'total'
  | 'currentYear'
  | 'priorYearBudget'
  | 'priorYearExecuted'
  | 'initial'
  | 'adjusted'
  | 'executed'
  | 'executionRate'
  | 'executionScore'
  | 'incomplete',
  string
>;

const LABELS: Record<LayoutLocale, Labels> = {
  zh: {
    unit: '申报单位名称',
    supervisingDepartment: '主管部门',
    name: '项目名称',
    code: '项目编码',
    category: '项目类别',
    startDate: '计划开始日期',
    endDate: '计划完成日期',
    governmentProcurement: '是否含有政府购买服务',
    performanceType: '绩效类型',
    yes: '是',
    no: '否',
    moneyCaption: '本项目上年度市级财政资金使用情况',
    total: '项目总预算（元）',
    currentYear: '项目当年预算（元）',
    priorYearBudget: '同名项目上年预算额（元）',
    priorYearExecuted: '同名项目上年预算执行数（元）',
    initial: '年初预算数（元）',
    adjusted: '全年预算数（元）',
    executed: '全年执行数（元）',
    executionRate: '预算执行率',
    executionScore: '预算执行得分',
    incomplete: '原文件不完整：以下仅为已读取的部分。',
  },
  en: {
    unit: 'Budget unit',
    supervisingDepartment: 'Supervising department',
    name: 'Project name',
    code: 'Project code',
    category: 'Project category',
    startDate: 'Planned start',
    endDate: 'Planned completion',
    governmentProcurement: 'Includes government-purchased services',
    performanceType: 'Performance type',
    yes: 'Yes',
    no: 'No',
    moneyCaption: 'Municipal funds of this project',
    total: 'Total project budget (yuan)',
    currentYear: 'Budget for the year (yuan)',
    priorYearBudget: 'Same project, prior-year budget (yuan)',
    priorYearExecuted: 'Same project, prior-year spending (yuan)',
    initial: 'Initial budget (yuan)',
    adjusted: 'Adjusted budget (yuan)',
    executed: 'Spent (yuan)',
    executionRate: 'Execution rate',
    executionScore: 'Execution score',
    incomplete: 'The source was cut off: only what was read is shown.',
  },
};

const TITLES: Record<LayoutLocale, Record<DocumentKind, string>> = {
  zh: {
    target: '财政项目支出绩效目标表',
    'self-evaluation': '项目支出绩效自评表',
    'department-wide': '部门整体支出绩效目标表',
  },
  en: {
    target: 'Performance Targets of Project Expenditure',
    'self-evaluation': 'Self-Evaluation of Project Expenditure Performance',
    'department-wide': 'Performance Targets of Department-Wide Expenditure',
  },
};

/** Narrative labels in the printed order. Exported so importers can map labels back to fields. */
export const NARRATIVE_LABELS: Record<LayoutLocale, Record<keyof Narrative, string>> = {
  zh: {
    overview: '项目概况',
    basis: '立项依据',
    necessity: '项目设立的必要性',
    safeguards: '保证项目实施的制度、措施',
    plan: '项目实施计划',
    goals: '总目标及阶段性目标',
  },
  en: {
    overview: 'Project overview',
    basis: 'Legal basis',
    necessity: 'Why the project is needed',
    safeguards: 'Rules and measures that secure delivery',
    plan: 'Implementation plan',
    goals: 'Overall and interim goals',
  },
};

const NARRATIVE_ORDER = ['overview', 'basis', 'necessity', 'safeguards', 'plan', 'goals'] as const;

/** Grid headings: the Shanghai target form says 目标, the national self-evaluation form says 指标. */
const GRID_LABELS: Record<LayoutLocale, Record<'target' | 'self', Record<GridColumnKey, string>>> = {
  zh: {
    target: {
      level1: '一级目标',
      level2: '二级目标',
      name: '三级目标',
      target: '指标目标值',
      direction: '指标方向',
      weight: '权重',
      actual: '实际完成值',
      score: '得分',
      explanation: '指标解释',
      deviationReason: '偏差原因分析及改进措施',
    },
    self: {
      level1: '一级指标',
      level2: '二级指标',
      name: '三级指标',
      target: '年度指标值',
      direction: '指标方向',
      weight: '分值',
      actual: '实际完成值',
      score: '得分',
      explanation: '指标解释',
      deviationReason: '偏差原因分析及改进措施',
    },
  },
  en: {
    target: {
      level1: 'Level 1',
      level2: 'Level 2',
      name: 'Indicator',
      target: 'Target value',
      direction: 'Direction',
      weight: 'Weight',
      actual: 'Actual',
      score: 'Score',
      explanation: 'Explanation',
      deviationReason: 'Reasons for deviation and improvements',
    },
    self: {
      level1: 'Level 1',
      level2: 'Level 2',
      name: 'Indicator',
      target: 'Annual target',
      direction: 'Direction',
      weight: 'Weight',
      actual: 'Actual',
      score: 'Score',
      explanation: 'Explanation',
      deviationReason: 'Reasons for deviation and improvements',
    },
  },
};

/** Relative widths of the grid columns before normalising to 100. */
const GRID_WIDTHS: Record<GridColumnKey, number> = {
  level1: 14,
  level2: 14,
  name: 44,
  target: 24,
  direction: 10,
  weight: 9,
  actual: 18,
  score: 9,
  explanation: 24,
  deviationReason: 28,
};

/**
 * Widths for a grid of more than six columns (a self-evaluation): name and target give room so that
 * short columns such as 分值 and 得分 still hold two characters on A4.
 */
const DENSE_GRID_WIDTHS: Record<GridColumnKey, number> = {
  level1: 9,
  level2: 10,
  name: 16,
  target: 11,
  direction: 6.5,
  weight: 6,
  actual: 9.5,
  score: 6,
  explanation: 21,
  deviationReason: 16,
};

function label(text: string, colSpan = 1): LayoutCell {
  return { kind: 'label', text, colSpan };
}

function value(text: string, field: string, colSpan = 1): LayoutCell {
  return { kind: 'value', text, colSpan, field };
}

function money(amount: number | null | undefined, field: string): LayoutCell {
  return { kind: 'value', text: formatYuan(amount), colSpan: 1, field, amount: amount ?? null };
}

function yesNo(flag: boolean | null | undefined, labels: Labels): string {
  if (flag === null || flag === undefined) return '';
  return flag ? labels.yes : labels.no;
}

/** The grid columns the form prints for the table's kind: the form decides, not what the indicators hold. */
function gridColumns(table: PerformanceTable, locale: LayoutLocale, form: PrintedForm): GridColumn[] {
  const selfEvaluation = table.kind === 'self-evaluation';
  const keys: GridColumnKey[] = selfEvaluation ? form.selfEvaluationColumns : form.targetColumns;
  const labels = GRID_LABELS[locale][selfEvaluation ? 'self' : 'target'];
  const widths = keys.length > 6 ? DENSE_GRID_WIDTHS : GRID_WIDTHS;
  const sum = keys.reduce((s, k) => s + widths[k], 0);
  return keys.map((key) => ({
    key,
    label: labels[key],
    width: Math.round((widths[key] * 1000) / sum) / 10,
  }));
}

function cellText(indicator: Indicator, key: GridColumnKey): string {
  switch (key) {
    case 'level1':
      return indicator.level1 ?? '';
    case 'level2':
      return indicator.level2 ?? '';
    case 'name':
      return indicator.name;
    case 'target':
      return indicator.target.raw;
    case 'direction':
      return indicator.direction ?? '';
    case 'weight':
      return indicator.weight === null || indicator.weight === undefined ? '' : String(indicator.weight);
    case 'actual':
      return indicator.actual ?? '';
    case 'score':
      return indicator.score === null || indicator.score === undefined ? '' : String(indicator.score);
    case 'explanation':
      return indicator.explanation ?? '';
    case 'deviationReason':
      return indicator.deviationReason ?? '';
  }
}

/**
 * How many rows a level cell starting at `start` covers: following rows with the same non-empty
 * level (and, for level 2, the same level 1) are merged into it, as the printed form does.
 */
function spanAt(indicators: Indicator[], start: number, key: 'level1' | 'level2'): number {
  const first = indicators[start];
  if (!first?.[key]) return 1;
  let end = start + 1;
  while (end < indicators.length) {
    const next = indicators[end];
    if (!next || next[key] !== first[key] || (key === 'level2' && next.level1 !== first.level1)) break;
    end += 1;
  }
  return end - start;
}

function gridRows(table: PerformanceTable, columns: GridColumn[]): GridRow[] {
  const coveredUntil: Record<'level1' | 'level2', number> = { level1: 0, level2: 0 };
  return table.indicators.map((indicator, index) => {
    const cells: GridCell[] = [];
    for (const { key } of columns) {
      const field = `indicators.${index}.${key}`;
      if (key === 'level1' || key === 'level2') {
        if (index < coveredUntil[key]) continue;
        const rowSpan = spanAt(table.indicators, index, key);
        coveredUntil[key] = index + rowSpan;
        cells.push({ column: key, text: cellText(indicator, key), rowSpan, field });
      } else {
        cells.push({ column: key, text: cellText(indicator, key), rowSpan: 1, field });
      }
    }
    return { indicatorIndex: index, cells };
  });
}

function moneyRows(table: PerformanceTable, labels: Labels): LayoutCell[][] {
  const b = table.budget;
  const rows: LayoutCell[][] = [
    [
      label(labels.total),
      money(b.total, 'budget.total'),
      label(labels.currentYear),
      money(b.currentYear, 'budget.currentYear'),
    ],
    [
      label(labels.priorYearBudget),
      money(b.priorYearBudget, 'budget.priorYearBudget'),
      label(labels.priorYearExecuted),
      money(b.priorYearExecuted, 'budget.priorYearExecuted'),
    ],
  ];
  // The self-evaluation form reports the year's execution; a target table's form has no rows for it.
  if (table.kind === 'self-evaluation') {
    rows.push([
      label(labels.initial),
      money(b.initial, 'budget.initial'),
      label(labels.adjusted),
      money(b.adjusted, 'budget.adjusted'),
    ]);
    const rate =
      b.executed !== null && b.executed !== undefined && b.adjusted
        ? `${((b.executed / b.adjusted) * 100).toFixed(2)}%`
        : '';
    rows.push([
      label(labels.executed),
      money(b.executed, 'budget.executed'),
      label(labels.executionRate),
      value(rate, 'budget.executionRate'),
    ]);
    rows.push([
      label(labels.executionScore),
      value(
        b.executionScore === null || b.executionScore === undefined ? '' : String(b.executionScore),
        'budget.executionScore',
        3,
      ),
    ]);
  }
  return rows;
}

function gridCaption(table: PerformanceTable, locale: LayoutLocale): string {
  if (table.kind === 'self-evaluation') {
    return locale === 'zh'
      ? `${table.year}年度绩效指标完成情况`
      : `Performance indicators achieved in ${table.year}`;
  }
  return locale === 'zh' ? `${table.year}年绩效目标` : `Performance targets ${table.year}`;
}

/**
 * A form with every header row and grid column any form prints, in their printed order: for readers that
 * learn the labels from a laid-out form (the English importer), not for printing.
 */
export const EVERY_FIELD_FORM: PrintedForm = {
  header: [
    ['supervisingDepartment'],
    ['unit'],
    ['name', 'category'],
    ['code'],
    ['startDate', 'endDate'],
    ['governmentProcurement', 'performanceType'],
  ],
  targetColumns: [...printedColumnSchema.options],
  selfEvaluationColumns: [...printedColumnSchema.options],
};

function headerText(table: PerformanceTable, field: PrintedField, labels: Labels): string {
  if (field === 'governmentProcurement') return yesNo(table.governmentProcurement, labels);
  return table[field] ?? '';
}

/**
 * Lays a table out as its official printed form (财政项目支出绩效目标表 and its variants). The form of the
 * framework the table follows (or the one given) decides the header rows and grid columns: filling a
 * field or an indicator's direction never adds a row or a column, an empty field prints empty.
 */
export function officialLayout(
  table: PerformanceTable,
  locale: LayoutLocale,
  form: PrintedForm = frameworkFor(table).form,
): OfficialLayout {
  const labels = LABELS[locale];
  const header: LayoutCell[][] = form.header.map((fields) =>
    fields.length === 1
      ? fields.flatMap((f) => [label(labels[f]), value(headerText(table, f, labels), f, 3)])
      : fields.flatMap((f) => [label(labels[f]), value(headerText(table, f, labels), f)]),
  );

  const narrativeLabels = NARRATIVE_LABELS[locale];
  const narratives = NARRATIVE_ORDER.map((key) => [
    label(narrativeLabels[key]),
    value(table.narrative[key] ?? '', `narrative.${key}`, 3),
  ]);

  const columns = gridColumns(table, locale, form);
  return {
    locale,
    kind: table.kind,
    title: TITLES[locale][table.kind],
    yearLine: locale === 'zh' ? `（${table.year}年度）` : `(Fiscal year ${table.year})`,
    notes: table.incomplete ? [labels.incomplete] : [],
    header,
    narratives,
    money: { caption: labels.moneyCaption, rows: moneyRows(table, labels) },
    grid: {
      caption: gridCaption(table, locale),
      columns,
      rows: gridRows(table, columns),
    },
  };
}

/** Table field paths of the header and money labels (executionRate is derived, so it has none). */
const LABEL_FIELDS: Partial<Record<keyof Labels, string>> = {
  unit: 'unit',
  supervisingDepartment: 'supervisingDepartment',
  name: 'name',
  code: 'code',
  category: 'category',
  startDate: 'startDate',
  endDate: 'endDate',
  governmentProcurement: 'governmentProcurement',
  performanceType: 'performanceType',
  total: 'budget.total',
  currentYear: 'budget.currentYear',
  priorYearBudget: 'budget.priorYearBudget',
  priorYearExecuted: 'budget.priorYearExecuted',
  initial: 'budget.initial',
  adjusted: 'budget.adjusted',
  executed: 'budget.executed',
  executionScore: 'budget.executionScore',
};

/** Labels compare without a trailing colon and spaces, as forms print both `项目名称` and `项目名称：`. */
function labelKey(text: string): string {
  return text.replace(/[\s:：]+$/u, '').trim();
}

const FIELD_BY_LABEL: ReadonlyMap<string, string> = new Map(
  (['zh', 'en'] as const).flatMap((locale) => [
    ...Object.entries(LABEL_FIELDS).map(
      ([key, field]) => [LABELS[locale][key as keyof Labels], field] as const,
    ),
    ...NARRATIVE_ORDER.map((key) => [NARRATIVE_LABELS[locale][key], `narrative.${key}`] as const),
  ]),
);

/**
 * The table field a printed header, narrative or money label names (`项目名称：` → `name`,
 * `项目总预算（元）` → `budget.total`), in either locale; null for any other text. Importers use it
 * to map an exported form back to a table.
 */
export function fieldOfLabel(text: string): string | null {
  return FIELD_BY_LABEL.get(labelKey(text)) ?? null;
}

const DERIVED_LABELS: ReadonlySet<string> = new Set(
  (['zh', 'en'] as const).flatMap((locale) => [LABELS[locale].executionRate]),
);

/**
 * True when the text is a label the form prints (a field's label, or a derived one such as 预算执行率),
 * so an importer does not take a label for the value of the label before it when that value is empty.
 */
export function isLayoutLabel(text: string): boolean {
  const key = labelKey(text);
  return FIELD_BY_LABEL.has(key) || DERIVED_LABELS.has(key);
}

/** The grid column a printed column heading names (`一级目标`, `年度指标值`, `Target value`), or null. */
export function gridColumnOfLabel(text: string): GridColumnKey | null {
  const key = labelKey(text);
  for (const locale of ['zh', 'en'] as const) {
    for (const variant of ['target', 'self'] as const) {
      const labels = GRID_LABELS[locale][variant];
      const found = (Object.keys(labels) as GridColumnKey[]).find((k) => labels[k] === key);
      if (found) return found;
    }
  }
  return null;
}

/** The document kind a printed form title names (`财政项目支出绩效目标表` → `target`), or null. */
export function kindOfTitle(text: string): DocumentKind | null {
  const key = text.replace(/\s+/g, '');
  for (const locale of ['zh', 'en'] as const) {
    const titles = TITLES[locale];
    const found = (Object.keys(titles) as DocumentKind[]).find((k) => titles[k].replace(/\s+/g, '') === key);
    if (found) return found;
  }
  return null;
}

/** True when the text is the note the layout prints for a cut-off source, in either locale. */
export function isIncompleteNote(text: string): boolean {
  return text.trim() === LABELS.zh.incomplete || text.trim() === LABELS.en.incomplete;
}
