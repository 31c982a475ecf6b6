import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { formatTarget, parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { type ExpectedTable, loadLabelledFolder } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';

// Department-wide target tables (部门整体支出绩效目标表) in the shapes of the official national and provincial
// templates — 部门名称; 年度主要任务 with 任务名称 / 主要内容 / 预算金额 (总额, 财政拨款, 其他资金); 年度总体目标;
// 年度绩效指标 with 一级 / 二级 / 三级 指标 and 指标值 — and their provincial variants (a 部门职能 block, a
// 部门预算总额 block, the indicators printed per task), each re-laid as a page's text comes out: tab-separated
// cells, PDF text (cells apart by runs of spaces, empty cells gone), one cell per line, and the whole form on
// one line. Whatever the shape, the same indicator rows must come back, the form must read as department-wide,
// and no task, function or money row may be read as an indicator.

type Variant =
  | 'national'
  | 'functions and budget block'
  | 'indicators per task'
  | 'tasks with money beside indicators'
  | 'weighted level 1'
  | 'merged cells mid-span';
const VARIANTS: Variant[] = [
  'national',
  'functions and budget block',
  'indicators per task',
  'tasks with money beside indicators',
  'weighted level 1',
  'merged cells mid-span',
];
type Layout = 'tabbed' | 'pdf text' | 'cell per line' | 'one line';
const LAYOUTS: Layout[] = ['tabbed', 'pdf text', 'cell per line', 'one line'];

/** The year's main tasks a department lists (name, content, 总额, 财政拨款, 其他资金 in 万元). */
const TASKS: [string, string, string, string, string][] = [
  ['履职保障', '保障机关正常运转和人员工资福利', '862.18', '862.18', '0'],
  ['重点业务工作', '组织实施年度重点业务和专项工作', '324.12', '300', '24.12'],
  ['基础设施维护', '办公用房及业务设施日常维修', '60', '60', '0'],
];

function targetText(i: Indicator): string {
  const t = i.target;
  if (t.kind === 'date' && t.date) {
    const [y, m, d] = t.date.split('-').map(Number);
    return d === undefined ? `${y}年${m}月前` : `${y}年${m}月${d}日前`;
  }
  return formatTarget(t).replace('>=', '≥').replace('<=', '≤');
}

/** Points a provincial form prints after each level-1 label. */
const LEVEL1_POINTS: Record<string, number> = { 产出指标: 50, 效益指标: 30, 满意度指标: 10, 成本指标: 10 };

/** The indicator rows as a form prints them: a merged level cell's text on the first row it covers. */
function indicatorRows(indicators: readonly Indicator[], weighted = false, middle = false): string[][] {
  const label1 = (l: string | null) =>
    weighted && l !== null ? `${l}（${LEVEL1_POINTS[l] ?? 10}分）` : (l ?? '');
  // Positions in half rows: row r at 2r, a line of its own between rows r and r + 1 at 2r + 1.
  const rows = new Map<number, string[]>();
  const at = (p: number) => {
    const row = rows.get(p) ?? ['', '', '', ''];
    rows.set(p, row);
    return row;
  };
  indicators.forEach((i, k) => {
    const row = at(2 * k);
    row[2] = i.name;
    row[3] = targetText(i);
  });
  // A merged cell's text on the first row of its span or, as PDF text gives it, at the span's middle: on
  // the middle row of an odd span, on a line of its own between the two middle rows of an even one.
  const place = (
    column: 0 | 1,
    same: (a: Indicator, b: Indicator) => boolean,
    text: (i: Indicator) => string,
  ) => {
    let start = 0;
    indicators.forEach((i, k) => {
      const next = indicators[k + 1];
      if (next && same(i, next)) return;
      at(middle ? start + k : 2 * start)[column] = text(i);
      start = k + 1;
    });
  };
  place(
    0,
    (a, b) => a.level1 === b.level1,
    (i) => label1(i.level1),
  );
  place(
    1,
    (a, b) => a.level1 === b.level1 && a.level2 === b.level2,
    (i) => i.level2 ?? '',
  );
  return [...rows.keys()].sort((a, b) => a - b).map((p) => rows.get(p) ?? []);
}

/** The form as rows of cells (empty strings for the cells a merged cell covers). */
function form(t: PerformanceTable, variant: Variant): string[][] {
  const tasks = TASKS.slice(0, /task/.test(variant) ? 2 : 3);
  const sum = (k: 2 | 3 | 4) =>
    String(Math.round(tasks.reduce((n, task) => n + Number(task[k]), 0) * 100) / 100);
  const rows: string[][] = [['部门整体支出绩效目标表'], [`（${t.year}年度）`], ['部门（单位）名称', t.unit]];
  if (variant === 'functions and budget block') {
    rows.push(
      ['部门职能', '负责本行政区域内有关行业管理、公共服务和监督检查工作。'],
      ['部门预算总额（万元）', '资金总额', sum(2)],
      ['', '其中：财政拨款', sum(3)],
      ['', '其他资金', sum(4)],
    );
  }
  // The combined table lists the tasks beside their indicators instead of in a table of their own.
  if (variant !== 'tasks with money beside indicators')
    rows.push(
      ['年度主要任务', '任务名称', '主要内容', '预算金额（万元）'],
      ['', '', '', '总额', '财政拨款', '其他资金'],
      ...tasks.map(([name, content, total, fiscal, other]) => ['', name, content, total, fiscal, other]),
      ['金额合计', '', '', sum(2), sum(3), sum(4)],
    );
  rows.push(['年度总体目标', '完成年度主要任务，提升公共服务质量和群众满意度。']);
  if (variant === 'tasks with money beside indicators') {
    // One table: each task with its content and money on the first row of its indicators.
    const half = Math.ceil(t.indicators.length / 2);
    const parts = [t.indicators.slice(0, half), t.indicators.slice(half)];
    rows.push(['任务名称', '主要内容', '预算金额（万元）', '一级指标', '二级指标', '三级指标', '指标值']);
    parts.forEach((part, n) => {
      const task = tasks[n];
      indicatorRows(part).forEach((cells, k) => {
        rows.push(k === 0 && task ? [task[0], task[1], task[2], ...cells] : ['', '', '', ...cells]);
      });
    });
  } else if (variant === 'indicators per task') {
    // Each task beside its own indicators: the first half of the rows under the first task, the rest
    // under the second, the level labels printed again where the second task begins.
    const half = Math.ceil(t.indicators.length / 2);
    const parts = [t.indicators.slice(0, half), t.indicators.slice(half)];
    rows.push(['年度绩效指标', '任务名称', '一级指标', '二级指标', '三级指标', '指标值']);
    parts.forEach((part, n) => {
      indicatorRows(part).forEach((cells, k) => {
        rows.push(['', k === 0 ? (tasks[n]?.[0] ?? '') : '', ...cells]);
      });
    });
  } else {
    rows.push(['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值']);
    for (const cells of indicatorRows(
      t.indicators,
      variant === 'weighted level 1',
      variant === 'merged cells mid-span',
    ))
      rows.push(['', ...cells]);
  }
  rows.push(['填报人：', '', '联系电话：']);
  return rows;
}

function render(t: PerformanceTable, variant: Variant, layout: Layout): string {
  const rows = form(t, variant);
  switch (layout) {
    case 'tabbed':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'pdf text':
      return rows.map((r) => r.filter((c) => c !== '').join('    ')).join('\n');
    case 'cell per line':
      return rows
        .flat()
        .filter((c) => c !== '')
        .join('\n');
    case 'one line':
      return rows
        .flat()
        .filter((c) => c !== '')
        .join('');
  }
}

const comparable = (i: Indicator) => ({
  level1: i.level1,
  level2: i.level2,
  name: i.name,
  operator: i.target.operator,
  value: i.target.value,
  unit: i.target.unit ?? null,
  date: i.target.date ?? null,
});

/** A target text that ends itself in running text: an operator, a percentage or a date. */
function selfDelimiting(i: Indicator): boolean {
  const t = i.target;
  return (
    (t.kind === 'quantitative' && (t.operator !== null || t.unit === '%') && t.upper === undefined) ||
    (t.kind === 'date' && t.date !== undefined)
  );
}

/** Rows that keep their cells apart on the page: any target but a range (its two figures read as one). */
const kept = (i: Indicator) =>
  i.target.kind !== 'missing' && i.target.kind !== 'placeholder' && i.target.upper === undefined;

const usable = (i: Indicator, oneLine: boolean) =>
  i.level1 !== null &&
  i.level2 !== null &&
  (oneLine ? selfDelimiting(i) : kept(i)) &&
  !/\d/.test(i.name) &&
  !/[:：;；。|,，、()（）]/.test(i.name) &&
  i.name.length >= 2 &&
  i.name.length <= 30;

const SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|社会成本|生态环境成本)指标$/;

