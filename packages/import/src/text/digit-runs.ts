// Figures whose boundaries were lost (`1010100%`, `1510`): the ways a run of digits can be cut back into
// numbers as people write them (no leading zero, one decimal point each).

const WELL_FORMED = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Every way to cut `digits` into `count` well-formed numbers (at most C(39, 3) ways: the run is capped). */
export function cutsOf(digits: string, count: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, pieces: number[]) => {
    if (pieces.length === count - 1) {
      const last = digits.slice(from);
      if (WELL_FORMED.test(last)) out.push([...pieces, Number(last)]);
      return;
    }
    for (let to = from + 1; to < digits.length; to++) {
      const piece = digits.slice(from, to);
      if (!WELL_FORMED.test(piece)) continue;
      walk(to, [...pieces, Number(piece)]);
    }
  };
  if (count >= 2 && count <= 5) walk(0, []);
  return out;
}
