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
