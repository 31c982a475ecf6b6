import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import { readMappedTable } from './read-mapped.ts';
import { findLayout, matchLayout } from './template-region.ts';
import { unknownCaptions, unrecognisedFormWorkbook } from './unrecognised-form.fixtures.ts';

describe('column mapping on a sheet range', () => {
  it('keeps a workbook no reader recognises with its cells, and reads a range of them by column', async () => {
    const bytes = await unrecognisedFormWorkbook('项目库');
    const kept = await parseFile({ name: 'a05.xlsx', bytes }, { keepUnread: true });
    expect(kept.tables).toEqual([]);
    expect(kept.sourceCells?.[11]).toEqual({
      sheet: '项目库',
      cells: ['', ...unknownCaptions],
    });
    // Column A is empty: ignored; merged level cells are empty cells under the first.
    const mapping = {
      region: { line: 12, endLine: 19 },
      roles: ['ignore', 'level1', 'level2', 'target', 'explanation'] as const,
    };
    const read = readMappedTable(
      kept.sourceText,
      { ...mapping, roles: [...mapping.roles] },
      {
        cells: kept.sourceCells ?? [],
      },
    );
    expect(read.indicators.map((i) => [i.level1, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '375万平方米'],
      ['产出指标', '质量指标', '100%'],
      ['产出指标', '时效指标', '全年'],
      ['效益指标', '社会效益指标', '是'],
      ['效益指标', '生态效益指标', '是'],
      ['效益指标', '可持续性发展影响指标', '是'],
      ['满意度指标', '服务对象或受益者满意度指标', '≥95%'],
    ]);
    expect(read.signature).toEqual({
      headerWords: ['目标值', '备注'],
      columnCount: 5,
      sheetName: '项目库',
    });

    // A template of that sheet finds the range again in the next workbook; on a sheet of another name too,
    // with a lower fit that the preview shows.
    const layout = { signature: read.signature, separator: read.separator, roles: [...mapping.roles] };
    const next = await parseFile(
      { name: 'b.xlsx', bytes: await unrecognisedFormWorkbook('项目库') },
      { keepUnread: true },
    );
    // Down to the table's last row: the form's tick-box field under it (最近年度绩效评价情况 优秀□…) is no row.
    expect(findLayout(next.sourceText, layout, next.sourceCells)?.region).toEqual({ line: 12, endLine: 19 });
    const other = await parseFile(
      { name: 'c.xlsx', bytes: await unrecognisedFormWorkbook('Sheet1') },
      { keepUnread: true },
    );
    expect(matchLayout(next.sourceText, layout, next.sourceCells)?.fit.score).toBe(1);
    const renamed = matchLayout(other.sourceText, layout, other.sourceCells);
    expect(renamed?.mapping.region).toEqual({ line: 12, endLine: 19 });
    expect(renamed?.fit).toMatchObject({ score: 0.9, sheetSame: false });
  });
});
