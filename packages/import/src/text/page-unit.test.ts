import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beforeInlineLabel } from './fields.ts';
import { importText } from './import-text.ts';
import { unitLines, unitOfPage } from './page-unit.ts';

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));

const form = [
  '项目支出绩效目标表',
  '（2024年度）',
  '项目名称\t农村公路养护',
  '一级指标\t二级指标\t三级指标\t指标值',
  '产出指标\t数量指标\t养护里程\t≥120公里',
  '满意度指标\t服务对象满意度指标\t群众满意度\t≥90%',
  '填表人：',
];

describe('unitOfPage', () => {
  it('takes the publisher a government page names above the form', () => {
    expect(unitOfPage(lines('信息来源:临安区交通运输局 发布时间:2024-03-01\n项目名称 x'))).toEqual({
      unit: '临安区交通运输局',
      source: 'publisher',
    });
    expect(unitOfPage(lines('发布机构 | 同心县下马关镇 | 文 号 | 无 |'))?.unit).toBe('同心县下马关镇');
  });

  it("takes a notice's one addressee, not several", () => {
    expect(unitOfPage(lines('陈家区水利局:\n根据……'))).toEqual({ unit: '陈家区水利局', source: 'addressee' });
    expect(unitOfPage(lines('各乡镇财政所、水利站:\n根据……'))).toBeNull();
  });

  it('takes no funding source for a publisher', () => {
    expect(unitOfPage(lines('资金来源：县财政局'))).toBeNull();
  });

  it('finds nothing on a page that names no organisation', () => {
    expect(unitOfPage(lines(form.join('\n')))).toBeNull();
  });
});

describe('a form that prints no unit', () => {
  it("is the page publisher's, with a warning to check", () => {
    const [table] = importText(['发布机构: 临安区交通运输局', ...form].join('\n')).tables;
    expect(table?.unit).toBe('临安区交通运输局');
    expect(table?.warnings.find((w) => w.code === 'import.unit_implied')?.zh).toContain('发布机构');
  });

  it("is the supervising department's when that is all it prints", () => {
    const text = [...form.slice(0, 3), '主管预算部门\t临安区交通运输局 308001', ...form.slice(3)].join('\n');
    const [table] = importText(text).tables;
    expect(table?.unit).toBe('临安区交通运输局');
    expect(table?.supervisingDepartment).toBe('临安区交通运输局');
    expect(table?.warnings.map((w) => w.code)).toContain('import.unit_implied');
  });

  it('keeps a printed unit over the page publisher and says nothing', () => {
    const text = [
      '发布机构: 临安区人民政府',
      ...form.slice(0, 3),
      '实施单位\t临安区公路中心',
      ...form.slice(3),
    ];
    const [table] = importText(text.join('\n')).tables;
    expect(table?.unit).toBe('临安区公路中心');
    expect(table?.warnings.map((w) => w.code)).not.toContain('import.unit_implied');
  });

  it('stops a value at the next label printed on its line', () => {
    const text = [...form.slice(0, 2), '项目名称：学生事务补助 填报人: 王五', ...form.slice(3)];
    expect(importText(text.join('\n')).tables[0]?.name).toBe('学生事务补助');
  });

  it('keeps a name whose last word only looks like a label, printed after a space', () => {
    expect(beforeInlineLabel('2024年 社区服务站点名称')).toBe('2024年 社区服务站点名称');
    expect(beforeInlineLabel('社区服务 项目类别：民生')).toBe('社区服务');
    expect(beforeInlineLabel('社区服务 填报人')).toBe('社区服务');
  });
});

describe('unitLines', () => {
  const texts = [
    '发布机构: 零陵区林业局',
    '信息来源:临邑县财政局 发布时间:2023',
    '陈仓区水利局:',
    '资金来源: 县财政局',
    '说明',
  ];
  const picked = (max: number) =>
    fc
      .array(fc.constantFrom(...texts), { maxLength: max })
      .map((t) => t.map((text, i) => ({ text, line: i + 1 })));

  it('keeps the lines unitOfPage answers from, whatever follows them', () => {
    fc.assert(
      fc.property(picked(30), picked(10), (before, after) => {
        expect(unitOfPage([...unitLines(before), ...after])).toEqual(unitOfPage([...before, ...after]));
      }),
      { numRuns: 1000 },
    );
  });
});
