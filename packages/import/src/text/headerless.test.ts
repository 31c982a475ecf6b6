import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Invented forms whose indicator caption row (一级指标 二级指标 三级指标 …) is missing: a preview that
// skipped the page holding it, a table whose first page was lost.

describe('an indicator table without its caption row', () => {
  it('is read in the national columns of a self-evaluation, one cell per line', () => {
    const text = [
      '项目支出绩效自评表',
      '（2021年度）',
      '项目名称',
      '农贸市场抽检经费',
      '实施单位',
      '某县市场监督管理局',
      '产出指标',
      '数量指标',
      '抽检批次',
      '≥300批次',
      '320批次',
      '20',
      '20',
      '满意度指标',
      '服务对象满意度指标',
      '商户满意度',
      '≥90%',
      '96%',
      '10',
      '10',
      '总分',
      '100',
      '98',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(
      table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.actual, i.weight, i.score]),
    ).toEqual([
      ['产出指标', '数量指标', '抽检批次', '≥300批次', '320批次', 20, 20],
      ['满意度指标', '服务对象满意度指标', '商户满意度', '≥90%', '96%', 10, 10],
    ]);
    // Each row is marked for a person to confirm, saying which columns were assumed.
    const marks = table?.warnings.filter((w) => w.code === 'import.low_confidence');
    expect(marks?.map((w) => w.path)).toEqual(['indicators.0', 'indicators.1']);
    expect(marks?.[0]?.zh).toContain('没有表头行');
    expect(marks?.[0]?.zh).toContain('实际完成值');
    expect(table?.warnings.some((w) => w.code === 'import.no_indicators')).toBe(false);
  });

  it('is read with the target column of a target table, tab-separated', () => {
    const text = [
      '2023年度项目支出绩效目标表',
      '项目名称：\t村道养护补助',
      '实施单位：\t某镇人民政府',
      '产出指标\t数量指标\t养护里程\t≥120公里',
      '产出指标\t时效指标\t完成时间\t2023年11月底前',
      '效益指标\t社会效益指标\t群众出行便利度\t明显提升',
      '填表人：',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '养护里程', '≥120公里'],
      ['时效指标', '完成时间', '2023年11月底前'],
      ['社会效益指标', '群众出行便利度', '明显提升'],
    ]);
    expect(table?.warnings.filter((w) => w.zh.includes('没有表头行')).map((w) => w.path)).toEqual([
      'indicators.0',
      'indicators.1',
      'indicators.2',
    ]);
  });

  it('needs a level 1 standing alone with a level 2 after it: a level word in the goal text is none', () => {
    const text = [
      '2023年度项目支出绩效目标表',
      '项目名称：\t村道养护补助',
      '实施单位：\t某镇人民政府',
      '年度目标：\t产出指标\t完成全镇村道养护，群众满意。',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators).toEqual([]);
    expect(table?.warnings.map((w) => w.code)).toContain('import.no_indicators');
    expect(table?.warnings.some((w) => w.zh.includes('没有表头行'))).toBe(false);
  });

  it('reads no rows from a form laid out across: level-1 labels side by side head columns of indicators', () => {
    // One column per indicator, one row per town; the page ends before the towns' values.
    const text = [
      '2023年县级农村公路养护补助资金绩效目标表 | |||||',
      '项目单位 | 产 出 指 标 | 效 益 指 标 | ||||',
      '质量指标 | 数量指标 | 时效指标 | 社会效益指标 | |||',
      '养护工程验收合格率 | 养护里程 | 资金拨付及时率 | 指标1:群众出行条件改善 | 指标2:安全事故发生次数 | ||',
      '城关',
    ].join('\n');
    const tables = (() => {
      try {
        return importText(text).tables;
      } catch {
        return [];
      }
    })();
    expect(tables.flatMap((t) => t.indicators)).toEqual([]);
  });

  it('still reads a form whose level-1 label stands alone at the head of its rows', () => {
    const text = [
      '项目名称 | 农村公路养护 |',
      '产出指标 | 数量指标 | 养护里程 | ≥120公里 |',
      '满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% |',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level1, i.name, i.target.raw])).toEqual([
      ['产出指标', '养护里程', '≥120公里'],
      ['满意度指标', '沿线群众满意度', '≥90%'],
    ]);
  });
});
