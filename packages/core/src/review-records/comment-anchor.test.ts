import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchIndicators, placeComments, similarity } from './comment-anchor.ts';
import type { IndicatorKey } from './review-record.schema.ts';

const k = (name: string, level1 = '产出目标', level2 = '数量'): IndicatorKey => ({ level1, level2, name });
const text = (key: IndicatorKey) => JSON.stringify([key.level1, key.level2, key.name]);

const reviewed = [k('举办活动场次'), k('活动覆盖人数'), k('参与者满意度', '效果目标', '满意度')];

/** A comment written on version 2 at `path`, with the key the server stores beside it. */
function comment(path: string | null, rows: readonly IndicatorKey[] = reviewed) {
  const index = path?.startsWith('indicators.') ? Number(path.split('.')[1]) : null;
  return {
    version: 2,
    path,
    indicatorIndex: index,
    indicator: index === null ? null : (rows[index] ?? null),
  };
}

const place = (
  path: string | null,
  shown: readonly IndicatorKey[],
  rows: Record<string, IndicatorKey[]> = { 2: reviewed },
) => placeComments([comment(path)], rows, shown, 3)[0]?.placement;

describe('placing comments on later versions', () => {
  it('leaves field and whole-table comments where they are', () => {
    expect(place('budget.currentYear', [])).toEqual({
      status: 'field',
      path: 'budget.currentYear',
      indicatorIndex: null,
    });
    expect(place(null, [])).toEqual({ status: 'table', path: null, indicatorIndex: null });
  });

  it('keeps a comment on its row when nothing moved', () => {
    expect(place('indicators.1.target', reviewed)).toEqual({
      status: 'same',
      path: 'indicators.1.target',
      indicatorIndex: 1,
    });
  });

  it('follows its indicator when rows are inserted before it or reordered', () => {
    const shown = [
      k('新增指标'),
      reviewed[2] as IndicatorKey,
      reviewed[0] as IndicatorKey,
      reviewed[1] as IndicatorKey,
    ];
    expect(place('indicators.1.target', shown)).toEqual({
      status: 'moved',
      path: 'indicators.3.target',
      indicatorIndex: 3,
    });
    expect(place('indicators.2', shown)).toEqual({
      status: 'moved',
      path: 'indicators.1',
      indicatorIndex: 1,
    });
  });

  it('stays on an indicator renamed in place, marked changed', () => {
    const shown = [reviewed[0] as IndicatorKey, k('活动覆盖企业数'), reviewed[2] as IndicatorKey];
    expect(place('indicators.1.name', shown)).toEqual({
      status: 'changed',
      path: 'indicators.1.name',
      indicatorIndex: 1,
    });
  });

  it('follows a renamed indicator when a row was added elsewhere', () => {
    const shown = [
      k('宣讲场次', '产出目标', '质量'),
      reviewed[0] as IndicatorKey,
      k('活动覆盖企业数'),
      reviewed[2] as IndicatorKey,
    ];
    expect(place('indicators.1', shown)).toMatchObject({ status: 'changed', indicatorIndex: 2 });
  });

  it('tells a renamed row from a deleted neighbour with the same levels by how alike the names are', () => {
    const shown = [k('活动覆盖企业数'), reviewed[2] as IndicatorKey];
    expect(place('indicators.1', shown)).toMatchObject({ status: 'changed', indicatorIndex: 0 });
    expect(place('indicators.0', shown)?.status).toBe('removed');
    expect(similarity('活动覆盖人数', '活动覆盖企业数')).toBeGreaterThan(
      similarity('举办活动场次', '活动覆盖企业数'),
    );
  });

  it('follows an indicator moved to other levels under the same name', () => {
    const shown = [
      reviewed[0] as IndicatorKey,
      reviewed[2] as IndicatorKey,
      k('活动覆盖人数', '效果目标', '社会效益'),
    ];
    expect(place('indicators.1', shown)).toMatchObject({ status: 'changed', indicatorIndex: 2 });
  });

  it('shows a deleted indicator as removed, never on the row that took its place', () => {
    const shown = [reviewed[0] as IndicatorKey, reviewed[2] as IndicatorKey];
    expect(place('indicators.1.target', shown)).toEqual({
      status: 'removed',
      path: null,
      indicatorIndex: null,
    });
    // The neighbour that moved up into row 1 has other levels and a key of the reviewed version.
    const sameLevels = [k('甲'), k('乙')];
    expect(
      placeComments([comment('indicators.0', sameLevels)], { 2: sameLevels }, [k('乙')], 3)[0]?.placement
        .status,
    ).toBe('removed');
  });

  it('follows indicators version by version, so a row added in between is not taken for a renamed one', () => {
    const added = k('新增宣讲场次');
    const v3 = [added, ...reviewed];
    const v4 = [added, reviewed[1] as IndicatorKey, reviewed[2] as IndicatorKey];
    const history = { 2: reviewed, 3: v3, 4: v4 };
    // Compared directly, version 2's first row and version 4's first row look like one renamed indicator.
    expect(matchIndicators(reviewed, v4)[0]).toEqual({ index: 0, changed: true });
    expect(placeComments([comment('indicators.0')], history, v4, 4)[0]?.placement.status).toBe('removed');
    expect(placeComments([comment('indicators.2')], history, v4, 4)[0]?.placement).toMatchObject({
      status: 'same',
      indicatorIndex: 2,
    });
    // Unsaved edits on version 4: the satisfaction row moved to the top.
    const local = [reviewed[2] as IndicatorKey, added, reviewed[1] as IndicatorKey];
    expect(placeComments([comment('indicators.2.target')], history, local, 4)[0]?.placement).toEqual({
      status: 'moved',
      path: 'indicators.0.target',
      indicatorIndex: 0,
    });
    // Placed on an earlier version than the comment's, the trail runs backwards.
    expect(
      placeComments([{ ...comment('indicators.1', v3), version: 3 }], history, reviewed, 2)[0]?.placement,
    ).toMatchObject({ status: 'moved', indicatorIndex: 0 });
  });

  it('places stored comments that have no key (written before keys were kept) by the reviewed rows', () => {
    const legacy = { ...comment('indicators.0.target'), indicator: null };
    const [placed] = placeComments([legacy], { 2: reviewed }, [k('新增指标'), ...reviewed], 3);
    expect(placed?.placement).toEqual({ status: 'moved', path: 'indicators.1.target', indicatorIndex: 1 });
  });

  it('falls back to the stored key when the reviewed rows are not known', () => {
    expect(place('indicators.0', [k('新增指标'), reviewed[0] as IndicatorKey], {})).toMatchObject({
      status: 'moved',
      indicatorIndex: 1,
    });
    expect(place('indicators.0', [k('举办活动场次（次）')], {})?.status).toBe('removed');
    const legacy = { ...comment('indicators.0'), indicator: null };
    expect(placeComments([legacy], {}, reviewed, 3)[0]?.placement.status).toBe('removed');
  });

  it('ignores whitespace differences in names', () => {
    expect(place('indicators.0', [k(' 举办活动场次 '), ...reviewed.slice(1)])?.status).toBe('same');
  });
});

