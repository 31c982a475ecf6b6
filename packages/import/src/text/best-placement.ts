/**
 * The best order-preserving placement of `count` values into `columns` columns (value i in a column left
 * of value i + 1's), scored by the sum of `fit(value, column)`: the column of each value, or [] when
 * there are more values than columns. Of the placements with the best score the one with the leftmost
 * columns wins (the first that a search by increasing column meets). Fits must add exactly (multiples
 * of ½ do), so that equal sums are true ties.
 *
 * Dynamic programming over (value, column) in count × columns steps: trying every placement takes
 * C(columns, count) steps, and a fuzzed row of 20 words under 36 columns never finished.
 */
export function bestPlacement(
  count: number,
  columns: number,
  fit: (value: number, column: number) => number,
): number[] {
  if (count > columns) return [];
  const width = columns + 1;
  const fits = new Float64Array(count * width);
  // best[v * width + c]: the best score of values v.. placed into columns c.. (row `count` is all 0).
  const best = new Float64Array((count + 1) * width);
  for (let v = count - 1; v >= 0; v--) {
    // Values v.. need count - v columns, so value v sits at most at column columns - (count - v).
    let suffix = Number.NEGATIVE_INFINITY;
    for (let c = columns - (count - v); c >= 0; c--) {
      const f = fit(v, c);
      fits[v * width + c] = f;
      const here = f + (best[(v + 1) * width + c + 1] ?? 0);
      if (here >= suffix) suffix = here;
      best[v * width + c] = suffix;
    }
  }
  const placed: number[] = [];
  let from = 0;
  for (let v = 0; v < count; v++) {
    const target = best[v * width + from];
    let c = from;
    while (
      c < columns - (count - v) &&
      (fits[v * width + c] ?? 0) + (best[(v + 1) * width + c + 1] ?? 0) !== target
    )
      c++;
    placed.push(c);
    from = c + 1;
  }
  return placed;
}
