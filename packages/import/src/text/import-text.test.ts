import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { describe, expect, it } from 'vitest';
import { layouts, renderTable } from '../bench/generated-corpus.ts';
import { importText } from './import-text.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../../fixtures');
const seedText = readFileSync(path.join(fixtures, 'seed.txt'), 'utf8');
const expected = JSON.parse(readFileSync(path.join(fixtures, 'seed.expected.json'), 'utf8')) as {
  tables: Record<string, unknown>[];
};

const noSpace = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, '') : s);

describe('importText on the seed (3 Shanghai 2020 tables)', () => {
  const { tables } = importText(seedText);

  it('finds the three tables with 47 indicators in order', () => {
    expect(tables).toHaveLength(3);
    expect(tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(47);
  });

  it('reads every field exactly as seed.expected.json, narratives equal without whitespace', () => {
    tables.forEach((table, n) => {
      const want = expected.tables[n] ?? {};
      const { narrative, indicators, budget, ...header } = want as {
        narrative: Record<string, string>;
        indicators: unknown[];
        budget: Record<string, number | null>;
      };
      for (const [field, value] of Object.entries(header)) {
        expect((table as Record<string, unknown>)[field], `${n}.${field}`).toEqual(value);
      }
      for (const [field, value] of Object.entries(narrative)) {
        expect(noSpace((table.narrative as Record<string, unknown>)[field]), `${n}.narrative.${field}`).toBe(
          noSpace(value),
        );
      }
      for (const [field, value] of Object.entries(budget)) {
        expect((table.budget as Record<string, unknown>)[field] ?? null, `${n}.budget.${field}`).toEqual(
          value,
        );
      }
      expect(table.indicators).toEqual(indicators);
    });
  });

  it('reads the empty prior-year budget of the new project as absent, not zero', () => {
    expect(tables[2]?.budget.priorYearBudget ?? null).toBeNull();
    expect(tables[2]?.budget.priorYearExecuted ?? null).toBeNull();
  });

  it('produces tables the schema accepts, complete and without warnings', () => {
    for (const table of tables) {
      expect(performanceTableSchema.safeParse(table).success).toBe(true);
      expect(table.incomplete).toBe(false);
    }
  });
});

// Small forms in the layouts extraction tools produce, built here so each rule is seen on its own.
function form(lines: string[]): string {
  return lines.join('\n');
}

describe('importText layouts', () => {
  it('reads one cell per line with explicit empty cells, keeping 完成值/得分 empty', () => {
    const text = form([
      '项目支出绩效自评表(2023年度) |',
      '项目名称 |',
      '道路养护 |',
      '实施单位 |',
      '某某县交通运输局 |',
      '一级指标 |',
      '二级指标 |',
      '三级指标 |',
      '指标性质 |',
      '指标值 |',
      '度量单位 |',
      '完成值 |',
      '权重 |',
      '得分 |',
      '产出指标 |',
      '数量指标 |',
      '养护里程 |',
      '≥ |',
      '120 |',
      '公里 |',
      '|',
      '40 |',
      '|',
      '合计 |',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table?.kind).toBe('self-evaluation');
    expect(table?.indicators).toHaveLength(1);
    const indicator = table?.indicators[0];
    expect(indicator?.target).toMatchObject({ operator: '>=', value: 120, unit: '公里' });
    expect(indicator?.actual).toBeNull();
    expect(indicator?.weight).toBe(40);
    expect(indicator?.score).toBeNull();
  });

  it('skips template rows and placeholders (指标2:, ……, / / /)', () => {
    const text = form([
      '项目支出绩效目标表',
      '(2022年度)',
      '项目名称 学校维修 实施单位 某某中学',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 数量指标 指标1:维修校舍 ≥3栋',
      '指标2:',
      '……',
      '质量指标 指标1:/ / /',
      '满意度指标 服务对象满意度指标 师生满意度 ≥90%',
      '填表人:',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['维修校舍', '师生满意度']);
    expect(table?.incomplete).toBe(false);
  });

  it('marks a document cut inside the table incomplete and drops the half-read name', () => {
    const text =
      '项目支出绩效目标表\n(2022年度)\n项目名称 学校维修\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 维修校舍 ≥3栋\n效益指标 社会效益指标 受益学';
    const [table] = importText(text).tables;
    expect(table?.incomplete).toBe(true);
    expect(table?.indicators.map((i) => i.name)).toEqual(['维修校舍']);
    expect(table?.warnings.some((w) => w.code === 'import.truncated')).toBe(true);
  });

  it('reads several projects of one pipe table as separate tables', () => {
    const text = form([
      '| 部门预算项目绩效目标申报表(2023年度) | |||',
      '| 金额单位:元 | |||',
      '| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 |',
      '| 001-某镇人民政府 | 道路保洁 | 1,200,000.50 | 保洁 | 产出指标 | 数量指标 | 保洁面积 | ≥ | 5 | 万平方米 | 20 |',
      '| 效益指标 | 社会效益指标 | 环境改善 | ≥ | 90 | % | 10 |',
      '| 路灯维护 | 300,000.00 | 维护 | 产出指标 | 质量指标 | 亮灯率 | ≥ | 98 | % | 20 |',
      '| 合计 | |',
    ]);
    const { tables } = importText(text);
    expect(tables.map((t) => [t.name, t.unit, t.budget.currentYear, t.indicators.length])).toEqual([
      ['道路保洁', '某镇人民政府', 1200000.5, 2],
      ['路灯维护', '某镇人民政府', 300000, 1],
    ]);
  });

  it('converts 万元 budgets exactly and keeps a missing figure absent', () => {
    const text = form([
      '项目支出绩效自评表',
      '(2022年度)',
      '项目名称 委托业务 实施单位 某镇人民政府',
      '项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分',
      '年度资金总额: 90 89.974 89.974 10 99.97% 9.99',
      '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
      '产出指标 数量指标 委托项目数量 ≥50个 50 10 10',
      '总分 100',
    ]);
    const [table] = importText(text).tables;
    expect(table?.budget).toMatchObject({ initial: 900000, adjusted: 899740, executed: 899740 });
  });
});

describe('importText reads the same tables in every generated layout', () => {
  const { tables } = importText(seedText);
  for (const layout of layouts) {
    it(layout, () => {
      tables.forEach((table, n) => {
        const [read] = importText(renderTable(table, layout, n)).tables;
        expect(read?.name).toBe(`${table.name}${n}`);
        expect(read?.unit).toBe(table.unit);
        expect(read?.budget.total).toBe(table.budget.total);
        expect(read?.indicators).toEqual(table.indicators);
        expect(read?.incomplete).toBe(false);
      });
    });
  }
});

describe('importText wrapped rows', () => {
  it('joins a long name wrapped onto the next line and reads a lone short caption as level 2', () => {
    const text = form([
      '项目支出绩效目标表',
      '(2021年度)',
      '项目名称 社区服务 实施单位 某某街道办事处',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标',
      '服务开展',
      '社区居民参加志愿服务活动的',
      '人次数 ≥500人次',
      '服务场所 2处',
      '填表人:',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.value])).toEqual([
      ['服务开展', '社区居民参加志愿服务活动的人次数', 500],
      ['服务开展', '服务场所', 2],
    ]);
  });
});

describe('importText variants a clerk reads without thinking', () => {
  it('reads a tab-separated sheet, keeping spaces inside cells', () => {
    const text = form([
      '2023年度项目支出绩效目标表',
      '项目名称\t城区 绿化养护\t项目单位\t某某市园林局',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t养护 面积\t≥120万平方米',
      '\t\t补植树木\t≥500株',
      '填报人：',
    ]);
    const [table] = importText(text).tables;
    expect(table?.name).toBe('城区 绿化养护');
    expect(table?.unit).toBe('某某市园林局');
    expect(table?.indicators.map((i) => [i.name, i.target.operator, i.target.value, i.target.unit])).toEqual([
      ['养护 面积', '>=', 120, '万平方米'],
      ['补植树木', '>=', 500, '株'],
    ]);
  });

  it('joins an operator and unit printed apart from the number when the form has one value column', () => {
    const text = form([
      '项目支出绩效目标表（2021年度）',
      '项目名称 农村公路养护',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 数量指标 养护里程 ≥ 120 公里',
      '满意度指标 服务对象满意度指标 群众满意度 95 %',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.operator, i.target.value, i.target.unit])).toEqual([
      ['养护里程', '>=', 120, '公里'],
      ['群众满意度', null, 95, '%'],
    ]);
  });

  it('keeps the place of a caption it does not know (考核方式) so later columns stay right', () => {
    const text = form([
      '项目支出绩效目标表（2021年度）',
      '项目名称 农村公路养护',
      '一级指标 二级指标 三级指标 指标值 考核方式 分值',
      '产出指标 数量指标 养护里程 ≥120公里 现场核查 20',
    ]);
    const [indicator] = importText(text).tables[0]?.indicators ?? [];
    expect(indicator?.target.value).toBe(120);
    expect(indicator?.weight).toBe(20);
    expect(indicator?.explanation).toBe('现场核查');
  });

  it('reads a department-wide self-evaluation as department-wide, with the newer level labels', () => {
    const text = form([
      '部门整体支出绩效自评表',
      '（2022年度）',
      '部门名称 某某县财政局',
      '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
      '产出指标(50分) 数量指标 资金拨付笔数 ≥100笔 120 10 10',
      '效益指标(30分) 社会效益指标 政策知晓率 ≥90% 92% 10 10',
      '满意度指标(10分) 服务对象满意度指标 办事群众满意度 ≥90% 95% 10 10',
      '总分 100',
    ]);
    const [table] = importText(text).tables;
    expect(table?.kind).toBe('department-wide');
    expect(table?.unit).toBe('某某县财政局');
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.actual, i.score])).toEqual([
      ['产出指标', '数量指标', '120', 10],
      ['效益指标', '社会效益指标', '92%', 10],
      ['满意度指标', '服务对象满意度指标', '95%', 10],
    ]);
  });
});

