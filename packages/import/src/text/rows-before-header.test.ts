import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A document site's preview that prints a form's first rows before its own title and header block
// (written in that shape): the rows belong to the header after them.
const scrambled = [
  '当前位置:首页› 某区专项资金绩效目标申报表',
  '某区专项资金绩效目标申报表',
  '一级指标',
  '二级指标',
  '指标内容',
  '指标值',
  '产出指标',
  '数量指标',
  '培训基层人员',
  '300人次',
  '质量指标',
  '培训合格率',
  '≥95%',
  '某区专项资金绩效目标申报表',
  '(2019年度)',
  '填报单位(盖章)某区农业农村局',
  '专项名称',
  '基层农技推广补助',
  '资金总额(万元)',
  '80万元',
].join('\n');

describe('rows printed before their own form’s title and header', () => {
  it('joins them to the header after them as one table, with a warning to check', () => {
    const { tables } = importText(scrambled);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table).toMatchObject({ name: '基层农技推广补助', year: 2019 });
    expect(table?.indicators.map((i) => [i.name, i.target.raw])).toEqual([
      ['培训基层人员', '300人次'],
      ['培训合格率', '≥95%'],
    ]);
    expect(table?.warnings.map((w) => w.code)).toContain('import.rows_before_header');
    expect(table?.warnings.map((w) => w.code)).not.toContain('import.no_indicators');
  });

  it('leaves two forms apart when each has its own header', () => {
    const own = scrambled.replace(
      '某区专项资金绩效目标申报表\n一级指标',
      '某区专项资金绩效目标申报表\n项目名称 水产养殖补助\n实施单位 某区水产站\n一级指标',
    );
    const { tables } = importText(own);
    expect(tables.map((t) => t.name)).toEqual(['水产养殖补助', '基层农技推广补助']);
    expect(tables[1]?.indicators).toHaveLength(0);
  });
});
