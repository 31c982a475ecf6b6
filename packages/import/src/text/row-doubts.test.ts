import type { Indicator } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { doubtsOf, doubtWarnings, rowDoubts } from './row-doubts.ts';

const row = (name: string, target: string, level1 = '产出指标', level2 = '数量指标'): Indicator =>
  ({ level1, level2, name, target: { ...parseTarget(target), raw: target } }) as Indicator;

const firstDoubt = (rows: Indicator[], n = rows.length - 1) => doubtsOf(rows).get(n)?.id ?? null;

describe('row constraints', () => {
  it('has an ID and both languages for every rule', () => {
    for (const d of rowDoubts) {
      expect(d.id).toMatch(/^R\d+-/);
      expect(d.zh(row('养护里程', '≥120公里'))).toMatch(/[\u4e00-\u9fa5]/);
      expect(d.en(row('养护里程', '≥120公里'))).toMatch(/[a-z]/);
    }
  });

  it('R1: another level’s caption or a column caption read as a name', () => {
    expect(firstDoubt([row('质量指标', '文物安全巡查覆盖率', '产出指标', '成本指标')])).toBe(
      'R1-caption-as-name',
    );
    expect(firstDoubt([row('指标', '12021年', '产出指标', '时效指标')])).toBe('R1-caption-as-name');
    expect(firstDoubt([row('指标值', '100%')])).toBe('R1-caption-as-name');
    // A form may name a row after its own level 2, and a rate that starts with 截至 is a name.
    expect(firstDoubt([row('数量指标', '375万平方米')])).toBeNull();
    expect(firstDoubt([row('截至2026年12月底,项目开展率(%)', '≥100%', '产出指标', '时效指标')])).toBeNull();
  });

  it('R5: a target cell that holds a numbered name', () => {
    expect(firstDoubt([row('服务对象满', '指标1:是否满意', '满意度指标', '服务对象满意度指标')])).toBe(
      'R5-name-in-target',
    );
    expect(firstDoubt([row('是否满意', '指标值≥90%', '满意度指标', '服务对象满意度指标')])).toBeNull();
    expect(firstDoubt([row('群众满意度', '≥90%', '满意度指标', '服务对象满意度指标')])).toBeNull();
  });

  it('R2: a cut or garbled name', () => {
    expect(firstDoubt([row('标(30 分)', '年度')])).toBe('R2-fragment');
    expect(firstDoubt([row('日前完成资金支付811月底完成', '100%')])).toBe('R2-fragment');
    expect(firstDoubt([row('备注产出指标ຫໍສະໝຸດ', '')])).toBe('R2-fragment');
    expect(firstDoubt([row('率', '100%')])).toBe('R2-fragment');
    expect(firstDoubt([row('日均清运生活垃圾量', '≥120吨')])).toBeNull();
    expect(firstDoubt([row('Average repair time', '<=2天')])).toBeNull();
    expect(firstDoubt([row('年度资金支付完成率100%', '')])).toBeNull();
  });

  it('R3: a sentence with no value', () => {
    expect(firstDoubt([row('解决旱情,保障粮食安全,服务农业生产,保持水土涵养', '')])).toBe(
      'R3-sentence-without-value',
    );
    expect(firstDoubt([row('解决旱情,保障粮食安全,服务农业生产,保持水土涵养', '有效保障')])).toBeNull();
    expect(firstDoubt([row('工程质量合格', '')])).toBeNull();
  });

  it('R4: the same row twice', () => {
    const twice = [row('养护里程', '≥120公里'), row('路面优良率', '≥90%'), row('养护里程', '≥120公里')];
    expect(firstDoubt(twice)).toBe('R4-repeated-row');
    expect(firstDoubt(twice, 0)).toBeNull();
    expect(firstDoubt([row('养护里程', '≥120公里'), row('养护里程', '≥80公里')])).toBeNull();
  });

  it('marks a row once, leaving rows the reader already marked', () => {
    const rows = [row('标(30 分)', '年度'), row('养护里程', '≥120公里')];
    const warnings = doubtWarnings(rows, [
      { code: 'import.low_confidence', zh: '猜', en: 'guess', path: 'indicators.1' },
    ]);
    expect(warnings.map((w) => w.path)).toEqual(['indicators.0']);
    expect(
      doubtWarnings(rows, [{ code: 'import.low_confidence', zh: '猜', en: 'guess', path: 'indicators.0' }]),
    ).toEqual([]);
  });
});

describe('an imported form', () => {
  it('keeps a doubtful row and marks it for the person confirming the import', () => {
    const text = [
      '项目支出绩效目标表',
      '项目名称\t农村公路养护',
      '实施单位\t临安区公路中心',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t养护里程\t≥120公里',
      '产出指标\t质量指标\t路面优良率\t≥90%',
      '产出指标\t质量指标\t养护里程\t≥120公里',
      '填表人：',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators).toHaveLength(3);
    const marked = table?.warnings.filter((w) => w.code === 'import.low_confidence') ?? [];
    expect(marked.map((w) => w.path)).toEqual(['indicators.2']);
    expect(marked[0]?.line).toBe(7);
  });
});