describe('importText paragraphs without rows', () => {
  it('reads a self-evaluation one cell per paragraph, with and without actual/score cells', () => {
    const cells = [
      '项目支出绩效自评表',
      '（2023年度）',
      '项目名称',
      '乡村道路维护',
      '实施单位',
      '某某镇人民政府',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '产出指标',
      '数量指标',
      '维护道路长度',
      '≥20公里',
      '22公里',
      '20',
      '20',
      '质量指标',
      '验收合格率',
      '100%',
      '验收通过率',
      '≥95%',
      '效益指标',
      '社会效益指标',
      '群众出行便利度',
      '明显改善',
      '达到预期',
      '30',
      '28',
      '总分',
    ];
    const [table] = importText(`${cells.join('\n\n')}\n`).tables;
    expect(
      table?.indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual ?? null, i.score ?? null]),
    ).toEqual([
      ['数量指标', '维护道路长度', '≥20公里', '22公里', 20],
      ['质量指标', '验收合格率', '100%', null, null],
      ['质量指标', '验收通过率', '≥95%', null, null],
      ['社会效益指标', '群众出行便利度', '明显改善', '达到预期', 28],
    ]);
  });
});

describe('importText header on separate rows', () => {
  it('reads values printed on the row under their label, numbered level captions, and stops at notes', () => {
    const text = form([
      '项目支出绩效目标表',
      '（2024年度）',
      '项目名称：',
      '老旧小区改造',
      '项目单位（盖章）：',
      '某某区住房和城乡建设局',
      '项目总预算（万元）',
      '1,250.5',
      '一级指标 二级指标 三级指标 指标值',
      '一、产出指标',
      '（一）数量指标 改造小区数量 ≥12个',
      '二、效益指标',
      '（一）社会效益指标 受益居民户数 ≥3000户',
      '填报说明：1.指标值请填写量化指标。2.不适用的填“/”。',
    ]);
    const [table] = importText(`${text}\n`).tables;
    expect(table?.name).toBe('老旧小区改造');
    expect(table?.unit).toBe('某某区住房和城乡建设局');
    expect(table?.budget.total).toBe(12505000);
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '改造小区数量'],
      ['效益指标', '社会效益指标', '受益居民户数'],
    ]);
    expect(table?.incomplete).toBe(false);
  });
});

