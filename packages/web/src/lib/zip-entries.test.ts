import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip, ZipError } from './zip-entries.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('readZip', () => {
  it('reads stored and deflated entries in folders, leaving out folders and hidden files', async () => {
    const zip = zipSync({
      '表/a.txt': [text('项目名称 甲'.repeat(50)), { level: 6 }],
      '表/b.txt': [text('乙'), { level: 0 }],
      '__MACOSX/表/._a.txt': text('x'),
      '表/.DS_Store': text('x'),
    });
    const entries = await readZip(zip);
    expect(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes).slice(0, 6)])).toEqual([
      ['a.txt', '项目名称 甲'],
      ['b.txt', '乙'],
    ]);
  });

  it('refuses what is no zip, and a zip past its limits', async () => {
    await expect(readZip(text('not a zip at all, just some text here'))).rejects.toBeInstanceOf(ZipError);
    const many = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.txt`, text('x')])));
    await expect(readZip(many, { maxEntries: 3 })).rejects.toMatchObject({ code: 'zip.too_large' });
    const big = zipSync({ 'big.txt': new Uint8Array(10_000) });
    await expect(readZip(big, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'zip.too_large' });
  });
});
