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
});