describe('importText one cell per line without blank lines', () => {
  it('takes a value on the line under its name', () => {
    const text = form([
      '项目支出绩效目标表 （2022年度）',
      '项目名称 农田水利设施维护 实施单位 某某县水利局',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标',
      '数量指标',
      '维护渠道长度',
      '≥35公里',
      '修复泵站数量',
      '≥4座',
      '时效指标',
      '完成时间',
      '2022年12月31日前',
      '填表人：',
    ]);
    const [table] = importText(`${text}\n`).tables;
    expect(
      table?.indicators.map((i) => [i.level2, i.name, i.target.kind, i.target.value ?? i.target.date]),
    ).toEqual([
      ['数量指标', '维护渠道长度', 'quantitative', 35],
      ['数量指标', '修复泵站数量', 'quantitative', 4],
      ['时效指标', '完成时间', 'date', '2022-12-31'],
    ]);
  });
});

describe('importText incomplete without a cut mark', () => {
  it('marks a form cut before its indicator table, or ending on a level caption, incomplete', () => {
    const before = importText('项目支出绩效目标表\n（2022年度）\n项目名称 学校维修\n项目概况：\n').tables[0];
    expect(before?.incomplete).toBe(true);
    expect(before?.indicators).toEqual([]);
    const onLabel = importText(
      '项目支出绩效目标表\n（2022年度）\n项目名称 学校维修\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 维修校舍 ≥3栋\n效益指标\n',
    ).tables[0];
    expect(onLabel?.incomplete).toBe(true);
    expect(onLabel?.indicators).toHaveLength(1);
    const whole = importText(
      '项目支出绩效目标表\n（2022年度）\n项目名称 学校维修\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 维修校舍 ≥3栋\n满意度指标 服务对象满意度指标 师生满意度 ≥90%\n',
    ).tables[0];
    expect(whole?.incomplete).toBe(false);
  });
});

