import type { Indicator } from '../tables/table.schema.ts';
import type { Framework, Level1Category, Level2Category } from './framework.schema.ts';

// Printed labels carry weights and suffixes: `产出指标(50分)`, `成本指标（0-20）分`, `效果目标`.
const WEIGHT = /[(（][^()（）]*[)）]\s*分?$|\d+(?:\.\d+)?\s*分$/;
const SUFFIX = /(?:指标|目标)$/;

const labelCache = new Map<string, string>();

/** A category label reduced to what identifies it: no spaces, weight or 指标/目标 suffix. */
export function normaliseCategory(label: string): string {
  const cached = labelCache.get(label);
  if (cached !== undefined) return cached;
  let out = label.replace(/\s+/g, '');
  for (let i = 0; i < 2; i++) out = out.replace(WEIGHT, '').replace(SUFFIX, '');
  // Labels come from user input; the cache only saves work, so it never grows without bound.
  if (labelCache.size > 10_000) labelCache.clear();
  labelCache.set(label, out);
  return out;
}

/** An indicator name reduced for comparison: no spaces, ASCII brackets and punctuation, lower case. */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[：]/g, ':').toLowerCase();
}

/** A category's name as the framework's form prints it (`产出` → 产出目标 in Shanghai, 产出指标 nationally). */
export function printedCategory(framework: Framework, level: 1 | 2, name: string): string {
  const { level1Suffix, level2Suffix, bareLevel1 } = framework.printed;
  if (level === 2) return `${name}${level2Suffix}`;
  return bareLevel1.includes(name) ? name : `${name}${level1Suffix}`;
}

/**
 * How well a table's indicators fit a framework: one point per indicator whose level-1 label the framework
 * knows, and as many again when every required level-1 category is present (a framework whose required
 * categories are all there beats one that only shares labels). 0: nothing fits.
 */
export function frameworkFit(framework: Framework, indicators: readonly Pick<Indicator, 'level1'>[]): number {
  let score = 0;
  for (const indicator of indicators) if (findLevel1(framework, indicator.level1)) score++;
  const present = new Set(indicators.map((i) => findLevel1(framework, i.level1)?.name));
  if (framework.level1.every((c) => !c.required || present.has(c.name))) score += indicators.length;
  return score;
}

/** Where an indicator sits in a framework; null where its labels match nothing there. */
export interface IndicatorPlace {
  level1: Level1Category | null;
  level2: Level2Category | null;
}

function matches(label: string, category: { name: string; aliases: string[] }): boolean {
  return category.name === label || category.aliases.includes(label);
}

/** Finds a level-1 category by its printed label. */
export function findLevel1(framework: Framework, label: string | null): Level1Category | null {
  if (label === null || label.trim() === '') return null;
  const key = normaliseCategory(label);
  return framework.level1.find((c) => matches(key, c)) ?? null;
}

function findLevel2In(level1: Level1Category, key: string): Level2Category | null {
  return level1.level2.find((c) => matches(key, c)) ?? null;
}

/**
 * Places an indicator in the framework. When the form did not print level 1 (null), the level-2
 * label decides; a level-2 label that could belong to several level-1s takes the first.
 */
export function placeIndicator(
  framework: Framework,
  indicator: Pick<Indicator, 'level1' | 'level2'>,
): IndicatorPlace {
  const level1 = findLevel1(framework, indicator.level1);
  const key =
    indicator.level2 === null || indicator.level2.trim() === '' ? null : normaliseCategory(indicator.level2);
  if (level1) return { level1, level2: key === null ? null : findLevel2In(level1, key) };
  if (key === null) return { level1: null, level2: null };
  // The level-1 label may be missing, or printed in the level-2 cell (`满意度指标` with no level 2).
  if (indicator.level1 === null || indicator.level1.trim() === '') {
    for (const candidate of framework.level1) {
      const level2 = findLevel2In(candidate, key);
      if (level2) return { level1: candidate, level2 };
    }
  }
  return { level1: null, level2: null };
}
