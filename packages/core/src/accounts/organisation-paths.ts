import type { Organisation } from './account.schema.ts';
import { organisationPath } from './policies.ts';

/**
 * organisationPath for many rows at once: `organisationPath` builds a map of every organisation per call,
 * which a list of hundreds of rows in a province of thousands of organisations pays on every row. Here
 * the map is built once, and each id's path is computed once, by organisationPath itself, over the chain
 * of organisations that can be on it.
 */
export function organisationPaths(
  organisations: readonly Organisation[],
): (organisationId: string | null) => string[] {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const paths = new Map<string | null, string[]>();
  return (organisationId) => {
    let path = paths.get(organisationId);
    if (!path) {
      const chain: Organisation[] = [];
      let current = organisationId === null ? undefined : byId.get(organisationId);
      // Stops at a (corrupt) cycle as organisationPath does.
      while (current && !chain.includes(current)) {
        chain.push(current);
        current = current.parentId === null ? undefined : byId.get(current.parentId);
      }
      path = organisationPath(organisationId, chain);
      paths.set(organisationId, path);
    }
    return path;
  };
}
