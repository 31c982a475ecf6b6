import Big from 'big.js';
import type { Framework } from '../frameworks/framework.schema.ts';
import {
  findLevel1,
  normaliseCategory,
  normaliseName,
  placeIndicator,
} from '../frameworks/framework-match.ts';
import { frameworks } from '../frameworks/frameworks.ts';
import type { Direction, Indicator } from '../tables/table.schema.ts';
import { nameSuggestsDate, parseTarget } from '../targets/target-grammar.ts';
import { searchKey } from '../text/search-key.ts';
import { builtInLibrary } from './builtin-library.ts';
import type { LibraryEntry, LibrarySource } from './indicator-library.schema.ts';

// Searching the library, counting 常用指标 in published tables, and putting picked entries into a table.
// Pure: the server passes stored entries and published indicators in; the browser calls the same code.

/**
 * A level label reduced to its framework category (产出目标 and 产出指标 are both 产出; 服务对象满意度 is
 * an alias of Shanghai's 满意度), so filters and duplicates do not depend on how a table printed it.
 */
function levelKeys(
  framework: Framework | undefined,
  level1: string | null,
  level2: string | null,
): { level1: string; level2: string } {
  const plain = (label: string | null) => (label === null ? '' : searchKey(normaliseCategory(label)));
  if (!framework) return { level1: plain(level1), level2: plain(level2) };
  const place = placeIndicator(framework, { level1, level2 });
  return {
    level1: place.level1?.name ?? plain(level1),
    level2: place.level2?.name ?? plain(level2),
  };
}

/** What makes two entries (or an entry and a table's indicator) the same indicator of a framework. */
export function entryKey(
  frameworkId: string,
  indicator: { level1: string | null; level2: string | null; name: string },
): string {
  const keys = levelKeys(frameworks.get(frameworkId), indicator.level1, indicator.level2);
  return `${frameworkId}|${keys.level1}|${keys.level2}|${searchKey(normaliseName(indicator.name))}`;
}

const sourceOrder: Record<LibrarySource, number> = { stored: 0, builtin: 1, common: 2 };

/**
 * One list from the three sources: an administrator's entry wins over a built-in one of the same
 * indicator, and a 常用 count found in published tables is added to the entry it matches instead of
 * listing the indicator twice. Inactive stored entries hide a built-in twin too (the admin retired it).
 */
export function mergeLibrary(
  stored: readonly LibraryEntry[],
  builtIn: readonly LibraryEntry[],
  common: readonly LibraryEntry[],
): LibraryEntry[] {
  const byKey = new Map<string, LibraryEntry>();
  for (const entry of [...stored, ...builtIn, ...common]) {
    const key = entryKey(entry.frameworkId, entry);
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, { ...entry });
    else if (entry.source === 'common') existing.usedBy = Math.max(existing.usedBy, entry.usedBy);
  }
  return [...byKey.values()];
}

export interface LibrarySearch {
  q?: string | undefined;
  frameworkId?: string | undefined;
  level1?: string | undefined;
  level2?: string | undefined;
  source?: LibrarySource | undefined;
  includeInactive?: boolean | undefined;
}

/** Position of an entry's levels in its framework, so unranked lists read in the printed order. */
function frameworkOrder(entry: LibraryEntry): number {
  const framework = frameworks.get(entry.frameworkId);
  if (!framework) return 999;
  const level1 = findLevel1(framework, entry.level1);
  if (!level1) return 999;
  const i = framework.level1.indexOf(level1);
  const place = placeIndicator(framework, entry);
  const j = place.level2 ? level1.level2.indexOf(place.level2) : 99;
  return i * 100 + j;
}

let builtInPositions: Map<string, number> | null = null;

/**
 * Position of an entry inside its level 2: where the framework lists it (its common indicators in the
 * form's order, then the typical ones), so an administrator's entry that replaces a built-in one keeps
 * its place; entries the framework does not list come after.
 */
function levelPosition(entry: LibraryEntry): number {
  builtInPositions ??= new Map(builtInLibrary.map((e, i) => [entryKey(e.frameworkId, e), i]));
  return builtInPositions.get(entryKey(entry.frameworkId, entry)) ?? Number.MAX_SAFE_INTEGER;
}

function score(entry: LibraryEntry, words: string[]): number {
  const name = searchKey(entry.name);
  const levels = searchKey(`${entry.level1} ${entry.level2}`);
  const tags = entry.tags.map(searchKey);
  const notes = searchKey(`${entry.noteZh ?? ''} ${entry.noteEn ?? ''}`);
  let total = 0;
  for (const word of words) {
    if (name === word) total += 100;
    else if (name.startsWith(word)) total += 60;
    else if (name.includes(word)) total += 40;
    else if (tags.some((t) => t === word)) total += 25;
    else if (tags.some((t) => t.includes(word))) total += 15;
    else if (levels.includes(word)) total += 10;
    else if (notes.includes(word)) total += 5;
    else return 0; // every word must be found somewhere
  }
  return total;
}

