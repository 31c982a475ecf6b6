import type { PeerProject, UnitCost } from '@jixiao/core/peers/peer.schema';
import { describe, expect, it } from 'vitest';
import { peerCostRanges } from './peer-costs.ts';

const peer = (tableId: string, unitCosts: UnitCost[]): PeerProject => ({
  tableId,
  version: 1,
  year: 2019,
  unit: '某单位',
  department: null,
  name: '展厅运营经费',
  category: null,
  currentYearBudget: null,
  executed: null,
  similarity: 0.5,
  evaluation: null,
  indicators: [],
  unitCosts,
});

describe('peer cost ranges', () => {
  it('takes each peer once per unit, what it achieved before its target, lowest to highest', () => {
    const ranges = peerCostRanges([
      peer('00000000-0000-4000-8000-000000000001', [
        { per: '人', yuan: 400, indicatorIndex: 0, basis: 'target' },
        { per: '人', yuan: 333.33, indicatorIndex: 0, basis: 'actual' },
        { per: '场', yuan: 20_000, indicatorIndex: 1, basis: 'target' },
      ]),
      peer('00000000-0000-4000-8000-000000000002', [
        { per: '人', yuan: 420, indicatorIndex: 0, basis: 'actual' },
      ]),
      peer('00000000-0000-4000-8000-000000000003', []),
    ]);
    expect(ranges.get('人')).toEqual({ per: '人', low: 333.33, high: 420, count: 2 });
    expect(ranges.get('场')).toEqual({ per: '场', low: 20_000, high: 20_000, count: 1 });
    expect(ranges.size).toBe(2);
  });
});
