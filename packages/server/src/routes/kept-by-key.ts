/**
 * Keeps one computed value until its key changes (a fingerprint of what it was computed from), so many
 * requests share one computation; a computation that fails is not kept, the next request tries again.
 */
export function keptByKey<T>(): (key: string, compute: () => Promise<T>) => Promise<T> {
  let kept: { key: string; value: Promise<T> } | null = null;
  return (key, compute) => {
    if (kept?.key === key) return kept.value;
    const entry = { key, value: compute() };
    kept = entry;
    entry.value.catch(() => {
      if (kept === entry) kept = null;
    });
    return entry.value;
  };
}
