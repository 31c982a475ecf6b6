import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkFor } from '../frameworks/frameworks.ts';
import { formatYuan } from '../money/money.ts';
import { type PerformanceTable, performanceTableSchema } from '../tables/table.schema.ts';
import {
  fieldOfLabel,
  type GridRow,
  gridColumnOfLabel,
  isIncompleteNote,
  isLayoutLabel,
  kindOfTitle,
  officialLayout,
} from './official-layout.ts';

const seedExpected = new URL('../../../../fixtures/seed.expected.json', import.meta.url);
const seedTables = (JSON.parse(readFileSync(seedExpected, 'utf8')) as { tables: unknown[] }).tables.map((t) =>
  performanceTableSchema.parse(t),
);

function seed(index: number): PerformanceTable {
  const table = seedTables[index];
  if (!table) throw new Error(`no seed table ${index}`);
  return table;
}

/** [text, rowSpan] of the level-1 (or level-2) cells in grid order. */
function levelSpans(rows: GridRow[], column: 'level1' | 'level2'): [string, number][] {
  return rows.flatMap((r) =>
    r.cells.filter((c) => c.column === column).map((c) => [c.text, c.rowSpan] as [string, number]),
  );
}

describe('officialLayout', () => {
  it('prints the seed title, year line and header labels in Chinese', () => {
    const layout = officialLayout(seed(0), 'zh');
    expect(layout.title).toBe('财政项目支出绩效目标表');
    expect(layout.yearLine).toBe('（2020年度）');
    expect(layout.header.map((row) => row.map((c) => c.text))).toEqual([
      ['申报单位名称', '上海推进科技创新中心建设办公室'],
      ['项目名称', '科创中心建设工作经费', '项目类别', '经常性专项业务费'],
      ['计划开始日期', '2020-01-01', '计划完成日期', '2020-12-31'],
      ['是否含有政府购买服务', '否', '绩效类型', '事业/专业类'],
    ]);
    for (const row of [...layout.header, ...layout.narratives, ...layout.money.rows]) {
      expect(row.reduce((sum, c) => sum + c.colSpan, 0)).toBe(4);
    }
    expect(layout.grid.caption).toBe('2020年绩效目标');
    expect(layout.grid.columns.map((c) => c.label)).toEqual([
      '一级目标',
      '二级目标',
      '三级目标',
      '指标目标值',
    ]);
    expect(layout.grid.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(100, 0);
  });

  it('merges level-1 and level-2 cells of the first seed table as printed', () => {
    const rows = officialLayout(seed(0), 'zh').grid.rows;
    expect(rows).toHaveLength(15);
    expect(levelSpans(rows, 'level1')).toEqual([
      ['投入与管理', 9],
      ['产出目标', 3],
      ['效果目标', 2],
      ['影响力目标', 1],
    ]);
    expect(levelSpans(rows, 'level2')).toEqual([
      ['投入管理', 3],
      ['财务管理', 3],
      ['实施管理', 3],
      ['数量', 1],
      ['质量', 1],
      ['时效', 1],
      ['社会效益', 1],
      ['满意度', 1],
      ['长效管理', 1],
    ]);
    // Every row still has its name and target cell; the spans cover every row exactly once.
    expect(
      rows.every(
        (r) => r.cells.some((c) => c.column === 'name') && r.cells.some((c) => c.column === 'target'),
      ),
    ).toBe(true);
    expect(levelSpans(rows, 'level2').reduce((s, [, n]) => s + n, 0)).toBe(15);
  });

  it('merges the two 社会效益 indicators of the second seed table', () => {
    const rows = officialLayout(seed(1), 'zh').grid.rows;
    expect(levelSpans(rows, 'level1')).toEqual([
      ['投入与管理', 9],
      ['产出目标', 3],
      ['效果目标', 4],
      ['影响力目标', 1],
    ]);
    expect(levelSpans(rows, 'level2').slice(6)).toEqual([
      ['社会效益', 2],
      ['环境效益', 1],
      ['满意度', 1],
      ['配套设施', 1],
    ]);
    // The second 社会效益 row (index 13) has both level cells merged away: only name and target remain.
    const row = rows.find((r) => r.indicatorIndex === 13);
    expect(row?.cells.map((c) => c.text)).toEqual(['提升园区科创成果知名度', '>=10%']);
  });

  it('does not merge equal level-2 names under different level-1 groups', () => {
    const base = seed(0);
    const table: PerformanceTable = {
      ...base,
      indicators: [
        { ...base.indicators[9]!, level1: '产出目标', level2: '数量' },
        { ...base.indicators[10]!, level1: '效果目标', level2: '数量' },
        { ...base.indicators[11]!, level1: null, level2: null },
        { ...base.indicators[12]!, level1: null, level2: null },
      ],
    };
    const rows = officialLayout(table, 'zh').grid.rows;
    expect(levelSpans(rows, 'level2')).toEqual([
      ['数量', 1],
      ['数量', 1],
      ['', 1],
      ['', 1],
    ]);
  });

  it('shows money with thousands separators and leaves the prior year empty for a new project', () => {
    const layout = officialLayout(seed(2), 'zh');
    expect(layout.money.caption).toBe('本项目上年度市级财政资金使用情况');
    expect(layout.money.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['项目总预算（元）', '11,219,208', '项目当年预算（元）', '11,219,208'],
      ['同名项目上年预算额（元）', '', '同名项目上年预算执行数（元）', ''],
    ]);
    expect(layout.money.rows[0]?.[1]?.amount).toBe(11219208);
    expect(formatYuan(1234.5)).toBe('1,234.50');
    expect(formatYuan(null)).toBe('');
  });

  it('lays the narratives out in printed order with their field paths', () => {
    const layout = officialLayout(seed(0), 'zh');
    expect(layout.narratives.map((row) => row[0]?.text)).toEqual([
      '项目概况',
      '立项依据',
      '项目设立的必要性',
      '保证项目实施的制度、措施',
      '项目实施计划',
      '总目标及阶段性目标',
    ]);
    expect(layout.narratives[1]?.[1]).toMatchObject({
      text: '《关于调整完善张江管理机构职能等事宜的批复》（沪委[2018]390号）',
      field: 'narrative.basis',
      colSpan: 3,
    });
  });

  it('adds the self-evaluation columns and execution rows for a self-evaluation', () => {
    const base = seed(0);
    const table: PerformanceTable = {
      ...base,
      kind: 'self-evaluation',
      budget: { ...base.budget, initial: 100, adjusted: 200, executed: 150, executionScore: 7.5 },
      indicators: base.indicators.slice(9, 11).map((i) => ({ ...i, weight: 25, actual: '96%', score: 25 })),
    };
    const layout = officialLayout(table, 'zh');
    expect(layout.title).toBe('项目支出绩效自评表');
    expect(layout.grid.columns.map((c) => c.label)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '分值',
      '年度指标值',
      '实际完成值',
      '得分',
      '指标解释',
      '偏差原因分析及改进措施',
    ]);
    expect(layout.grid.rows[0]?.cells.map((c) => c.text)).toEqual([
      '产出目标',
      '数量',
      '项目完成率',
      '25',
      '>=95%',
      '96%',
      '25',
      '',
      '',
    ]);
    expect(layout.money.rows.flat().map((c) => c.text)).toContain('75.00%');
  });

  it('keeps the rows and columns of the form whatever the table holds', () => {
    const base = seed(0);
    const frame = (table: PerformanceTable) => {
      const layout = officialLayout(table, 'zh');
      return {
        header: layout.header.map((row) => row.map((c) => (c.kind === 'label' ? c.text : c.field))),
        money: layout.money.rows.map((row) => row.map((c) => (c.kind === 'label' ? c.text : c.field))),
        columns: layout.grid.columns,
      };
    };
    const filled: PerformanceTable = {
      ...base,
      supervisingDepartment: '上海市科学技术委员会',
      code: '2020-KC-0001',
      budget: { ...base.budget, initial: 100, adjusted: 200, executed: 150 },
      // What a library entry sets: the direction; what other forms carry: weights and explanations.
      indicators: base.indicators.map((i) => ({
        ...i,
        direction: '正向' as const,
        weight: 5,
        explanation: '按年计',
      })),
    };
    expect(frame(filled)).toEqual(frame(base));
    expect(frame(base).columns.map((c) => c.label)).toEqual([
      '一级目标',
      '二级目标',
      '三级目标',
      '指标目标值',
    ]);
    expect(frame(base).header).toHaveLength(4);
    // The national form keeps a row for 主管部门: filling it fills that row's cell.
    const national: PerformanceTable = {
      ...filled,
      indicators: filled.indicators.map((i, n) => ({
        ...i,
        level1: ['产出指标', '效益指标', '满意度指标'][n % 3] ?? null,
      })),
    };
    expect(officialLayout(national, 'zh').header[0]?.map((c) => c.text)).toEqual([
      '主管部门',
      '上海市科学技术委员会',
      '项目编码',
      '2020-KC-0001',
    ]);
    expect(frame({ ...national, supervisingDepartment: null, code: null })).toEqual(frame(national));
  });

  it("prints a table that follows the national framework in the national form's order", () => {
    const base = seed(0);
    const national: PerformanceTable = {
      ...base,
      indicators: [
        { ...base.indicators[9]!, level1: '产出指标', level2: '数量指标' },
        { ...base.indicators[12]!, level1: '效益指标', level2: '社会效益指标' },
        { ...base.indicators[13]!, level1: '满意度指标', level2: '服务对象满意度指标' },
      ],
    };
    expect(frameworkFor(national).id).toBe('national-2020');
    expect(frameworkFor(base).id).toBe('shanghai-2020');
    expect(frameworkFor({ indicators: [] }).id).toBe('shanghai-2020');
    const layout = officialLayout(national, 'zh');
    expect(layout.header.map((row) => row.filter((c) => c.kind === 'label').map((c) => c.text))).toEqual([
      ['主管部门', '项目编码'],
      ['申报单位名称'],
      ['项目名称', '项目类别'],
      ['计划开始日期', '计划完成日期'],
      ['是否含有政府购买服务', '绩效类型'],
    ]);
    // A form can be given: the Shanghai one for the same table.
    const shanghai = officialLayout(national, 'zh', frameworkFor(base).form);
    expect(shanghai.header[0]?.map((c) => c.text)).toEqual([
      '申报单位名称',
      '上海推进科技创新中心建设办公室',
    ]);
  });

  it('speaks English when asked, keeping the data as written', () => {
    const layout = officialLayout({ ...seed(0), incomplete: true }, 'en');
    expect(layout.title).toBe('Performance Targets of Project Expenditure');
    expect(layout.yearLine).toBe('(Fiscal year 2020)');
    expect(layout.header[0]?.map((c) => c.text)).toEqual(['Budget unit', '上海推进科技创新中心建设办公室']);
    expect(layout.notes).toHaveLength(1);
    expect(layout.grid.columns[0]?.label).toBe('Level 1');
  });

  it('maps every printed label of a layout back to the field it shows, in both locales', () => {
    const table: PerformanceTable = {
      ...seed(0),
      kind: 'self-evaluation',
      supervisingDepartment: '上海市科学技术委员会',
      code: 'P-1',
      budget: { ...seed(0).budget, initial: 1, adjusted: 2, executed: 1, executionScore: 5 },
    };
    for (const locale of ['zh', 'en'] as const) {
      const layout = officialLayout(table, locale);
      const rows = [...layout.header, ...layout.narratives, ...layout.money.rows];
      for (const row of rows) {
        for (let i = 0; i + 1 < row.length; i += 2) {
          const [labelCell, valueCell] = [row[i], row[i + 1]];
          if (valueCell?.field === 'budget.executionRate') continue;
          expect(fieldOfLabel(`${labelCell?.text}：`)).toBe(valueCell?.field);
        }
      }
      for (const column of layout.grid.columns) expect(gridColumnOfLabel(column.label)).toBe(column.key);
      expect(kindOfTitle(layout.title)).toBe('self-evaluation');
    }
    expect(kindOfTitle('财政项目支出绩效目标表')).toBe('target');
    expect(fieldOfLabel('项目名称 ')).toBe('name');
    expect(fieldOfLabel('预算执行率')).toBeNull();
    expect(isLayoutLabel('预算执行率：')).toBe(true);
    expect(isLayoutLabel('Budget unit')).toBe(true);
    expect(isLayoutLabel('上海推进科技创新中心建设办公室')).toBe(false);
    expect(gridColumnOfLabel('备注')).toBeNull();
    expect(isIncompleteNote(officialLayout({ ...seed(0), incomplete: true }, 'zh').notes[0] ?? '')).toBe(
      true,
    );
  });
});
