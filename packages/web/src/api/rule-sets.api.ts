import {
  buildEffectiveRuleSet,
  findRuleSet,
  ruleSetForTable,
  ruleSetRef,
} from '@jixiao/core/review/effective-rule-set';
import type {
  RuleSetAssignment,
  RuleSetAssignmentInput,
  RuleSetDefinitionInput,
  RuleSetListItem,
  StoredRuleSetVersion,
} from '@jixiao/core/review/rule-set-version.schema';
import { autoRuleSetId, type RuleSet, ruleSets } from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { useEffect, useSyncExternalStore } from 'react';
import { ApiError, request } from './api-client.ts';

export interface RuleSetCatalogueBody {
  items: RuleSetListItem[];
  assignments: RuleSetAssignment[];
}

/** The rule sets API (审核规则): everyone reads; admins derive versions and assign sets to years. */
export const ruleSetsApi = {
  list: () => request<RuleSetCatalogueBody>('GET', '/api/rule-sets'),
  derive: (definition: RuleSetDefinitionInput) =>
    request<RuleSetListItem>('POST', '/api/rule-sets', definition),
  assign: (input: RuleSetAssignmentInput) =>
    request<{ assignment: RuleSetAssignment | null }>('PUT', '/api/rule-sets/assignments', input),
};

/**
 * The catalogue as the browser reviews with it: derived versions built into effective sets once, and a
 * resolver that picks a table's set the way the server does (assigned to its region and year, else the
 * framework's), so the editor's findings match GET /tables/:id/findings.
 */
export interface RuleSetCatalogue extends RuleSetCatalogueBody {
  derived: RuleSet[];
  resolve(ref: string, table: PerformanceTable): RuleSet;
}

/** Builds the catalogue from GET /api/rule-sets (exported for tests). */
export function catalogueOf(body: RuleSetCatalogueBody): RuleSetCatalogue {
  const stored: StoredRuleSetVersion[] = body.items.flatMap((item) =>
    item.definition
      ? [{ id: item.id, version: item.version, definition: item.definition, createdAt: '', createdBy: null }]
      : [],
  );
  const derived = stored.map((s) => buildEffectiveRuleSet(s.definition, s.version));
  const lookup = (id: string, version: number): RuleSet | null => {
    const builtIn = ruleSets.get(id);
    if (builtIn?.version === version) return builtIn;
    return derived.find((s) => s.id === id && s.version === version) ?? null;
  };
  return {
    ...body,
    derived,
    resolve(ref, table) {
      if (ref === autoRuleSetId)
        return ruleSetForTable(table, body.assignments, (a) => lookup(a.ruleSetId, a.version));
      const at = ref.lastIndexOf('@');
      if (at < 0) return findRuleSet(stored, ref, null);
      return lookup(ref.slice(0, at), Number(ref.slice(at + 1))) ?? findRuleSet(stored, ref, null);
    },
  };
}

// One catalogue for the tab: the editor's findings panel and the rules page share it; publishing a
// version or an assignment reloads it.
let current: RuleSetCatalogue | null = null;
/** Why the last load failed (null once one succeeds). */
let failure: ApiError | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Loads (again) the catalogue; pages call it after a change. */
export function reloadRuleSetCatalogue(): Promise<void> {
  loading = ruleSetsApi
    .list()
    .then((body) => {
      current = catalogueOf(body);
      failure = null;
      for (const listener of listeners) listener();
    })
    .catch((error: unknown) => {
      // Without the catalogue the built-in sets still review (the server stays the reference); the rules
      // page, which shows the catalogue itself, says why it is missing.
      failure =
        error instanceof ApiError
          ? error
          : new ApiError(0, {
              type: 'about:blank',
              title: 'Unexpected error',
              status: 0,
              code: 'client.unexpected',
              zh: `页面出错：${String(error)}`,
              en: `The page failed: ${String(error)}`,
            });
      for (const listener of listeners) listener();
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Why the rule set catalogue could not be loaded, while it has not been (null otherwise). */
export function useRuleSetCatalogueError(): ApiError | null {
  return useSyncExternalStore(subscribe, () => (current === null ? failure : null));
}

/** The rule set catalogue, null until it has loaded once. */
export function useRuleSetCatalogue(): RuleSetCatalogue | null {
  const catalogue = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!loading) void reloadRuleSetCatalogue();
  }, []);
  return catalogue;
}

export { ruleSetRef };
