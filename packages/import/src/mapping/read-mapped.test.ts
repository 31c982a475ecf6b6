import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSeparator, isCaptionRow, readMappedTable, splitCells } from './read-mapped.ts';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');
const corpus = (name: string) => readFileSync(join(train, name), 'utf8');

describe('splitCells', () => {
  it('keeps empty cells between pipes and drops the nothing after the last one', () => {
    expect(splitCells('质量指标 | 100% | | 达到 |', 'pipe')).toEqual(['质量指标', '100%', '', '达到']);
    expect(splitCells('| a | b', 'pipe')).toEqual(['a', 'b']);
  });

  it('splits aligned columns on two or more spaces, and plain text on any space', () => {
    expect(splitCells('产出指标   数量指标  培训 人次   ≥500', 'spaces')).toEqual([
      '产出指标',
      '数量指标',
      '培训 人次',
      '≥500',
    ]);
    expect(splitCells('产出指标 数量指标 ≥500', 'space')).toEqual(['产出指标', '数量指标', '≥500']);
  });
});

describe('detectSeparator', () => {
  it('tells tabs, pipes, aligned columns, commas and spaces apart', () => {
    expect(detectSeparator(['a\tb', 'c\td'])).toBe('tab');
    expect(detectSeparator(['a | b |', 'c | d |'])).toBe('pipe');
    expect(detectSeparator(['产出  数量', '效益  社会'])).toBe('spaces');
    expect(detectSeparator(['a,b,c', 'd,e,f'])).toBe('comma');
    expect(detectSeparator(['产出 数量 人数', '效益 社会 率'])).toBe('space');
  });
});

describe('isCaptionRow', () => {
  it('knows a caption row from an indicator row that holds level words', () => {
    expect(isCaptionRow(['一级指标', '二级指标', '三级指标', '指标值'])).toBe(true);
    expect(isCaptionRow(['指标类型', '指标名称', '指标值', '指标描述'])).toBe(true);
    expect(isCaptionRow(['产出指标', '数量指标', '管理面积', '=230亩'])).toBe(false);
  });
});

describe('readMappedTable on real documents', () => {
  it('reads train/topic-d-04 (traditional script, pinyin notes, merged level cells)', () => {
    const read = readMappedTable(corpus('topic-d-04.txt'), {
      region: { line: 21, endLine: 26 },
      roles: ['level1', 'level2', 'level3', 'target', 'actual', 'cause'],
    });
    expect(read.separator).toBe('pipe');
    expect(read.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.actual ?? null])).toEqual([
      ['产出指标', '数量指标', '管理忠烈祠面积', '=230亩', '=230亩'],
      ['产出指标', '数量指标', '忠烈祠免费开放', '=365天', '=365天'],
      ['产出指标', '数量指标', '聘用讲解员,、综治队员以及物业管理人员', '32人', '32人'],
      ['产出指标', '质量指标', '忠烈祠保护合格率', '=100%', '=100%'],
      ['产出指标', '时效指标', '2020年12月完成', '=95%', '=95%'],
    ]);
    expect(read.indicators[0]?.target).toMatchObject({ operator: '=', value: 230, unit: '亩' });
    expect(read.rowSources.map((s) => s.line)).toEqual([22, 23, 24, 25, 26]);
    // The caption row is the layout's signature.
    expect(read.signature).toEqual({
      headerWords: [
        '绩效指标',
        '一级指标',
        '二级指标',
        '三级指标',
        '指标值',
        '全年实际完成值',
        '产生差异的原因及改进措施',
      ],
      columnCount: 6,
      sheetName: null,
    });
    expect(read.warnings).toEqual([]);
  });

  it('reads train/header-a-05 (a 项目库 form), level 2 naming the rows', () => {
    const read = readMappedTable(corpus('header-a-05.txt'), {
      region: { line: 12, endLine: 19 },
      roles: ['level1', 'level2', 'target', 'explanation'],
    });
    expect(read.indicators.map((i) => [i.level1, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '375万平方米'],
      ['产出指标', '质量指标', '100%'],
      ['产出指标', '时效指标', '全年'],
      ['效益指标', '社会效益指标', '是'],
      ['效益指标', '生态效益指标', '是'],
      ['效益指标', '可持续性发展影响指标', '是'],
      ['满意度指标', '服务对象或受益者满意度指标', '≥95%'],
    ]);
    expect(read.indicators[0]?.target).toMatchObject({ value: 375, unit: '万平方米' });
    expect(read.indicators[1]?.explanation).toBe('达到绿化绿地全覆盖');
  });

  it('reads train/selfeval-06 (single spaces between cells, operator, value and unit apart)', () => {
    const read = readMappedTable(corpus('selfeval-06.txt'), {
      region: { line: 17, endLine: 20 },
      roles: [
        'level1',
        'level2',
        'level3',
        'explanation',
        'operator',
        'value',
        'unit',
        'actual',
        'ignore',
        'weight',
        'score',
        'ignore',
      ],
    });
    expect(read.separator).toBe('space');
    expect(read.indicators.map((i) => [i.level1, i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual(
      [
        ['产出指标', '符合条件申报对象覆盖率', '>=98%(百分比)', '100%', 25, 25],
        ['产出指标', '完成率', '>=99%(百分比)', '100%', 25, 25],
        ['效果指标', '补贴发放率', '>=75%(百分比)', '100%', 30, 30],
        ['满意度指标', '服务对象满意度', '>=95%(百分比)', '100%', 10, 10],
      ],
    );
    expect(read.indicators[0]?.target).toMatchObject({ operator: '>=', value: 98 });
    expect(read.indicators[1]?.explanation).toBe('按照要求每月及时完成符合条件对象审批的比例(百分比)');
  });

  it('composes the target from operator, value and unit columns and reads weights and scores', () => {
    const text = [
      '一级指标\t二级指标\t三级指标\t符号\t指标值\t单位\t实际完成值\t分值\t得分\t偏差原因',
      '产出指标\t数量指标\t培训人次\t≥\t500\t人次\t520人次\t20\t20\t',
      '\t\t培训场次\t≥\t10\t场\t8场\t10\t8\t天气原因延期',
      '\t质量指标\t合格率\t≥\t95\t%\t96%\t十分\t—\t',
    ].join('\n');
    const read = readMappedTable(text, {
      region: { line: 1, endLine: 4 },
      roles: [
        'level1',
        'level2',
        'level3',
        'operator',
        'value',
        'unit',
        'actual',
        'weight',
        'score',
        'cause',
      ],
    });
    expect(read.separator).toBe('tab');
    expect(read.indicators.map((i) => [i.level2, i.name, i.target.raw, i.weight, i.score])).toEqual([
      ['数量指标', '培训人次', '≥500人次', 20, 20],
      ['数量指标', '培训场次', '≥10场', 10, 8],
      ['质量指标', '合格率', '≥95%', undefined, undefined],
    ]);
    expect(read.indicators[1]?.deviationReason).toBe('天气原因延期');
    expect(read.indicators[2]?.target).toMatchObject({ operator: '>=', value: 95, unit: '%' });
    expect(read.warnings.map((w) => [w.code, w.line, w.path])).toEqual([
      ['mapping.not_a_number', 4, 'indicators.2.weight'],
    ]);
  });

  it('leaves out a row with no name, with a located warning', () => {
    const read = readMappedTable('产出指标 | | | 100% |\n', {
      region: { line: 1, endLine: 1 },
      roles: ['level1', 'level2', 'level3', 'target'],
    });
    expect(read.indicators).toEqual([]);
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([['mapping.no_name', 1]]);
  });
});