describe('importText tables other regions print', () => {
  it('reads a markdown self-evaluation with a separator row, merged cells and an empty level-2 row', () => {
    const text = form([
      '| 项目支出绩效自评表 | | | | | | | | |',
      '|---|---|---|---|---|---|---|---|---|',
      '| （2023年度） | | | | | | | | |',
      '| 项目名称 | 农村饮水安全维修养护 | | | 主管部门 | 某县水利局 | | | |',
      '| 实施单位 | 某县农村供水服务站 | | | | | | | |',
      '| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |',
      '| 年度资金总额 | | 80 | 80 | 76.8 | 10 | 96% | 9.6 | |',
      '| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |',
      '| | 产出指标 | 数量指标 | 维修供水工程处数 | ≥25处 | 27处 | 20 | 20 | |',
      '| | | 时效指标 | 完工时间 | 2023年11月底前 | 2023年11月 | 15 | 15 | |',
      '| | 效益指标 | 生态效益指标 | | | | | | |',
      '| | 满意度指标 | 服务对象满意度指标 | 受益群众满意度 | ≥90% | 92% | 10 | 10 | |',
      '| 总分 | | | | | | 100 | 99.6 | |',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table).toMatchObject({
      kind: 'self-evaluation',
      year: 2023,
      name: '农村饮水安全维修养护',
      unit: '某县农村供水服务站',
      supervisingDepartment: '某县水利局',
      budget: { initial: 800000, adjusted: 800000, executed: 768000 },
      incomplete: false,
    });
    expect(
      table?.indicators.map((i) => [i.level2, i.name, i.target.kind, i.actual, i.weight, i.score]),
    ).toEqual([
      ['数量指标', '维修供水工程处数', 'quantitative', '27处', 20, 20],
      ['时效指标', '完工时间', 'date', '2023年11月', 15, 15],
      ['服务对象满意度指标', '受益群众满意度', 'quantitative', '92%', 10, 10],
    ]);
  });

  it('reads one cell per line with an explanation column left empty in the last row as complete', () => {
    const cells = [
      '项目支出绩效目标表',
      '（2024年度）',
      '项目名称',
      '社区养老服务补贴',
      '实施单位',
      '某区养老服务中心',
    ];
    const table = [
      ['一级指标', '二级指标', '三级指标', '指标值', '指标解释'],
      ['产出指标', '质量指标', '补贴发放准确率', '100%', '核对名单'],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', '≥95%', ''],
    ];
    const text = [
      ...cells.map((c) => `${c} |`),
      ...table.flatMap((r) => [...r.map((c) => (c ? `${c} |` : '|')), '||']),
    ].join('\n');
    const [read] = importText(`${text}\n`).tables;
    expect(read?.indicators.map((i) => [i.name, i.target.raw, i.explanation ?? null])).toEqual([
      ['补贴发放准确率', '100%', '核对名单'],
      ['老年人满意度', '≥95%', null],
    ]);
    expect(read?.incomplete).toBe(false);
  });
});

describe('importText weighted level captions', () => {
  it('reads 数量指标(20分) as a weighted level 2 and 成本指标(0-20)分 before any level 1 as level 1', () => {
    const text = form([
      '项目支出绩效目标审批表（2023年度）',
      '项目名称 村道硬化',
      '一级指标 二级指标 三级指标 指标值 分值',
      '成本指标(0-20)分 经济成本指标 建设成本 ≤65万元 10',
      '产出指标(40-50)分 数量指标(20分) 硬化里程 ≥3公里 20',
      '满意度指标 服务对象满意度指标 群众满意度 ≥95% 10',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.weight])).toEqual([
      ['成本指标', '经济成本指标', '建设成本', 10],
      ['产出指标', '数量指标', '硬化里程', 20],
      ['满意度指标', '服务对象满意度指标', '群众满意度', 10],
    ]);
  });
});

