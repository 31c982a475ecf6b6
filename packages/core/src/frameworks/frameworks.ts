import type { Framework } from './framework.schema.ts';
import { national2020Framework, national2021CostFramework } from './national-2020.framework.ts';
import { shanghai2020Framework } from './shanghai-2020.framework.ts';

/** Every indicator framework the system knows, by id. */
export const frameworks: ReadonlyMap<string, Framework> = new Map(
  [shanghai2020Framework, national2020Framework, national2021CostFramework].map((f) => [f.id, f]),
);
