import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// One cell per line ending in ` |`, rows parted by a lone `|` (a web page's table copied as text), under a
// level-1 label no framework names (written in that shape).
describe('one cell per line, rows parted by a lone pipe', () => {
  it('reads every row, the unknown level-1 label beside its level-2 label included', () => {
    const text = [
      '项目支出绩效目标表 |',
      '(2019年度) |',
      '项目名称 |',
      '城乡居民医疗保险补助 |',
      '实施单位 |',
      '某县医疗保障局 |',
      '一级指标 |',
      '二级指标 |',
      '三级指标 |',
      '指标值 |',
      '|',
      '项目完成 |',
      '数量指标 |',
      '参保人数 |',
      '43230人 |',
      '|',
      '参保率 |',
      '≥95% |',
      '|',
      '质量指标 |',
      '补助资金到位率 |',
      '100% |',
      '|',
      '填报人:赵六 |',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['项目完成', '数量指标', '参保人数', '43230人'],
      ['项目完成', '数量指标', '参保率', '≥95%'],
      ['项目完成', '质量指标', '补助资金到位率', '100%'],
    ]);
  });
});

// A markdown table whose header rows are one cell merged across the table (`| 项目名称：某项目 |`): such rows
// start with a pipe, which one cell per line never does.
describe('markdown rows of one merged cell', () => {
  it('are rows of the markdown table, not one cell per line', () => {
    const text = [
      '2023年度项目支出绩效目标表',
      '| 项目名称：全民健身设施补短板工程 |',
      '| 主管部门：某市体育局 |',
      '| 实施单位：某市全民健身中心 |',
      '| 年度资金总额：1050万元 |',
      '| 其中：财政拨款：1050万元 |',
      '| 其他资金：0万元 |',
      '| 一级指标 | 二级指标 | 三级指标 | 指标值 |',
      '| 产出指标 | 数量指标 | 新建健身路径 | ≥12条 |',
      '| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |',
      '填表人：王五',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect([table?.name, table?.unit, table?.supervisingDepartment, table?.budget.total]).toEqual([
      '全民健身设施补短板工程',
      '某市全民健身中心',
      '某市体育局',
      10_500_000,
    ]);
    expect(table?.indicators.map((i) => i.name)).toEqual(['新建健身路径', '群众满意度']);
  });
});
