import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readUnitRow } from './unit-row.ts';

const CAPTIONS = [
  '单位编码单位名称资金总额按收入性质分按支出性质分整体绩效目标部门整体支出年度绩效目标',
  '一般公共预算政府性基金拨款财政专户管理资金其他资金基本支出项目支出一级指标二级指标三级指标',
];

/** An amount in 万元 as budget tables print it: thousands apart, up to two decimals. */
const printed = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: true });

describe('readUnitRow', () => {
  it('reads the unit and a total that its sources and kinds of spending add up to, run together', () => {
    const row = '058003衡阳市社会福利院1,752.481,462.48200 90700.381,052.11、建立健全保障体系';
    expect(readUnitRow([...CAPTIONS, row], '万元')).toEqual({
      unit: '衡阳市社会福利院',
      code: '058003',
      total: 17524800,
    });
  });

  it('takes a total printed apart from the next cell as it stands', () => {
    expect(readUnitRow(['单位名称资金总额', '某县司法局 1752.48 1462.48 290'], '万元')?.total).toBe(17524800);
  });

  it('reads no total from figures that nothing vouches for, but still the unit', () => {
    expect(readUnitRow(['单位名称资金总额', '某县司法局175248146248290'], '万元')).toEqual({
      unit: '某县司法局',
      code: null,
      total: null,
    });
  });

  it('reads nothing from a row under captions that name no unit', () => {
    expect(readUnitRow(['项目名称资金总额', '某项目1752.48'], '万元')).toBeNull();
    expect(readUnitRow(['单位编码单位名称资金总额', '一般公共预算1752.48'], '万元')).toBeNull();
  });

  it('reads back any total whose sources and spending are printed run together', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.constantFrom('', ' '),
        (sources, basic, gap) => {
          const total = sources.reduce((n, x) => n + x, 0);
          fc.pre(basic < total);
          const figures = [total, ...sources, basic, total - basic].map(printed);
          const row = `001002某市某局${figures.join(gap)}1、完成年度任务`;
          const read = readUnitRow([...CAPTIONS, row], '万元');
          expect(read?.unit).toBe('某市某局');
          // Run together, another cut may add up too: then no total is read, never a wrong one.
          if (read?.total !== null) expect(read?.total).toBe(total * 100);
        },
      ),
      { numRuns: 100 },
    );
  });
});
