import { describe, expect, it } from 'vitest';
import { cleanName } from './indicators.ts';

// A bracket opened with a sign and then a long run of spaces that never closes (a fuzz input: 51,613
// ideographic spaces, 2.5 s): the placeholder patterns must give the run up once, not split it between
// the spaces before and after the sign in every way. Judged by CPU time: 100,000 spaces took 20 s before.
describe('cleanName on a long run of spaces in an open bracket', () => {
  it.each(['（≥', '(', '（≥*'])('reads 养护里程%s followed by 100,000 spaces in linear time', (open) => {
    const name = `养护里程${open}${'　'.repeat(100_000)}`;
    const before = process.cpuUsage();
    const cleaned = cleanName(name);
    const { user, system } = process.cpuUsage(before);
    expect(cleaned.startsWith('养护里程')).toBe(true);
    expect((user + system) / 1000).toBeLessThan(500);
  });

  it('still drops a sign-and-unit placeholder and a starred one', () => {
    expect(cleanName('养护里程（≥ 台）')).toBe('养护里程');
    expect(cleanName('养护里程(≥**公里)')).toBe('养护里程');
  });
});
