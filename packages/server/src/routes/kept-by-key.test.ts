import { describe, expect, it } from 'vitest';
import { keptByKey } from './kept-by-key.ts';

describe('keptByKey', () => {
  it('computes once per key, again when the key changes, and does not keep a failure', async () => {
    const keep = keptByKey<number>();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await keep('a', compute)).toBe(1);
    expect(await keep('a', compute)).toBe(1);
    expect(await keep('b', compute)).toBe(2);
    await expect(keep('c', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    await Promise.resolve();
    expect(await keep('c', compute)).toBe(3);
  });
});