// Property tests: indicators with unique keys, as real tables have; names from a small alphabet so
// that renames and coincidences happen.
const levelsArb = fc.constantFrom<[string, string]>(
  ['产出目标', '数量'],
  ['产出目标', '质量'],
  ['效果目标', '满意度'],
);
const keyArb = fc
  .tuple(levelsArb, fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '丁'), minLength: 1, maxLength: 3 }))
  .map(([[level1, level2], name]) => k(name, level1, level2));
const uniqueKeys = (min: number) => fc.uniqueArray(keyArb, { selector: text, minLength: min, maxLength: 12 });

/** Applies `inserts` (fresh keys at positions) to `rows`, then the permutation given by `order`. */
function shuffleAndInsert(
  rows: readonly IndicatorKey[],
  order: readonly number[],
  inserts: readonly [number, IndicatorKey][],
) {
  const shuffled = rows.map((row, i) => ({ row, sort: order[i] ?? 0, i }));
  shuffled.sort((a, b) => a.sort - b.sort || a.i - b.i);
  const out = shuffled.map((s) => s.row);
  for (const [at, row] of inserts) out.splice(at % (out.length + 1), 0, row);
  return out;
}

describe('comment placement properties', () => {
  it('shuffling and inserting indicators never moves a comment to another indicator', () => {
    fc.assert(
      fc.property(
        uniqueKeys(1).chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.array(fc.nat(), { minLength: rows.length, maxLength: rows.length }),
            fc.array(fc.tuple(fc.nat(), keyArb), { maxLength: 5 }),
            fc.nat({ max: rows.length - 1 }),
          ),
        ),
        ([rows, order, rawInserts, at]) => {
          const known = new Set(rows.map(text));
          const inserts = rawInserts.filter(([, row]) => !known.has(text(row)));
          const fresh = new Set<string>();
          const unique = inserts.filter(([, row]) => !fresh.has(text(row)) && fresh.add(text(row)));
          const shown = shuffleAndInsert(rows, order, unique);
          const [placed] = placeComments([comment(`indicators.${at}.target`, rows)], { 2: rows }, shown, 3);
          const index = placed?.placement.indicatorIndex;
          expect(index).not.toBeNull();
          expect(text(shown[index as number] as IndicatorKey)).toBe(text(rows[at] as IndicatorKey));
          expect(['same', 'moved']).toContain(placed?.placement.status);
          expect(placed?.placement.path).toBe(`indicators.${index}.target`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('with deletions and renames too, a comment is on its indicator, on a new row marked changed, or removed', () => {
    fc.assert(
      fc.property(
        uniqueKeys(1).chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.array(fc.nat(), { minLength: rows.length, maxLength: rows.length }),
            fc.array(fc.constantFrom('keep', 'delete', 'rename'), {
              minLength: rows.length,
              maxLength: rows.length,
            }),
            fc.array(fc.tuple(fc.nat(), keyArb), { maxLength: 4 }),
          ),
        ),
        ([rows, order, fates, rawInserts]) => {
          const known = new Set(rows.map(text));
          const kept = rows.flatMap((row, i) =>
            fates[i] === 'delete'
              ? []
              : fates[i] === 'rename'
                ? [k(`${row.name}改`, row.level1 ?? '', row.level2 ?? '')]
                : [row],
          );
          const inserts = rawInserts.filter(([, row]) => !known.has(text(row)));
          const candidate = shuffleAndInsert(kept, order, inserts);
          // Renames and inserts may collide; a table keeps its keys unique.
          const seen = new Set<string>();
          const shown = candidate.filter((row) => !seen.has(text(row)) && seen.add(text(row)));

          const matches = matchIndicators(rows, shown);
          const targets = matches.flatMap((m) => (m ? [m.index] : []));
          expect(new Set(targets).size).toBe(targets.length);
          const placed = placeComments(
            rows.map((_, i) => comment(`indicators.${i}`, rows)),
            { 2: rows },
            shown,
            3,
          );
          placed.forEach(({ placement }, i) => {
            if (placement.status === 'removed') return;
            const row = shown[placement.indicatorIndex as number] as IndicatorKey;
            if (placement.status === 'changed') expect(known.has(text(row))).toBe(false);
            else expect(text(row)).toBe(text(rows[i] as IndicatorKey));
          });
          // An indicator that is still there, unchanged, is always found.
          rows.forEach((row, i) => {
            if (shown.some((s) => text(s) === text(row))) {
              expect(text(shown[placed[i]?.placement.indicatorIndex as number] as IndicatorKey)).toBe(
                text(row),
              );
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('duplicated indicators are each followed to a row with the same levels and name', () => {
    fc.assert(
      fc.property(
        fc
          .array(keyArb, { minLength: 1, maxLength: 10 })
          .chain((rows) =>
            fc.tuple(
              fc.constant(rows),
              fc.array(fc.nat(), { minLength: rows.length, maxLength: rows.length }),
            ),
          ),
        ([rows, order]) => {
          const shown = shuffleAndInsert(rows, order, []);
          const matches = matchIndicators(rows, shown);
          matches.forEach((m, i) => {
            expect(m?.changed).toBe(false);
            expect(text(shown[m?.index as number] as IndicatorKey)).toBe(text(rows[i] as IndicatorKey));
          });
          expect(new Set(matches.map((m) => m?.index)).size).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