function fromLabel(e: ExpectedTable, n: number): PerformanceTable {
  const indicators: Indicator[] = [];
  for (const i of e.indicators) {
    if (!LEVEL1.test(i.level1 ?? '') || !LEVEL2.test(i.level2 ?? '')) continue;
    if (i.value === null) continue;
    const text = `${i.operator ? (SIGN[i.operator] ?? '') : ''}${i.value}${i.unit ?? ''}`;
    indicators.push({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: { ...parseTarget(text), raw: text },
    });
  }
  return canonical(`训练部门${n}`, e.year ?? 2023, indicators);
}

function canonical(unit: string, year: number, indicators: Indicator[]): PerformanceTable {
  return {
    kind: 'department-wide',
    year,
    unit,
    name: unit,
    narrative: {},
    budget: {},
    incomplete: false,
    indicators,
    warnings: [],
  };
}

function row(level1: string, level2: string, name: string, target: string): Indicator {
  return { level1, level2, name, target: { ...parseTarget(target), raw: target } };
}

// The templates' own indicator tables, as the national (财预〔2020〕10号) and provincial forms print them.
const written: PerformanceTable[] = [
  canonical('某市文化广电旅游局', 2024, [
    row('产出指标', '数量指标', '组织群众文化活动场次', '≥120场'),
    row('产出指标', '数量指标', '公共文化场馆免费开放天数', '≥300天'),
    row('产出指标', '质量指标', '文物安全巡查覆盖率', '100%'),
    row('产出指标', '时效指标', '专项资金拨付及时率', '100%'),
    row('效益指标', '社会效益指标', '年度接待游客人次增长率', '≥8%'),
    row('满意度指标', '服务对象满意度指标', '群众文化活动参与者满意度', '≥90%'),
  ]),
  canonical('某县农业农村局', 2023, [
    row('产出指标', '数量指标', '推广农业新品种数量', '≥10个'),
    row('产出指标', '质量指标', '重大动物疫病强制免疫密度', '≥90%'),
    row('产出指标', '时效指标', '补贴资金发放完成时间', '2023年12月31日前'),
    row('产出指标', '成本指标', '部门预算执行率', '≥95%'),
    row('效益指标', '经济效益指标', '农民人均可支配收入增长率', '≥6%'),
    row('效益指标', '生态效益指标', '农作物秸秆综合利用率', '≥92%'),
    row('效益指标', '可持续影响指标', '农业技术推广覆盖率', '≥85%'),
    row('满意度指标', '服务对象满意度指标', '农户满意度', '≥90%'),
  ]),
  canonical('某区市场监督管理局', 2025, [
    row('产出指标', '数量指标', '食品安全监督抽检批次', '1500批次'),
    row('产出指标', '数量指标', '开展专项整治行动', '6次'),
    row('产出指标', '质量指标', '执法案卷评查合格率', '≥95%'),
    row('产出指标', '时效指标', '投诉举报处理时限', '≤7个工作日'),
    row('效益指标', '社会效益指标', '市场秩序', '持续改善'),
    row('效益指标', '可持续影响指标', '监管长效机制', '健全'),
    row('满意度指标', '服务对象满意度指标', '经营主体满意度', '≥90%'),
  ]),
];

