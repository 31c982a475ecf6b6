import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { readIndicatorStream } from './stream-indicators.ts';

// A page cut inside a row of a form flattened onto one line (written in that shape): the last name is whole
// when its explanation cell had begun (`…率反映`); the row is kept with its value missing, marked for a
// person to fill in. A name the text stops in is not read.
describe('a text that stops after a whole name', () => {
  const form = (tail: string) =>
    `绩效指标一级指标二级指标三级指标指标解释指标值产出指标数量指标培训农技人员人数反映培训人数情况≥200人` +
    `质量指标培训合格率反映培训质量≥90%${tail}`;

  it('keeps the row whose explanation began, with its value missing and marked', () => {
    const { indicators, warnings } = readIndicatorStream(form('培训覆盖率反映'), 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.kind])).toEqual([
      ['数量指标', '培训农技人员人数', 'quantitative'],
      ['质量指标', '培训合格率', 'quantitative'],
      ['质量指标', '培训覆盖率', 'missing'],
    ]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'import.value_missing', path: 'indicators.2' }),
    );
  });

  it('reads nothing of a name the text stops in', () => {
    const { indicators } = readIndicatorStream(form('培训覆盖'), 1, 2023);
    expect(indicators.map((i) => i.name)).toEqual(['培训农技人员人数', '培训合格率']);
  });

  it('marks the imported table incomplete and the row for a person to fill in', () => {
    const text = `2023年度项目绩效目标表 项目名称 农技人员培训 实施单位 某县农业农村局 ${form('培训覆盖率反映')}`;
    const [table] = importText(text).tables;
    expect(table?.incomplete).toBe(true);
    expect(table?.indicators.at(-1)?.name).toBe('培训覆盖率');
    expect(table?.warnings.some((w) => w.code === 'import.value_missing' && w.path === 'indicators.2')).toBe(
      true,
    );
  });
});
