import { type MoneyUnit, parseAmount } from '@jixiao/core/money/money';
import { splitCode } from './fields.ts';

/**
 * Header fields of a form whose cells were run together with nothing between them (text taken from a
 * scanned or flattened PDF: `项目名称宗教管理经费补助区域新罗区…主管部门及代码原州区宗教事务局1164…`).
 * A value runs from its label to the next label any such form prints. Only fills what the cell reader
 * did not find, so a form read cell by cell is never changed by it.
 */

// Every label these forms print in their header, longest first within a family so that
// `主管部门及代码` wins over `主管部门`. A value stops at any of them. `项目主管部门` and `项目实施单位` are
// left out: a name ending in 项目 runs straight into them (`…推广项目主管部门及代码`), and names end so
// far more often than forms print those longer labels.
const LABELS = [
  '实施单位/项目负责人',
  '主管部门(单位)名称及部门预算编码',
  '主管部门(单位)名称',
  '部门(单位)名称',
  '部门（单位）名称',
  '项目名称',
  '主管部门及代码',
  '自治区主管部门',
  '市县主管部门',
  '市县财政部门',
  '主管部门',
  '实施单位',
  '申报单位',
  '预算单位',
  '单位名称',
  '部门预算编码',
  '项目编码',
  '项目编号',
  '补助项目/区域',
  '补助区域',
  '项目负责人',
  '联系电话',
  '填报日期',
  '填报人',
  '项目属性',
  '项目类型',
  '专项实施期',
  '项目周期',
  '项目期',
  '实施期',
  '资金情况',
  '项目资金',
  '中期资金总额',
  '年度资金总额',
  '资金总额',
  '其中:财政拨款',
  '其中：财政拨款',
  '财政拨款',
  '其他资金',
  '年初预算数',
  '全年预算数',
  '全年执行数',
  '执行率',
  '年度总体目标',
  '总体目标',
  '年度目标',
  '绩效指标',
  '一级指标',
];

const FIELD_LABELS: ReadonlyArray<readonly [RegExp, 'name' | 'unit' | 'supervisingDepartment']> = [
  [/^项目名称$/, 'name'],
  [/^(部门[(（]单位[)）]名称|单位名称|申报单位|预算单位|(项目)?实施单位(\/项目负责人)?)$/, 'unit'],
  [/^((自治区|市县|项目)?主管部门(及代码)?|主管部门\(单位\)名称(及部门预算编码)?)$/, 'supervisingDepartment'],
];

// Compiled once: every form whose header runs together on one line is searched with it.
const LABEL_PATTERN = new RegExp(LABELS.map((l) => l.replace(/[()（）/]/g, '\\$&')).join('|'), 'g');

export interface GluedHeader {
  name: string | null;
  unit: string | null;
  supervisingDepartment: string | null;
  /** 年度资金总额 / 资金总额, in 元. */
  total: number | null;
  /** The year's appropriation (其中:财政拨款) printed alone as its value, in 元. */
  currentYear: number | null;
}

/** The first long line without cell breaks that holds 项目名称 and its value, letter spacing taken out. */
function gluedLine(lines: readonly string[]): string | undefined {
  for (const l of lines) {
    if (l.length <= 120 || /[|\t]|\s{2,}/.test(l)) continue;
    // Labels printed letter-spaced (`项 目 名 称`) read as the label: spaces between two characters go.
    const unspaced = l.replace(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g, '');
    if (/项目名称\S/.test(unspaced)) return unspaced;
  }
  return undefined;
}

/**
 * The header read from the form's run-together line (a long line with 项目名称 inside it and no cell
 * breaks), or null when no line is one.
 */
export function readGluedHeader(lines: readonly string[], formUnit: MoneyUnit = '元'): GluedHeader | null {
  const line = gluedLine(lines);
  if (line === undefined) return null;
  const out: GluedHeader = {
    name: null,
    unit: null,
    supervisingDepartment: null,
    total: null,
    currentYear: null,
  };
  // The money block's caption names its unit; without one, the unit the form declares (`分配金额(万元)`).
  const moneyUnit = /(资金情况|项目资金)[(（]万元[)）]/.test(line) ? '万元' : formUnit;
  const at: { label: string; start: number; end: number }[] = [];
  for (const m of line.matchAll(LABEL_PATTERN)) {
    at.push({ label: m[0], start: m.index, end: m.index + m[0].length });
  }
  at.forEach((label, n) => {
    const value = line
      .slice(label.end, at[n + 1]?.start ?? Math.min(line.length, label.end + 60))
      .replace(/^[:：\s]+/, '')
      .trim();
    if (value === '') return;
    const field = FIELD_LABELS.find(([re]) => re.test(label.label))?.[1];
    if (field === 'name' && out.name === null && value.length <= 80) out.name = value;
    if (field === 'unit' && out.unit === null) {
      // `原州区农技中心/杨勃兴`: the unit, then its project lead.
      const unit = label.label.includes('/') ? (value.split('/')[0] ?? '') : value;
      if (unit.length >= 2 && unit.length <= 40) out.unit = unit;
    }
    if (field === 'supervisingDepartment' && out.supervisingDepartment === null) {
      // A department code printed after the name (`原州区宗教事务局116422210101621779`) or glued before
      // it (`331省农业农村厅`); `…局项目` is the name running into the next label, 项目实施单位.
      const department = splitCode(
        value
          // Anchored at the run's start, so a long digit run that does not end the value is tried once.
          .replace(/(?<!\d)\d{6,}$/, '')
          .replace(/^\d{3,}(?=[\u4e00-\u9fa5])/, '')
          .replace(/(?<=[局委厅办院所站心会室府])项目$/, ''),
      ).name;
      if (department.length >= 2 && department.length <= 40) out.supervisingDepartment = department;
    }
    // `资金总额1010100%20`: the run-together row of the execution table, figures and rate; not a total.
    if (/资金总额$/.test(label.label) && out.total === null && !/^[\d,.]+%/.test(value)) {
      const amount = /^([\d,]+(?:\.\d+)?)\s*(万元|元)?/.exec(value);
      const unit = amount?.[2] ?? moneyUnit;
      if (amount?.[1]) out.total = parseAmount(amount[1], unit === '万元' ? '万元' : '元')?.yuan ?? null;
    }
    // `其中:财政拨款35其他资金`: the year's appropriation, as the cell reader takes it, when its value is one
    // amount (a self-evaluation's row of figures, `303030100%`, is not).
    const appropriation = /财政拨款$/.test(label.label)
      ? /^([\d,]+(?:\.\d+)?)\s*(万元|元)?$/.exec(value)
      : null;
    if (appropriation?.[1] && out.currentYear === null) {
      const unit = appropriation[2] ?? moneyUnit;
      out.currentYear = parseAmount(appropriation[1], unit === '万元' ? '万元' : '元')?.yuan ?? null;
    }
  });
  return out;
}
