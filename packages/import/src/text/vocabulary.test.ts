import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { joinsIntoLabel, nationalLevel1Of } from './vocabulary.ts';

describe('joinsIntoLabel', () => {
  it('joins a level label wrapped in its cell, its weight note included', () => {
    expect(joinsIntoLabel('经济效益', '指标')).toBe(true);
    expect(joinsIntoLabel('一级', '指标')).toBe(true);
    // A vertical caption broken before its weight note (`效益指` / `标(30 分)`).
    expect(joinsIntoLabel('效益指', '标(30 分)')).toBe(true);
  });

  it('leaves apart cells that make no label together', () => {
    expect(joinsIntoLabel('效益指标', '标(30分)')).toBe(false);
    expect(joinsIntoLabel('配套资金', '标(30分)')).toBe(false);
    expect(joinsIntoLabel('数量指标', '质量指标')).toBe(false);
  });
});

describe('a level 2 ending with the template’s 等 (服务对象满意度指标等)', () => {
  it('belongs to the same level 1 as without it', () => {
    expect(nationalLevel1Of('服务对象满意度指标等')).toBe('满意度指标');
    expect(nationalLevel1Of('社会效益指标等')).toBe('效益指标');
  });

  it('printed on every row of its group under a repeated level 1, heads each row', () => {
    const text = [
      '2022年度项目支出绩效自评表',
      '项目名称：某项目',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
      '产出指标\t数量指标\t学生人数\t≥100人\t120人\t20\t20\t',
      '满意度指标\t服务对象满意度指标等\t学生满意度\t≥95%\t100%\t10\t10\t',
      '满意度指标\t服务对象满意度指标等\t家长满意度\t≥95%\t100%\t10\t10\t',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(
      table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.weight, i.actual, i.score]),
    ).toEqual([
      ['产出指标', '数量指标', '学生人数', '≥100人', 20, '120人', 20],
      ['满意度指标', '服务对象满意度指标等', '学生满意度', '≥95%', 10, '100%', 10],
      ['满意度指标', '服务对象满意度指标等', '家长满意度', '≥95%', 10, '100%', 10],
    ]);
  });
});
