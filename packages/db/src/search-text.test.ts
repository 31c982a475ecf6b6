import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { searchKey } from '@jixiao/core/text/search-key';
import { describe, expect, it } from 'vitest';
import { maxSearchText, searchTextOf } from './search-text.ts';

describe('searchTextOf', () => {
  it('puts the unit first, then department, project and each distinct indicator part, normalised, one per line', () => {
    const table = buildTable({
      unit: 'Ｕｎｉｔ 单位',
      name: '项目 A',
      indicators: [
        buildIndicator('产出指标', '数量指标', '培训人数', '>=100人'),
        buildIndicator('产出指标', '数量指标', '培训 场次', '>=2场'),
      ],
    });
    const lines = searchTextOf(table).split('\n');
    expect(lines[0]).toBe('unit单位');
    expect(lines).toContain('项目a');
    expect(lines.filter((line) => line === '产出指标')).toHaveLength(1);
    expect(lines.slice(-2)).toEqual(['培训人数', '培训场次']);
  });

  it('keeps at most maxSearchText characters of a table at the schema limits, unit and project whole', () => {
    const name = '项'.repeat(200);
    const table = buildTable({
      name,
      indicators: Array.from({ length: 500 }, (_, i) =>
        buildIndicator('产出指标', '数量指标', `${'指'.repeat(495)}${i}`, '>=1个'),
      ),
    });
    const text = searchTextOf(table);
    expect(text.length).toBe(maxSearchText);
    const lines = text.split('\n');
    expect(lines[0]).toBe(searchKey(table.unit));
    expect(lines).toContain(name);
  });
});
