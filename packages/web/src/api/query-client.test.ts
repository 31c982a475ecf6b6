import { afterEach, describe, expect, it } from 'vitest';
import { invalidateAfterWrite, queryClient, queryKeys, resourcesChangedBy } from './query-client.ts';

const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated ?? false;

describe('invalidateAfterWrite', () => {
  afterEach(() => queryClient.clear());

  it('marks what a write changed as stale, and the audit log after every write', () => {
    const keys = [
      queryKeys.audit([{}, 1]),
      queryKeys.library({ q: '' }),
      queryKeys.table('t1'),
      [...queryKeys.table('t1'), 'versions'],
      queryKeys.monitoring(['report', 't1', 6]),
      [...queryKeys.selfEvaluation('t1'), 'entry'],
      queryKeys.openData,
    ];
    for (const key of keys) queryClient.setQueryData(key, { loaded: true });

    invalidateAfterWrite('/api/indicator-library');
    expect(keys.map(stale)).toEqual([true, true, false, false, false, false, false]);

    invalidateAfterWrite('/api/tables/t1/monitoring/6');
    expect(keys.map(stale)).toEqual([true, true, true, true, true, true, true]);
  });

  it('names the resources of a table write, and none for an unknown one (everything)', () => {
    expect(resourcesChangedBy('/api/tables/t1')).toContain('self-evaluation');
    expect(resourcesChangedBy('/api/tables/t1')).toContain('public');
    expect(resourcesChangedBy('/api/something-new')).toBeNull();
  });
});
