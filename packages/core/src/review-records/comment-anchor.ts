import type { Indicator } from '../tables/table.schema.ts';
import type { CommentAnchor, CommentPlacement, IndicatorKey, ReviewComment } from './review-record.schema.ts';

/** The identity a comment keeps of an indicator: its levels and name, nothing of its target or weight. */
export function indicatorKey(indicator: Pick<Indicator, 'level1' | 'level2' | 'name'>): IndicatorKey {
  return { level1: indicator.level1, level2: indicator.level2, name: indicator.name };
}

// Whitespace is how a pasted or retyped name differs without being another indicator.
const clean = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();
const keyText = (k: IndicatorKey): string =>
  JSON.stringify([clean(k.level1), clean(k.level2), clean(k.name)]);
const levelsText = (k: IndicatorKey): string => JSON.stringify([clean(k.level1), clean(k.level2)]);

/** Character pairs of a name (the name itself when shorter), as a multiset. */
function grams(name: string): Map<string, number> {
  const text = clean(name);
  const out = new Map<string, number>();
  if (text.length < 2) out.set(text, 1);
  for (let i = 0; i + 1 < text.length; i++) {
    const g = text.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** How alike two names are, 0 to 1 (Dice over character pairs: Chinese names share words, not letters). */
export function similarity(a: string, b: string): number {
  const x = grams(a);
  const y = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** Where an indicator of the earlier version is in the later one; `changed` when its levels or name differ. */
export interface IndicatorMatch {
  index: number;
  changed: boolean;
}

/**
 * Pairs `before[i]` with `after[j]` when both have the same key, nearest rows first: duplicates are
 * indistinguishable by content, so the row index breaks the tie.
 */
function pairNearest(
  befores: readonly number[],
  afters: readonly number[],
  result: Array<IndicatorMatch | null>,
  taken: Set<number>,
  changed: boolean,
): void {
  if (befores.length === 1 && afters.length === 1) {
    const [b, a] = [befores[0] as number, afters[0] as number];
    result[b] = { index: a, changed };
    taken.add(a);
    return;
  }
  const pairs: Array<[number, number]> = [];
  for (const b of befores) for (const a of afters) pairs.push([b, a]);
  pairs.sort((x, y) => Math.abs(x[0] - x[1]) - Math.abs(y[0] - y[1]) || x[0] - y[0] || x[1] - y[1]);
  for (const [b, a] of pairs) {
    if (result[b] || taken.has(a)) continue;
    result[b] = { index: a, changed };
    taken.add(a);
  }
}

function groupBy(
  keys: readonly IndicatorKey[],
  text: (k: IndicatorKey) => string,
  only?: (i: number) => boolean,
) {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (only && !only(i)) return;
    const k = text(key);
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

/**
 * Follows each indicator of `before` (the version a reviewer read) into `after` (a later version, or the
 * author's unsaved edits): null when it is gone. Never pairs an indicator with a row that is another
 * indicator of `before`:
 * 1. rows with the same levels and name are the same indicator, wherever they moved;
 * 2. a name found once among the leftovers on each side is that indicator with new levels;
 * 3. between the same two matched neighbours, leftovers with the same levels are paired, the most alike
 *    names first, and names with nothing in common in order only when there are as many on both sides
 *    (an indicator renamed in place, with rows added or removed elsewhere);
 * 4. a leftover at the same row with the same levels is that indicator renamed.
 * Rows paired by 2–4 are `changed`, and only rows whose levels and name `before` never had are offered
 * to them, so a comment never lands on another indicator of the reviewed version.
 */
export function matchIndicators(
  before: readonly IndicatorKey[],
  after: readonly IndicatorKey[],
): Array<IndicatorMatch | null> {
  const result: Array<IndicatorMatch | null> = before.map(() => null);
  const taken = new Set<number>();

  const afterByKey = groupBy(after, keyText);
  for (const [key, befores] of groupBy(before, keyText)) {
    const afters = afterByKey.get(key);
    if (afters) pairNearest(befores, afters, result, taken, false);
  }

  // A leftover row of `after` that repeats a key of `before` is a copy of that indicator, not a rename.
  const beforeKeys = new Set(before.map(keyText));
  const leftBefore = (i: number) => result[i] === null;
  const leftAfter = (j: number) => !taken.has(j) && !beforeKeys.has(keyText(after[j] as IndicatorKey));
  const nameOf = (k: IndicatorKey) => clean(k.name);
  const afterByName = groupBy(after, nameOf, leftAfter);
  for (const [name, befores] of groupBy(before, nameOf, leftBefore)) {
    const afters = afterByName.get(name);
    if (befores.length === 1 && afters?.length === 1) pairNearest(befores, afters, result, taken, true);
  }

  // Leftovers between the same matched neighbours with the same levels: the most alike names first;
  // names with nothing in common only when both sides have as many leftovers, in order.
  const gapsDone = new Set<string>();
  for (let i = 0; i < before.length; i++) {
    if (result[i] !== null) continue;
    let p = i - 1;
    while (p >= 0 && result[p] === null) p--;
    let n = i + 1;
    while (n < before.length && result[n] === null) n++;
    const from = p >= 0 ? (result[p] as IndicatorMatch).index : -1;
    const to = n < before.length ? (result[n] as IndicatorMatch).index : after.length;
    const levels = levelsText(before[i] as IndicatorKey);
    const gap = `${p}:${n}:${levels}`;
    if (from >= to || gapsDone.has(gap)) continue;
    gapsDone.add(gap);
    const befores: number[] = [];
    for (let b = p + 1; b < n; b++) {
      if (result[b] === null && levelsText(before[b] as IndicatorKey) === levels) befores.push(b);
    }
    const afters: number[] = [];
    for (let a = from + 1; a < to; a++) {
      if (leftAfter(a) && levelsText(after[a] as IndicatorKey) === levels) afters.push(a);
    }
    const pairs = befores.flatMap((b, x) =>
      afters.map((a, y) => ({
        b,
        a,
        alike: similarity((before[b] as IndicatorKey).name, (after[a] as IndicatorKey).name),
        offset: Math.abs(x - y),
      })),
    );
    pairs.sort((u, v) => v.alike - u.alike || u.offset - v.offset || u.b - v.b);
    const inOrder = befores.length === afters.length;
    for (const { b, a, alike, offset } of pairs) {
      if (result[b] !== null || taken.has(a)) continue;
      if (alike === 0 && !(inOrder && offset === 0)) continue;
      result[b] = { index: a, changed: true };
      taken.add(a);
    }
  }

  before.forEach((key, i) => {
    const here = after[i];
    if (result[i] === null && here && leftAfter(i) && levelsText(here) === levelsText(key)) {
      result[i] = { index: i, changed: true };
      taken.add(i);
    }
  });
  return result;
}

const INDICATOR_PATH = /^indicators\.(\d+)(\..+)?$/;

/** Where one comment shows, given where its indicator went (`follow` maps a reviewed row to a shown row). */
function placeWith(
  comment: Pick<CommentAnchor, 'path' | 'indicatorIndex'>,
  follow: (index: number) => IndicatorMatch | null,
): CommentPlacement {
  if (comment.path === null) return { status: 'table', path: null, indicatorIndex: null };
  const parts = INDICATOR_PATH.exec(comment.path);
  const index = comment.indicatorIndex ?? (parts ? Number(parts[1]) : null);
  if (!parts || index === null) return { status: 'field', path: comment.path, indicatorIndex: null };
  const match = follow(index);
  if (!match) return { status: 'removed', path: null, indicatorIndex: null };
  const status = match.changed ? 'changed' : match.index === index ? 'same' : 'moved';
  return { status, path: `indicators.${match.index}${parts[2] ?? ''}`, indicatorIndex: match.index };
}

/**
 * Follows each indicator of `trail[0]` through every later list of rows in `trail` (the saved versions
 * in order, then perhaps the author's unsaved edits): matching version by version keeps an indicator
 * added in between apart from one deleted later, which a direct comparison of the ends would take for a
 * rename. `changed` once changed stays changed.
 */
export function followIndicators(trail: readonly (readonly IndicatorKey[])[]): Array<IndicatorMatch | null> {
  const [first, ...rest] = trail;
  let result: Array<IndicatorMatch | null> = (first ?? []).map((_, index) => ({ index, changed: false }));
  let previous = first ?? [];
  for (const rows of rest) {
    const step = matchIndicators(previous, rows);
    result = result.map((match) => {
      const next = match ? step[match.index] : null;
      return next ? { index: next.index, changed: match?.changed === true || next.changed } : null;
    });
    previous = rows;
  }
  return result;
}

/**
 * Places comments written on earlier versions onto `shown` (the rows of version `shownVersion`, or of the
 * author's unsaved edits made on it). `history` has the indicator rows of saved versions by version
 * number; each comment follows its indicator through those from its own version to `shownVersion`, then
 * onto `shown`. A comment whose version is missing from `history` falls back to its stored key, which
 * finds the indicator only when it kept its levels and name. Pure; each version's trail is followed once.
 */
export function placeComments<
  C extends Pick<ReviewComment, 'version' | 'path' | 'indicatorIndex' | 'indicator'>,
>(
  comments: readonly C[],
  history: Readonly<Record<string, readonly IndicatorKey[]>>,
  shown: readonly IndicatorKey[],
  shownVersion: number,
): Array<C & { placement: CommentPlacement }> {
  const saved = Object.keys(history)
    .map(Number)
    .filter((v) => Number.isInteger(v));
  const trails = new Map<number, Array<IndicatorMatch | null>>();
  const trailOf = (version: number) => {
    let found = trails.get(version);
    if (!found) {
      const [low, high] = version <= shownVersion ? [version, shownVersion] : [shownVersion, version];
      const between = saved.filter((v) => v >= low && v <= high).sort((a, b) => a - b);
      if (version > shownVersion) between.reverse();
      found = followIndicators([...between.map((v) => history[String(v)] ?? []), shown]);
      trails.set(version, found);
    }
    return found;
  };
  return comments.map((comment) => {
    const read = history[String(comment.version)]?.[comment.indicatorIndex ?? -1];
    const follow = (index: number): IndicatorMatch | null => {
      // The stored key wins over a version's rows that disagree with it (a version rewritten by hand).
      if (read && (!comment.indicator || keyText(read) === keyText(comment.indicator))) {
        return trailOf(comment.version)[index] ?? null;
      }
      return comment.indicator ? followKey(comment.indicator, index, shown) : null;
    };
    return { ...comment, placement: placeWith(comment, follow) };
  });
}

/** Without the reviewed version's rows: the row with the same levels and name, nearest the old row. */
function followKey(key: IndicatorKey, index: number, shown: readonly IndicatorKey[]): IndicatorMatch | null {
  const wanted = keyText(key);
  let best: number | null = null;
  shown.forEach((row, j) => {
    if (keyText(row) !== wanted) return;
    if (best === null || Math.abs(j - index) < Math.abs(best - index)) best = j;
  });
  return best === null ? null : { index: best, changed: false };
}