const trainDir = path.resolve(import.meta.dirname, '../../fixtures/corpus/train');
const probeDir = path.resolve(import.meta.dirname, '../../fixtures/probe');
const isDepartmentWide = (kind: string | null | undefined) => kind === 'department-wide';

// The department-wide documents of the train split (labels) and of the probe set (as read: they read
// exactly against their labels), with the rows that delimit themselves once borders are gone.
const fromDocuments: PerformanceTable[] = [
  ...loadLabelledFolder(trainDir, 'train')
    .flatMap((doc) => doc.tables)
    .filter((e) => isDepartmentWide(e.kind))
    .map(fromLabel),
  ...loadLabelledFolder(probeDir, 'probe')
    .filter((doc) => isDepartmentWide(doc.tables[0]?.kind))
    .flatMap((doc) => importText(readFileSync(doc.file, 'utf8')).tables)
    .map((t, n) => canonical(`探测部门${n}`, t.year ?? 2024, t.indicators)),
];

const poolFor = (oneLine: boolean): PerformanceTable[] =>
  [...written, ...fromDocuments]
    .map((t) => ({ ...t, indicators: t.indicators.filter((i) => usable(i, oneLine)) }))
    .filter((t) => t.indicators.length >= 2);
// On one line only targets that end themselves can be told from the next name; with cells kept apart,
// counts without a sign (`12个`) and word targets (`有效提升`) too.
const pool = poolFor(true);
const cellPool = poolFor(false);

