import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Forms that print no indicator name under some level-2 labels — the row is named by its label. Texts
// written in the shapes such forms take (a markdown table from a 申报表, a 项目库 form whose 指标名称
// column holds the category).

describe('rows named by their level-2 label', () => {
  it('reads a sentence printed beside its label as that row’s qualitative target', () => {
    const text = [
      '2024年项目支出绩效目标申报表',
      '项目名称 | 县城公园绿化提升 |',
      '实施单位 | 某县林业局 |',
      '绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |',
      '产出指标 | 数量指标 | 新植乔木数量(株) | 1200 |',
      '效益指标 | 经济效益指标 | 带动周边群众务工,增加劳务收入。 | |',
      '社会效益指标 | 受益人数(人) | 5000 |',
      '满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% |',
      '填报人:张三',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.kind, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '新植乔木数量(株)', 'quantitative', '1200'],
      ['效益指标', '经济效益指标', '经济效益指标', 'qualitative', '带动周边群众务工,增加劳务收入。'],
      ['效益指标', '社会效益指标', '受益人数(人)', 'quantitative', '5000'],
      ['满意度指标', '服务对象满意度指标', '游客满意度', 'quantitative', '≥90%'],
    ]);
    // A guess: the preview asks a person to confirm it, at its line.
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.low_confidence', path: 'indicators.1', line: 6 }),
    );
  });
});
