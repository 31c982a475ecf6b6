import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// The national 部门整体支出绩效目标申报表 as a department fills it in (written for this test): the year's
// main tasks with their money, the total row, then the indicator table.
const form = [
  '部门整体支出绩效目标申报表',
  '（2024年度）',
  '部门（单位）名称\t某县农业农村局',
  '年度主要任务\t任务名称\t主要内容\t预算金额（万元）',
  '\t\t\t总额\t财政拨款\t其他资金',
  '\t任务1\t农业技术推广\t开展新品种新技术示范推广\t120\t100\t20',
  '\t任务2\t动物疫病防控\t重大动物疫病强制免疫\t80\t80\t0',
  '金额合计\t\t\t200\t180\t20',
  '年度总体目标\t推广新品种10个，强制免疫密度达到90%以上。',
  '年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值',
  '\t产出指标\t数量指标\t推广新品种数量\t≥10个',
  '\t\t质量指标\t强制免疫密度\t≥90%',
  '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%',
  '填报人：张三',
].join('\n');

describe('a department-wide form with its table of main tasks', () => {
  it('reads the year’s money from the 金额合计 row under 总额 | 财政拨款 | 其他资金', () => {
    const [table] = importText(form).tables;
    expect(table?.kind).toBe('department-wide');
    expect(table?.budget).toMatchObject({ total: 2_000_000, currentYear: 1_800_000 });
  });

  it('reads the indicators and no task as an indicator', () => {
    const [table] = importText(form).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '推广新品种数量', '≥10个'],
      ['质量指标', '强制免疫密度', '≥90%'],
      ['服务对象满意度指标', '农户满意度', '≥90%'],
    ]);
  });
});
