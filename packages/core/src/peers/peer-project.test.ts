import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import type { SelfEvaluationEntry } from '../scoring/self-evaluation.schema.ts';
import { adoptPeerIndicator, peerProjectOf } from './peer-project.ts';
import { unitCostsOf } from './unit-cost.ts';

const table = buildTable({
  indicators: [
    buildIndicator('产出目标', '数量', '参观人数', '>=2000人'),
    buildIndicator('产出目标', '成本', '人均接待成本', '<=0.05万元/人'),
    buildIndicator('产出目标', '质量', '接待工作质量', '>=95%'),
    buildIndicator('产出目标', '时效', '完成时间', '<=12个月'),
  ],
});

describe('unit costs', () => {
  it('divides the budget by each output quantity and reads stated costs', () => {
    expect(unitCostsOf(table)).toEqual([
      { per: '人', yuan: 1000, indicatorIndex: 0, basis: 'target' },
      { per: '人', yuan: 500, indicatorIndex: 1, basis: 'stated' },
    ]);
    // What was achieved replaces the target.
    expect(unitCostsOf(table, new Map([[0, '4000人']]))[0]).toEqual({
      per: '人',
      yuan: 500,
      indicatorIndex: 0,
      basis: 'actual',
    });
  });
});

describe('similar projects', () => {
  const entry: SelfEvaluationEntry = {
    budget: { adjusted: 2_000_000, executed: 1_900_000 },
    indicators: [{ index: 0, actual: '2500人', applicable: true }],
    adjustments: [],
  };

  it('carry the self-evaluation actuals of the evaluated version, the grade and unit costs', () => {
    const peer = peerProjectOf({
      tableId: '00000000-0000-4000-8000-000000000002',
      version: 3,
      department: '某委',
      similarity: 0.42,
      table,
      evaluation: { entry, version: 3, total: 91.5, grade: '优' },
    });
    expect(peer.indicators[0]?.actual).toBe('2500人');
    expect(peer.evaluation).toEqual({ total: 91.5, grade: '优' });
    expect(peer.executed).toBe(1_900_000);
    expect(peer.unitCosts[0]).toEqual({ per: '人', yuan: 800, indicatorIndex: 0, basis: 'actual' });
    // A self-evaluation of another version does not lend its actuals by position.
    const other = peerProjectOf({
      tableId: '00000000-0000-4000-8000-000000000002',
      version: 4,
      department: null,
      similarity: 0.42,
      table,
      evaluation: { entry, version: 3, total: 91.5, grade: '优' },
    });
    expect(other.indicators[0]?.actual).toBeNull();
  });

  it('adopt an indicator with its target and remember where it came from', () => {
    const peer = peerProjectOf({
      tableId: '00000000-0000-4000-8000-000000000002',
      version: 3,
      department: null,
      similarity: 1,
      table,
      evaluation: { entry, version: 3, total: 91.5, grade: '优' },
    });
    const adopted = adoptPeerIndicator(peer, 0);
    expect(adopted.name).toBe('参观人数');
    expect(adopted.target).toMatchObject({ kind: 'quantitative', operator: '>=', value: 2000, unit: '人' });
    expect(adopted.adoptedFrom).toEqual({
      tableId: peer.tableId,
      year: 2020,
      unit: '上海市某某局',
      project: '社区科普活动经费',
      actual: '2500人',
    });
    expect(() => adoptPeerIndicator(peer, 99)).toThrow(RangeError);
  });
});
