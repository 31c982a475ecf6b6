import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExpectedTable, loadLabelledFolder } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';

// Every labelled table's header and money (probe set and train split; never the test split) re-laid in the
// layouts of the national and provincial templates — 项目支出绩效目标表 with 中期/年度资金总额, 其中：财政拨款,
// 其他资金, 上年结转; 项目资金 with 年度金额 and 实施期金额 columns; the 自评表's 年初预算数 | 全年预算数 |
// 全年执行数 | 分值 | 执行率 | 得分 table and the 预算数(A) | 执行数(B) | 执行率(B/A) one; amounts in 元 under a
// 万元 caption; the header's fields under the other labels forms give them, with the fields around them
// (项目负责人, 项目属性, 实施期限, 资金来源) — must read back the same project, unit, supervising department and
// money.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

interface Canonical {
  id: string;
  kind: 'target' | 'self-evaluation';
  name: string;
  unit: string;
  supervisor: string;
  budget: Record<string, number>;
}

const NAME = /^[\u4e00-\u9fa5][\u4e00-\u9fa5()（）“”0-9、]{3,39}$/;
const UNIT = /^[\u4e00-\u9fa5()（）]{3,30}$/;

function canonical(id: string, e: ExpectedTable, n: number): Canonical | null {
  const budget: Record<string, number> = {};
  for (const [field, value] of Object.entries(e.budget)) if (typeof value === 'number') budget[field] = value;
  const kind = e.kind === 'self-evaluation' ? 'self-evaluation' : e.kind === 'target' ? 'target' : null;
  if (kind === null) return null;
  const money =
    kind === 'target'
      ? budget.total !== undefined || budget.currentYear !== undefined
      : budget.adjusted !== undefined && budget.executed !== undefined;
  if (!money) return null;
  // A total below the year's money is a label's reading of an odd form, not a template's.
  if (budget.total !== undefined && budget.currentYear !== undefined && budget.total < budget.currentYear)
    return null;
  return {
    id,
    kind,
    name: e.name && NAME.test(e.name) ? e.name : `农村公路养护工程${n}`,
    unit: e.unit && UNIT.test(e.unit) ? e.unit : '某县交通运输局',
    supervisor:
      e.supervisingDepartment && UNIT.test(e.supervisingDepartment)
        ? e.supervisingDepartment
        : '某县人民政府',
    budget,
  };
}

const pool: Canonical[] = [
  ...loadLabelledFolder(path.join(fixtures, 'probe'), 'probe'),
  ...loadLabelledFolder(path.join(fixtures, 'corpus/train'), 'train'),
].flatMap((doc) =>
  doc.tables.flatMap((e, n) => {
    const c = canonical(`${doc.id}#${n}`, e, n);
    return c ? [c] : [];
  }),
);

/** An amount in 万元 as forms print it: up to six decimals, none trailing. */
function wan(yuan: number): string {
  return String(Math.round(yuan) === yuan ? yuan / 10_000 : Number((yuan / 10_000).toFixed(6)));
}