describe('department-wide forms re-laid in the shapes of the official templates', () => {
  it('has tables to re-lay, from the templates and from real documents', () => {
    expect(pool.length).toBeGreaterThanOrEqual(6);
    expect(pool.length - written.length).toBeGreaterThanOrEqual(4);
    expect(cellPool.reduce((n, t) => n + t.indicators.length, 0)).toBeGreaterThan(
      pool.reduce((n, t) => n + t.indicators.length, 0),
    );
  });

  for (const variant of VARIANTS)
    for (const layout of LAYOUTS) {
      // Labels printed mid-span are told from the rows only by the lines they stand on: with the lines
      // gone (one cell per line, one line) the text itself is ambiguous.
      if (variant === 'merged cells mid-span' && (layout === 'cell per line' || layout === 'one line'))
        continue;
      it(`reads back the same rows from the ${variant} form as ${layout}`, () => {
        const failed: string[] = [];
        for (const table of layout === 'one line' ? pool : cellPool) {
          const [back, ...more] = importText(render(table, variant, layout)).tables;
          const got = JSON.stringify(back?.indicators.map(comparable));
          const want = JSON.stringify(table.indicators.map(comparable));
          if (back?.kind !== 'department-wide' || more.length > 0 || got !== want)
            failed.push(`${table.unit} (${back?.kind}, ${more.length + 1} tables): ${got} expected ${want}`);
        }
        expect(failed).toEqual([]);
      });
    }
});

// The provincial 整体支出绩效目标表 with a column per field (指标值类型, 指标值, 计量单位, 指标解释, 评(扣)分标准,
// 备注) and each row's cells run together on its line, as a page without borders gives it: the value cell
// holds the figure alone and the unit cell is printed or left blank. A count whose unit cell is blank
// (`…排查次数6开展安全排查…`) still reads back, as its bare figure, marked for a person to confirm; the
// scoring standard that restates the figure (`…6次以上计3分`) adds no row.
describe('department-wide rows run together under a unit column', () => {
  const counts: PerformanceTable[] = [
    canonical('某县司法局', 2024, [
      row('产出指标', '数量指标', '开展普法宣传活动次数', '12'),
      row('产出指标', '数量指标', '培训人民调解员人数', '300'),
      row('产出指标', '质量指标', '法律援助案件办结率', '≥95%'),
      row('效益指标', '社会效益指标', '群众法治意识', '≥90%'),
      row('满意度指标', '服务对象满意度指标', '受援群众满意度', '≥90%'),
    ]),
  ];
  const bareCount = (i: Indicator) =>
    i.target.kind === 'quantitative' &&
    i.target.operator === null &&
    i.target.unit !== '%' &&
    Number.isInteger(i.target.value) &&
    /[数量]$/.test(i.name);
  const tables = [...counts, ...cellPool]
    .map((t) => ({
      ...t,
      indicators: t.indicators
        .filter((i) => selfDelimiting(i) || bareCount(i))
        .map((i) =>
          bareCount(i) ? { ...i, target: { ...parseTarget(String(i.target.value)), raw: '' } } : i,
        ),
    }))
    .filter((t) => t.indicators.length >= 2 && t.indicators.some(bareCount));

  function runTogether(t: PerformanceTable): string {
    const lines = [
      '整体支出绩效目标表',
      '金额单位:万元',
      '一级指标二级指标三级指标指标值类型指标值计量单位指标解释评(扣)分标准备注',
    ];
    t.indicators.forEach((i, k) => {
      const before = t.indicators[k - 1];
      const l1 = before?.level1 === i.level1 ? '' : (i.level1 ?? '');
      const l2 = before?.level1 === i.level1 && before?.level2 === i.level2 ? '' : (i.level2 ?? '');
      const printed = bareCount(i) ? `${i.target.value}` : targetText(i);
      const figure = `${i.target.value}${bareCount(i) ? '次' : (i.target.unit ?? '')}`;
      lines.push(
        `${l1}${l2}${i.name}${printed}保障全年工作任务落实${i.name}${figure}以上计3分,未达到不计分3`,
      );
    });
    return lines.join('\n');
  }

  it('has tables with counts whose unit cell is blank', () => {
    expect(tables.length).toBeGreaterThanOrEqual(1);
  });

  it('reads back every row, the bare counts without a unit and marked for a person', () => {
    const failed: string[] = [];
    for (const table of tables) {
      const [back] = importText(runTogether(table)).tables;
      const got = JSON.stringify(back?.indicators.map(comparable));
      const want = JSON.stringify(table.indicators.map(comparable));
      if (got !== want) failed.push(`${table.unit}: ${got} expected ${want}`);
      back?.indicators.forEach((i, k) => {
        const marked = back.warnings.some(
          (w) => w.code === 'import.low_confidence' && w.path === `indicators.${k}`,
        );
        if (bareCount(i) && !marked) failed.push(`${table.unit}: ${i.name} not marked`);
      });
    }
    expect(failed).toEqual([]);
  });
});
