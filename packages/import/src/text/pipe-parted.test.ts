import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A table copied from a web page as one cell per line, a lone `|` after each cell and two where a row
// ends; cells wrap over lines (vertical captions). Written in that shape.
const lines = (rows: string[][]): string =>
  rows.map((row) => row.map((cell) => `${cell}\n|`).join('\n')).join('\n|\n');

describe('cells parted by lone pipes, rows by two', () => {
  const text = lines([
    ['项目支出绩效目标表'],
    ['(2024年度)'],
    ['项目名称', '乡村道路养护项目'],
    ['主管部门及代码', '某县交通运输局'],
    ['实施单位', '某县公路事业发展中心'],
    ['项目资金\n(万元)', '年度资金总额:', '120万'],
    ['绩\n效\n指\n标', '一级\n指标', '二级指标', '三级指标', '指标值'],
    ['产\n出\n指\n标', '数量指标', '养护道路里程', '≥85公里'],
    ['质量指标', '养护路段优良率', '≥90%'],
    ['满意度\n指标', '服务对象满意度指标', '沿线群众满意度', '≥95%'],
  ]);

  it('reads the header fields and every row with its wrapped captions joined', () => {
    const [table] = importText(`${text}\n`).tables;
    expect(table).toMatchObject({ name: '乡村道路养护项目', unit: '某县公路事业发展中心', year: 2024 });
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '养护道路里程', '≥85公里'],
      ['产出指标', '质量指标', '养护路段优良率', '≥90%'],
      ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥95%'],
    ]);
  });

  it('leaves a cell line ending in its own pipe to the cell-per-line reader', () => {
    const own = text.replace(/\n\|\n(?!\|)/g, ' |\n');
    const [table] = importText(`${own}\n`).tables;
    expect(table?.indicators.length).toBeGreaterThan(0);
  });
});