/** An amount in 元 with thousands separators and two decimals. */
function yuanText(yuan: number): string {
  return yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

type HeaderLayout =
  | 'national'
  | 'special fund'
  | 'project (special)'
  | 'transfer payment'
  | 'declared'
  | 'sealed'
  | 'letter-spaced';
const HEADERS: HeaderLayout[] = [
  'national',
  'special fund',
  'project (special)',
  'transfer payment',
  'declared',
  'sealed',
  'letter-spaced',
];

function headerLines(t: Canonical, layout: HeaderLayout): string[] {
  switch (layout) {
    case 'national':
      return [
        `项目名称\t${t.name}`,
        `主管部门及代码\t[066]${t.supervisor}\t实施单位\t${t.unit}`,
        '项目属性\t延续项目\t项目期\t1年',
      ];
    case 'special fund':
      return [
        `专项资金名称\t${t.name}`,
        `主管部门\t${t.supervisor}`,
        `实施单位\t${t.unit}\t项目负责人\t张三`,
        '实施期限\t2023年1月-2023年12月',
      ];
    case 'project (special)':
      return [
        `申报单位\t${t.unit}`,
        `项目(专项)名称\t${t.name}`,
        `主管部门\t${t.supervisor}`,
        '项目负责人\t李四\t联系电话\t0571-88888888',
      ];
    case 'transfer payment':
      return [
        `资金名称\t${t.name}`,
        '中央主管部门\t财政部',
        '省级主管部门\t某省某厅',
        `区县主管部门\t${t.supervisor}`,
        `资金使用单位\t${t.unit}`,
      ];
    case 'declared':
      return [
        `项目名称：${t.name}`,
        `主管部门：${t.supervisor}`,
        `实施单位：${t.unit}`,
        '资金来源：一般公共预算',
      ];
    case 'sealed':
      return [
        `填报单位（盖章）：${t.unit}`,
        `项目名称\t${t.name}\t项目类别\t经常性项目`,
        `主管部门（单位）名称\t${t.supervisor}`,
        '项目起止时间\t2023.1-2023.12',
      ];
    case 'letter-spaced':
      // Labels a PDF printed a character at a time, as forms with wide label cells do.
      return [`项 目 名 称\t${t.name}`, `主 管 部 门\t${t.supervisor}`, `实 施 单 位\t${t.unit}`];
  }
}

type TargetMoney =
  | 'year total'
  | 'period and year'
  | 'year and period columns'
  | 'yuan under 万元'
  | 'inline'
  | '万元 in the cells';
const TARGET_MONEY: TargetMoney[] = [
  'year total',
  'period and year',
  'year and period columns',
  'yuan under 万元',
  'inline',
  '万元 in the cells',
];

function targetMoney(t: Canonical, layout: TargetMoney): string[] | null {
  const total = t.budget.total;
  const year = t.budget.currentYear;
  const both = total !== undefined && year !== undefined;
  const only = total ?? year;
  if (only === undefined) return null;
  switch (layout) {
    case 'year total':
      // One amount: the year's money (年度资金总额) and its appropriation.
      if (both) return null;
      return [
        `项目资金（万元）\t年度资金总额\t${wan(only)}`,
        `\t其中：财政拨款\t${wan(only)}`,
        '\t其他资金\t0',
        '\t上年结转\t0',
      ];
    case 'period and year':
      if (!both) return null;
      return [
        `项目资金（万元）\t中期资金总额\t${wan(total)}\t年度资金总额\t${wan(year)}`,
        `\t其中：财政拨款\t${wan(total)}\t其中：财政拨款\t${wan(year)}`,
        '\t其他资金\t0\t其他资金\t0',
      ];
    case 'year and period columns':
      if (!both) return null;
      return [
        '项目资金（万元）\t\t年度金额\t实施期金额',
        `\t资金总额\t${wan(year)}\t${wan(total)}`,
        `\t其中：财政拨款\t${wan(year)}\t${wan(total)}`,
        '\t其他资金\t0\t0',
      ];
    case 'yuan under 万元':
      if (both) return null;
      return [`项目资金（万元）\t年度资金总额\t${yuanText(only)}元`, `\t其中：财政拨款\t${yuanText(only)}元`];
    case '万元 in the cells':
      if (both) return null;
      return [
        '资金情况',
        `年度资金总额\t${wan(only)}万元`,
        `其中：财政拨款\t${wan(only)}万元`,
        '其他资金\t0万元',
      ];
    case 'inline':
      if (both) return [`中期资金总额：${wan(total)}万元`, `年度资金总额：${wan(year)}万元`];
      return [`年度资金总额：${wan(only)}万元`, `其中：财政拨款：${wan(only)}万元`, '其他资金：0万元'];
  }
}

type SelfEvaluationMoney = 'national' | 'A and B' | 'in 元' | 'no 年初 column' | 'execution block';
const SELF_EVALUATION_MONEY: SelfEvaluationMoney[] = [
  'national',
  'A and B',
  'in 元',
  'no 年初 column',
  'execution block',
];

function rate(t: Canonical): string {
  const { adjusted, executed } = t.budget;
  if (!adjusted || executed === undefined) return '0%';
  return `${((executed / adjusted) * 100).toFixed(2)}%`;
}

function selfEvaluationMoney(t: Canonical, layout: SelfEvaluationMoney): string[] | null {
  const { initial, adjusted, executed } = t.budget;
  if (adjusted === undefined || executed === undefined) return null;
  const first = initial === undefined ? '' : wan(initial);
  switch (layout) {
    case 'national':
      return [
        '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        `年度资金总额\t${first}\t${wan(adjusted)}\t${wan(executed)}\t10\t${rate(t)}\t9`,
        `其中：当年财政拨款\t${first}\t${wan(adjusted)}\t${wan(executed)}\t—\t${rate(t)}\t—`,
        '上年结转资金\t\t\t\t—\t\t—',
        '其他资金\t\t\t\t—\t\t—',
      ];
    case 'A and B':
      if (initial !== undefined) return null;
      return [
        '项目资金（万元）\t预算数(A)\t执行数(B)\t执行率(B/A)',
        `年度财政资金总额\t${wan(adjusted)}\t${wan(executed)}\t${rate(t)}`,
      ];
    case 'in 元':
      return [
        '项目资金\t年初预算数（元）\t全年预算数（元）\t全年执行数（元）\t分值\t执行率\t得分',
        `年度资金总额\t${initial === undefined ? '' : yuanText(initial)}\t${yuanText(adjusted)}\t${yuanText(executed)}\t10\t${rate(t)}\t9`,
      ];
    case 'execution block':
      // Hebei's layout: 预算安排情况(调整后) | 资金到位情况 | 资金执行情况, each 预算数 / 执行数 pair with its amount.
      if (initial !== undefined) return null;
      return [
        '预算执行情况（万元）\t预算安排情况(调整后)\t资金到位情况\t资金执行情况',
        `\t预算数\t${wan(adjusted)}\t到位数\t${wan(adjusted)}\t执行数\t${wan(executed)}`,
      ];
    case 'no 年初 column':
      if (initial !== undefined) return null;
      return [
        '项目资金（万元）\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        `年度资金总额\t${wan(adjusted)}\t${wan(executed)}\t10\t${rate(t)}\t9`,
      ];
  }
}

type Separator = 'tabs' | 'pipes' | 'one cell per line' | 'pdf columns' | 'one line';
const SEPARATORS: Separator[] = ['tabs', 'pipes', 'one cell per line', 'pdf columns', 'one line'];

/** Tab-separated lines re-laid with another separator. */
function separate(lines: string[], separator: Separator): string {
  const cells = lines.map((l) => l.split('\t'));
  switch (separator) {
    case 'tabs':
      return lines.join('\n');
    case 'pipes':
      return cells.map((c) => `| ${c.join(' | ')} |`).join('\n');
    case 'one cell per line':
      return cells.flatMap((c) => c.filter((x) => x !== '')).join('\n');
    case 'pdf columns':
      return cells
        .map((c) =>
          c
            .map((x) => x.padEnd(12, ' '))
            .join('    ')
            .trimEnd(),
        )
        .join('\n');
    case 'one line':
      return cells.flatMap((c) => c.filter((x) => x !== '')).join(' ');
  }
}

function render(t: Canonical, header: HeaderLayout, money: string[], separator: Separator = 'tabs'): string {
  const title = t.kind === 'target' ? '2023年度项目支出绩效目标表' : '项目支出绩效自评表（2023年度）';
  const rows =
    t.kind === 'target'
      ? [
          '一级指标\t二级指标\t三级指标\t指标值',
          '产出指标\t数量指标\t养护里程\t≥120公里',
          '满意度指标\t服务对象满意度指标\t群众满意度\t≥90%',
        ]
      : [
          '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
          '产出指标\t数量指标\t养护里程\t≥120公里\t125公里\t50\t50',
          '满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t40\t40',
        ];
  return `${[title, separate([...headerLines(t, header), ...money, ...rows], separator), '填表人：王五'].join('\n')}\n`;
}

function readBack(t: Canonical, text: string) {
  const [table] = importText(text).tables;
  const budget: Record<string, number | null | undefined> = {};
  for (const field of Object.keys(t.budget)) {
    const value = (table?.budget as Record<string, number | null | undefined> | undefined)?.[field];
    budget[field] = typeof value === 'number' ? Math.round(value * 100) / 100 : value;
  }
  return { name: table?.name, unit: table?.unit, supervisor: table?.supervisingDepartment, budget };
}

function wanted(t: Canonical) {
  const budget = Object.fromEntries(Object.entries(t.budget).map(([f, v]) => [f, Math.round(v * 100) / 100]));
  return { name: t.name, unit: t.unit, supervisor: t.supervisor, budget };
}

describe('labelled header and money blocks re-laid in the national and provincial templates', () => {
  it('has tables of both kinds to re-lay', () => {
    expect(pool.filter((t) => t.kind === 'target').length).toBeGreaterThanOrEqual(30);
    expect(pool.filter((t) => t.kind === 'self-evaluation').length).toBeGreaterThanOrEqual(30);
  });

  for (const layout of TARGET_MONEY)
    for (const separator of SEPARATORS) {
      it(`reads back a target form's header and money from the ${layout} layout, ${separator}`, () => {
        const failed: string[] = [];
        let tried = 0;
        pool.forEach((t, n) => {
          if (t.kind !== 'target') return;
          const money = targetMoney(t, layout);
          if (money === null) return;
          tried++;
          const header = HEADERS[n % HEADERS.length] as HeaderLayout;
          const got = readBack(t, render(t, header, money, separator));
          if (JSON.stringify(got) !== JSON.stringify(wanted(t)))
            failed.push(`${t.id} (${header}): ${JSON.stringify(got)} expected ${JSON.stringify(wanted(t))}`);
        });
        expect(tried).toBeGreaterThan(0);
        expect(failed).toEqual([]);
      });
    }

  for (const layout of SELF_EVALUATION_MONEY)
    for (const separator of SEPARATORS) {
      it(`reads back a self-evaluation's header and money from the ${layout} layout, ${separator}`, () => {
        const failed: string[] = [];
        let tried = 0;
        pool.forEach((t, n) => {
          if (t.kind !== 'self-evaluation') return;
          const money = selfEvaluationMoney(t, layout);
          if (money === null) return;
          tried++;
          const header = HEADERS[n % HEADERS.length] as HeaderLayout;
          const got = readBack(t, render(t, header, money, separator));
          if (JSON.stringify(got) !== JSON.stringify(wanted(t)))
            failed.push(`${t.id} (${header}): ${JSON.stringify(got)} expected ${JSON.stringify(wanted(t))}`);
        });
        expect(tried).toBeGreaterThan(0);
        expect(failed).toEqual([]);
      });
    }
});