/**
 * Filters and ranks entries: each word of `q` (split on spaces) must occur in the name, levels, tags or
 * notes, a hit in the name counting most; ties, and the whole list when nothing is searched, in the
 * framework's order (level 1, level 2, then the indicators as the framework lists them), as the author
 * fills the form in. How many published tables use an entry orders only what the framework leaves open
 * (entries it does not list within one level 2); the drawer shows the count beside each. Level filters
 * compare framework categories, so 产出目标 finds 产出指标 entries.
 */
export function searchLibrary(entries: readonly LibraryEntry[], search: LibrarySearch): LibraryEntry[] {
  const words = (search.q ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const ranked: { entry: LibraryEntry; score: number; order: number; position: number }[] = [];
  for (const entry of entries) {
    if (!search.includeInactive && !entry.active) continue;
    if (search.frameworkId && entry.frameworkId !== search.frameworkId) continue;
    if (search.source && entry.source !== search.source) continue;
    if (search.level1 || search.level2) {
      const framework = frameworks.get(entry.frameworkId);
      const have = levelKeys(framework, entry.level1, entry.level2);
      const want = levelKeys(framework, search.level1 || null, search.level2 || entry.level2);
      if (search.level1 && have.level1 !== want.level1) continue;
      if (search.level2 && have.level2 !== want.level2) continue;
    }
    const s = words.length === 0 ? 1 : score(entry, words);
    if (s > 0) ranked.push({ entry, score: s, order: frameworkOrder(entry), position: levelPosition(entry) });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.entry.frameworkId.localeCompare(b.entry.frameworkId) ||
      a.order - b.order ||
      a.position - b.position ||
      b.entry.usedBy - a.entry.usedBy ||
      sourceOrder[a.entry.source] - sourceOrder[b.entry.source] ||
      a.entry.name.localeCompare(b.entry.name, 'zh'),
  );
  return ranked.map((r) => r.entry);
}

/** A published table as 常用指标 counts it: the framework it follows and its indicators. */
export interface PublishedIndicators {
  frameworkId: string;
  indicators: readonly Pick<Indicator, 'level1' | 'level2' | 'name' | 'target' | 'direction'>[];
}

function mostFrequent<T>(counts: Map<T, number>): T | undefined {
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function bump<T>(counts: Map<T, number>, value: T): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/**
 * 常用指标: the indicators (same framework, level 1, level 2 and name, as `entryKey` compares them) that
 * at least `minTables` published tables carry, counted once per table, most used first. Each takes the
 * labels, target and direction most of those tables printed.
 */
export function commonIndicators(
  tables: readonly PublishedIndicators[],
  options: { minTables?: number; limit?: number } = {},
): LibraryEntry[] {
  const minTables = options.minTables ?? 2;
  const groups = new Map<
    string,
    {
      frameworkId: string;
      tables: number;
      labels: Map<string, number>;
      targets: Map<string, number>;
      directions: Map<Direction, number>;
    }
  >();
  for (const table of tables) {
    const seen = new Set<string>();
    for (const indicator of table.indicators) {
      if (indicator.name.trim() === '') continue;
      const key = entryKey(table.frameworkId, indicator);
      if (seen.has(key)) continue;
      seen.add(key);
      let group = groups.get(key);
      if (!group) {
        group = {
          frameworkId: table.frameworkId,
          tables: 0,
          labels: new Map(),
          targets: new Map(),
          directions: new Map(),
        };
        groups.set(key, group);
      }
      group.tables++;
      bump(
        group.labels,
        JSON.stringify([indicator.level1 ?? '', indicator.level2 ?? '', indicator.name.trim()]),
      );
      if (indicator.target.raw.trim() !== '') bump(group.targets, indicator.target.raw.trim());
      if (indicator.direction) bump(group.directions, indicator.direction);
    }
  }
  const out: LibraryEntry[] = [];
  for (const [key, group] of groups) {
    if (group.tables < minTables) continue;
    const [level1 = '', level2 = '', name = ''] = JSON.parse(mostFrequent(group.labels) ?? '[]') as string[];
    if (level1 === '' || level2 === '') continue; // an entry needs both levels to be placed
    out.push({
      id: `common:${key}`,
      frameworkId: group.frameworkId,
      level1,
      level2,
      name,
      suggestedTarget: mostFrequent(group.targets) ?? null,
      direction: mostFrequent(group.directions) ?? null,
      noteZh: null,
      noteEn: null,
      tags: [],
      active: true,
      source: 'common',
      usedBy: group.tables,
      updatedAt: null,
    });
  }
  out.sort((a, b) => b.usedBy - a.usedBy || a.name.localeCompare(b.name, 'zh'));
  return out.slice(0, options.limit ?? 500);
}

export interface FromLibraryOptions {
  /** The table's year, for targets that name a month or day without one. */
  year?: number | undefined;
  /** The table's current-year budget in yuan: the ceiling of a cost entry that has no figure of its own. */
  budgetYuan?: number | null | undefined;
}

/**
 * The target an entry brings: its suggested one, or for a cost entry without one (项目总成本) the
 * table's current-year budget as the ceiling in 万元, written as the target grammar prints it.
 */
function suggestedTargetOf(
  entry: Pick<LibraryEntry, 'frameworkId' | 'level1' | 'level2' | 'suggestedTarget'>,
  budgetYuan: number | null | undefined,
): string {
  if (entry.suggestedTarget) return entry.suggestedTarget;
  const framework = frameworks.get(entry.frameworkId);
  const place = framework ? placeIndicator(framework, entry) : null;
  const cost = place?.level2?.role === 'cost' || place?.level1?.role === 'cost';
  if (!cost || budgetYuan === null || budgetYuan === undefined || budgetYuan <= 0) return '';
  return `<=${new Big(budgetYuan).div(10_000).round(2).toFixed()}万元`;
}

/** An entry as a table's indicator: its suggested target read by the target grammar. */
export function indicatorFromEntry(
  entry: Pick<LibraryEntry, 'frameworkId' | 'level1' | 'level2' | 'name' | 'suggestedTarget' | 'direction'>,
  options: FromLibraryOptions = {},
): Indicator {
  return {
    level1: entry.level1,
    level2: entry.level2,
    name: entry.name,
    target: parseTarget(suggestedTargetOf(entry, options.budgetYuan), {
      expectDate: nameSuggestsDate(entry.name),
      ...(options.year === undefined ? {} : { year: options.year }),
    }),
    direction: entry.direction,
  };
}

export interface AddFromLibraryResult {
  indicators: Indicator[];
  /** Entries appended, in the order given. */
  added: LibraryEntry[];
  /** Entries the table already had (same levels and name), left out. */
  skipped: LibraryEntry[];
}

/**
 * Appends picked entries where the printed form expects them: after the last indicator of the same
 * level 1 and level 2 (using the table's own labels, e.g. 产出目标 rather than the entry's 产出指标),
 * else inside the same level 1 as a new level 2 before the first level 2 the framework puts later
 * (数量, 质量, 时效, 成本), else as a new level 1 before the first group that comes later in the
 * framework. An indicator the table already has is not added twice.
 */
export function addFromLibrary(
  indicators: readonly Indicator[],
  entries: readonly LibraryEntry[],
  options: FromLibraryOptions = {},
): AddFromLibraryResult {
  const next = [...indicators];
  const added: LibraryEntry[] = [];
  const skipped: LibraryEntry[] = [];
  for (const entry of entries) {
    const framework = frameworks.get(entry.frameworkId);
    const wanted = levelKeys(framework, entry.level1, entry.level2);
    const keys = next.map((i) => levelKeys(framework, i.level1, i.level2));
    const nameKey = searchKey(normaliseName(entry.name));
    if (
      next.some(
        (i, n) =>
          keys[n]?.level1 === wanted.level1 &&
          keys[n]?.level2 === wanted.level2 &&
          searchKey(normaliseName(i.name)) === nameKey,
      )
    ) {
      skipped.push(entry);
      continue;
    }
    const indicator = indicatorFromEntry(entry, options);
    const lastOf = (match: (n: number) => boolean) => {
      for (let n = next.length - 1; n >= 0; n--) if (match(n)) return n;
      return -1;
    };
    const sameLevel2 = lastOf((n) => keys[n]?.level1 === wanted.level1 && keys[n]?.level2 === wanted.level2);
    const sameLevel1 = lastOf((n) => keys[n]?.level1 === wanted.level1);
    if (sameLevel2 >= 0) {
      const at = next[sameLevel2];
      next.splice(sameLevel2 + 1, 0, {
        ...indicator,
        level1: at?.level1 ?? null,
        level2: at?.level2 ?? null,
      });
    } else if (sameLevel1 >= 0) {
      // A new level 2: before the first indicator of this level 1 whose level 2 the framework puts later.
      const level2Order = (key: string | undefined) =>
        framework?.level1.find((c) => c.name === wanted.level1)?.level2.findIndex((c) => c.name === key) ??
        -1;
      const mine = level2Order(wanted.level2);
      const later =
        mine < 0 ? -1 : keys.findIndex((k) => k.level1 === wanted.level1 && level2Order(k.level2) > mine);
      next.splice(later < 0 ? sameLevel1 + 1 : later, 0, {
        ...indicator,
        level1: next[sameLevel1]?.level1 ?? null,
      });
    } else {
      // A new level 1: before the first indicator whose level 1 the framework puts later.
      const order = (key: string) => framework?.level1.findIndex((c) => c.name === key) ?? -1;
      const mine = order(wanted.level1);
      const before = mine < 0 ? -1 : keys.findIndex((k) => order(k.level1) > mine);
      next.splice(before < 0 ? next.length : before, 0, indicator);
    }
    added.push(entry);
  }
  return { indicators: next, added, skipped };
}
