import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMappedTable } from './read-mapped.ts';
import { findLayout } from './template-region.ts';

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
