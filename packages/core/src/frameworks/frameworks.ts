import type { Indicator } from '../tables/table.schema.ts';
import type { Framework } from './framework.schema.ts';
import { frameworkFit } from './framework-match.ts';
import { national2020Framework, national2021CostFramework } from './national-2020.framework.ts';
import { shanghai2020Framework } from './shanghai-2020.framework.ts';

/** Every indicator framework the system knows, by id. */
export const frameworks: ReadonlyMap<string, Framework> = new Map(
  [shanghai2020Framework, national2020Framework, national2021CostFramework].map((f) => [f.id, f]),
);

/**
 * The framework a table's level-1 labels follow best (as the review picks its rule set); Shanghai 2020,
 * the seed's, when none fits, e.g. a new table without indicators.
 */
export function frameworkFor(table: { indicators: readonly Pick<Indicator, 'level1'>[] }): Framework {
  let best = shanghai2020Framework;
  let bestFit = 0;
  for (const framework of frameworks.values()) {
    const fit = frameworkFit(framework, table.indicators);
    if (fit > bestFit) {
      best = framework;
      bestFit = fit;
    }
  }
  return best;
}
