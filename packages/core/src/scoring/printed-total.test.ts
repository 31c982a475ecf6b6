import { describe, expect, it } from 'vitest';
import { readPrintedTotal } from './printed-total.ts';

describe('readPrintedTotal', () => {
  it('reads the score after the weights’ total in a 总分 or 合计 row', () => {
    expect(readPrintedTotal('| 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |')).toBe(96);
    expect(readPrintedTotal('指标…\n合计 100.00 46.35  \n')).toBe(46.35);
    expect(readPrintedTotal('    总分 100 100\n')).toBe(100);
    expect(readPrintedTotal('总分（100分） 100 88.5')).toBe(88.5);
  });

  it('ignores money totals and rows without the weights’ total', () => {
    expect(readPrintedTotal('年度资金总额 合计 432000 372400')).toBeNull();
    expect(readPrintedTotal('总分(100分)\n')).toBeNull();
    expect(readPrintedTotal('合计 100 1200')).toBeNull();
  });

  it('reads figures printed with 分', () => {
    expect(readPrintedTotal('总分\t100分\t85.5分\n填表人：')).toBe(85.5);
    expect(readPrintedTotal('| 合计 | 100 | 94分 |')).toBe(94);
  });

  it('reads the figure beside 自评得分 on its line, the last total printed winning', () => {
    expect(readPrintedTotal('自评得分\t85.5\n填表人：')).toBe(85.5);
    expect(readPrintedTotal('自评得分\n85.5\n填表人：')).toBe(85.5);
    expect(readPrintedTotal('三、绩效自评结论\n项目自评分:96分\n自评结论：良好')).toBe(96);
    expect(readPrintedTotal('项目自评得分：94分。\n…\n总分 100 93')).toBe(93);
    // A caption of that name over a score column, or heading figures of a row, is no total.
    expect(readPrintedTotal('分值\t自评得分\t偏差原因\n10\t9')).toBeNull();
    expect(readPrintedTotal('自评得分\n10\n9')).toBeNull();
    expect(readPrintedTotal('分值 自评得分 10 9')).toBeNull();
  });
});