describe('importText name column captions', () => {
  it('takes 指标内容 after 二级指标 as the name column when there is no 三级指标', () => {
    const text = form([
      '项目支出绩效目标表（2022年度）',
      '项目名称 图书馆免费开放',
      '一级指标 二级指标 指标内容 指标值',
      '产出指标 数量指标 年接待读者人次 ≥20万人次',
      '满意度指标 服务对象满意度指标 读者满意度 ≥90%',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.value])).toEqual([
      ['数量指标', '年接待读者人次', 20],
      ['服务对象满意度指标', '读者满意度', 90],
    ]);
  });
});

describe('importText names wrapped after their value', () => {
  it('appends a bracketed tail on the next line to the name it belongs to', () => {
    const text = form([
      '项目支出绩效目标表（2022年度）',
      '项目名称 农田水利设施维护',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 数量指标 维护渠道长度（含支渠、 ≥35公里',
      '斗渠）',
      '修复泵站数量 ≥4座',
      '满意度指标 服务对象满意度指标 农户满意度 ≥90%',
      '',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.value])).toEqual([
      ['维护渠道长度（含支渠、斗渠）', 35],
      ['修复泵站数量', 4],
      ['农户满意度', 90],
    ]);
  });
});

describe('importText pipe rows without a leading pipe', () => {
  it('reads `a | b | c |` lines as rows of cells', () => {
    const text = form([
      '项目支出绩效目标表（2022年度）',
      '项目名称 | 图书馆免费开放 | 实施单位 | 某市图书馆 |',
      '一级指标 | 二级指标 | 三级指标 | 指标值 |',
      '产出指标 | 数量指标 | 年接待读者人次 | ≥20万人次 |',
      '满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥90% |',
      '',
    ]);
    const [table] = importText(text).tables;
    expect([table?.name, table?.unit]).toEqual(['图书馆免费开放', '某市图书馆']);
    expect(table?.indicators.map((i) => [i.name, i.target.raw])).toEqual([
      ['年接待读者人次', '≥20万人次'],
      ['读者满意度', '≥90%'],
    ]);
  });
});

describe('importText page headers', () => {
  it('reads a title repeated at the top of the next page as a continuation, not a new form', () => {
    const text = form([
      '项目支出绩效目标表',
      '（2022年度）',
      '项目名称 图书馆免费开放 实施单位 某市图书馆',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 数量指标 年接待读者人次 ≥20万人次',
      '项目支出绩效目标表',
      '（2022年度）',
      '质量指标 图书外借准确率 ≥99%',
      '满意度指标 服务对象满意度指标 读者满意度 ≥90%',
      '',
    ]);
    const { tables } = importText(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.indicators.map((i) => i.name)).toEqual([
      '年接待读者人次',
      '图书外借准确率',
      '读者满意度',
    ]);
  });
});

describe('importText several projects under one title', () => {
  it('starts a new table at a 项目名称 line that follows an indicator table', () => {
    const text = form([
      '2022年度项目支出绩效目标表',
      '项目名称 道路保洁 实施单位 某镇人民政府',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 数量指标 保洁面积 ≥5万平方米',
      '满意度指标 服务对象满意度指标 群众满意度 ≥90%',
      '项目名称 路灯维护 实施单位 某镇人民政府',
      '一级指标 二级指标 三级指标 指标值',
      '产出指标 质量指标 亮灯率 ≥98%',
      '满意度指标 服务对象满意度指标 群众满意度 ≥90%',
      '',
    ]);
    const { tables } = importText(text);
    expect(tables.map((t) => [t.year, t.name, t.indicators.length, t.incomplete])).toEqual([
      [2022, '道路保洁', 2, false],
      [2022, '路灯维护', 2, false],
    ]);
  });
});

describe('importText web-page text', () => {
  it('reads HTML entities left in copied text', () => {
    const text =
      '项目支出绩效目标表（2022年度）\n项目名称&nbsp;图书馆免费开放\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 年接待读者人次 &gt;=20万人次\n满意度指标 服务对象满意度指标 读者满意度 &#8805;90%\n';
    const [table] = importText(text).tables;
    expect(table?.name).toBe('图书馆免费开放');
    expect(table?.indicators.map((i) => [i.target.operator, i.target.value])).toEqual([
      ['>=', 20],
      ['>=', 90],
    ]);
  });
});
