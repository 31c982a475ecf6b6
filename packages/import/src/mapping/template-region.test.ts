import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMappedTable } from './read-mapped.ts';
import { findLayout, matchLayout } from './template-region.ts';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');
const topic = readFileSync(join(train, 'topic-d-04.txt'), 'utf8');
const roles = ['level1', 'level2', 'level3', 'target', 'actual', 'cause'] as const;

describe('findLayout', () => {
  const mapped = readMappedTable(topic, { region: { line: 21, endLine: 26 }, roles: [...roles] });
  const layout = { signature: mapped.signature, separator: mapped.separator, roles: [...roles] };

  it('finds a saved layout again in the same document and reads the same rows', () => {
    const found = findLayout(topic, layout);
    expect(found?.region.line).toBe(21);
    const again = readMappedTable(topic, found ?? { region: { line: 1, endLine: 1 }, roles: ['ignore'] });
    expect(again.indicators.map((i) => i.name)).toEqual(mapped.indicators.map((i) => i.name));
  });

  it('finds it in another document of the layout, down to its closing line', () => {
    const other = [
      '2021年某项目部门整体支出绩效自评表',
      '績效指標 | 一級指標 | 二級指標 | 三級指標 | 指標值 | 全年實際完成值 | 產生差異的原因及改進措施 |',
      '產出指標 | 數量指標 | 开放天数 | =300天 | =310天 | |',
      '满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% | 95% | |',
      '合计 | | | | | |',
    ].join('\n');
    const found = findLayout(other, layout);
    expect(found?.region).toEqual({ line: 2, endLine: 4 });
    const read = readMappedTable(other, found ?? { region: { line: 1, endLine: 1 }, roles: ['ignore'] });
    expect(read.indicators.map((i) => [i.level1, i.name, i.target.raw, i.actual])).toEqual([
      ['产出指标', '开放天数', '=300天', '=310天'],
      ['满意度指标', '游客满意度', '≥90%', '95%'],
    ]);
  });

  it('does not take a table of other captions for the layout', () => {
    const other = '一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 人数 | 5人 |\n';
    expect(findLayout(other, layout)).toBeNull();
  });
});

describe('matchLayout: a layout known again through small differences', () => {
  const saved = [
    '2023年度项目绩效自评表',
    '一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 得分 |',
    '产出指标 | 数量指标 | 培训人次 | ≥500人次 | 620人次 | 20 |',
    '效益指标 | 社会效益指标 | 就业率 | ≥80% | 85% | 30 |',
  ].join('\n');
  const roles = ['level1', 'level2', 'level3', 'target', 'actual', 'score'] as const;
  const mapped = readMappedTable(saved, { region: { line: 3, endLine: 4 }, roles: [...roles] });
  const layout = { signature: mapped.signature, separator: mapped.separator, roles: [...roles] };
  const read = (text: string) => {
    const found = matchLayout(text, layout);
    const rows = found ? readMappedTable(text, found.mapping).indicators : [];
    return { found, rows: rows.map((i) => [i.name, i.target.raw, i.actual ?? null, i.score ?? null]) };
  };

  it('matches its own file fully', () => {
    expect(read(saved).found?.fit).toEqual({
      score: 1,
      sameWords: 6,
      templateWords: 6,
      fileWords: 6,
      templateColumns: 6,
      fileColumns: 6,
      sheetSame: null,
    });
  });

  it('reads a file whose caption was renamed, and says how well it matched', () => {
    const renamed = saved.replace('实际完成值', '全年实际值').replaceAll('2023', '2024');
    const { found, rows } = read(renamed);
    expect(found?.fit).toMatchObject({ sameWords: 5, templateWords: 6, fileWords: 6, fileColumns: 6 });
    // Caption words 10 of 12 (70%), columns equal (20%), no sheet (10%).
    expect(found?.fit.score).toBe(0.88);
    expect(rows).toEqual([
      ['培训人次', '≥500人次', '620人次', 20],
      ['就业率', '≥80%', '85%', 30],
    ]);
  });

  it('reads a file with an added column, the column ignored and the others keeping their roles', () => {
    const added = [
      '一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |',
      '产出指标 | 数量指标 | 培训人次 | ≥500人次 | 620人次 | 25 | 20 |',
      '效益指标 | 社会效益指标 | 就业率 | ≥80% | 85% | 35 | 30 |',
    ].join('\n');
    const { found, rows } = read(added);
    expect(found?.mapping.roles).toEqual([
      'level1',
      'level2',
      'level3',
      'target',
      'actual',
      'ignore',
      'score',
    ]);
    expect(found?.fit).toMatchObject({ sameWords: 6, fileWords: 7, templateColumns: 6, fileColumns: 7 });
    expect(found?.fit.score).toBeLessThan(1);
    expect(rows).toEqual([
      ['培训人次', '≥500人次', '620人次', 20],
      ['就业率', '≥80%', '85%', 30],
    ]);
  });

  it('prefers the caption row that matches best, and takes no table sharing too few captions', () => {
    const two = [
      '一级指标 | 二级指标 | 三级指标 | 年度指标值 |',
      '产出指标 | 数量指标 | 培训人次 | ≥500人次 |',
      '',
      saved,
    ].join('\n');
    expect(matchLayout(two, layout)?.mapping.region.line).toBe(5);
    const fewer = '一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n产出指标 | 数量指标 | 人数 | 5人 |\n';
    expect(matchLayout(fewer, layout)).toBeNull();
  });
});
