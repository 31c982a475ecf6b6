import type { PeerProject, UnitCost } from '@jixiao/core/peers/peer.schema';

/** The similar projects' unit costs per one unit of output (元/人 …): lowest, highest and how many peers. */
export interface PeerCostRange {
  per: string;
  low: number;
  high: number;
  count: number;
}

const basisOrder: Record<UnitCost['basis'], number> = { actual: 0, stated: 1, target: 2 };

/**
 * Each peer's unit cost per unit of output, counted once per peer and unit: what it achieved first, then a
 * stated cost indicator, then its targets (the order the evidence rule P03 compares them in).
 */
export function peerCostRanges(peers: readonly PeerProject[]): Map<string, PeerCostRange> {
  const ranges = new Map<string, PeerCostRange>();
  for (const peer of peers) {
    const best = new Map<string, UnitCost>();
    for (const cost of peer.unitCosts) {
      const seen = best.get(cost.per);
      if (!seen || basisOrder[cost.basis] < basisOrder[seen.basis]) best.set(cost.per, cost);
    }
    for (const [per, cost] of best) {
      const range = ranges.get(per);
      ranges.set(
        per,
        range
          ? {
              per,
              low: Math.min(range.low, cost.yuan),
              high: Math.max(range.high, cost.yuan),
              count: range.count + 1,
            }
          : { per, low: cost.yuan, high: cost.yuan, count: 1 },
      );
    }
  }
  return ranges;
}
