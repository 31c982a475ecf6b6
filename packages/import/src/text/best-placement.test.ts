import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestPlacement } from './best-placement.ts';

/** Every order-preserving placement, by increasing column, keeping the first with a higher score. */
function searchAll(count: number, columns: number, fit: (v: number, c: number) => number): number[] {
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  const chosen: number[] = [];
  const place = (v: number, from: number, score: number): void => {
    if (v === count) {
      if (score > bestScore) {
        bestScore = score;
        best = [...chosen];
      }
      return;
    }
    for (let c = from; c <= columns - (count - v); c++) {
      chosen[v] = c;
      place(v + 1, c + 1, score + fit(v, c));
    }
    chosen.length = v;
  };
  place(0, 0, 0);
  return best;
}

describe('bestPlacement', () => {
  it('places as the search of every placement does, ties going to the leftmost columns', () => {
    // Fits from a few halves, so that ties are frequent.
    const grid = fc
      .record({ count: fc.integer({ min: 0, max: 6 }), columns: fc.integer({ min: 0, max: 9 }) })
      .chain(({ count, columns }) =>
        fc
          .array(fc.constantFrom(-9, -2, 0, 0.5, 1, 2, 3, 4), {
            minLength: count * columns,
            maxLength: count * columns,
          })
          .map((fits) => ({ count, columns, fits })),
      );
    fc.assert(
      fc.property(grid, ({ count, columns, fits }) => {
        const fit = (v: number, c: number) => fits[v * columns + c] ?? 0;
        expect(bestPlacement(count, columns, fit)).toEqual(searchAll(count, columns, fit));
      }),
      { numRuns: 2000 },
    );
  });

  it('places 20 values in 36 columns in 20 × 36 steps', () => {
    let steps = 0;
    const placed = bestPlacement(20, 36, (v, c) => {
      steps++;
      return c === v + 16 ? 1 : 0;
    });
    expect(placed).toEqual(Array.from({ length: 20 }, (_, v) => v + 16));
    expect(steps).toBeLessThanOrEqual(20 * 36);
  });

  it('places nothing when there are more values than columns', () => {
    expect(bestPlacement(3, 2, () => 1)).toEqual([]);
  });
});
