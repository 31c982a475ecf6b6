import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { uniqueFileNames, zipFiles } from './export-zip.ts';

describe('batch export zip', () => {
  it('numbers equal names, ignoring case, and keeps the extension', () => {
    expect(uniqueFileNames(['表-2020.xlsx', '表-2020.xlsx', 'A.pdf', 'a.pdf', '表-2020.xlsx', 'x'])).toEqual([
      '表-2020.xlsx',
      '表-2020 (2).xlsx',
      'A.pdf',
      'a (2).pdf',
      '表-2020 (3).xlsx',
      'x',
    ]);
  });

  it('does not clash with a name that already ends in a number', () => {
    expect(uniqueFileNames(['a (2).pdf', 'a.pdf', 'a.pdf'])).toEqual(['a (2).pdf', 'a.pdf', 'a (3).pdf']);
  });

  it('stores the files under their (unique) Chinese names, byte for byte', () => {
    const one = new TextEncoder().encode('第一张');
    const two = new Uint8Array([0, 1, 2, 255]);
    const zip = zipFiles([
      { name: '绩效目标表.pdf', bytes: one },
      { name: '绩效目标表.pdf', bytes: two },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['绩效目标表.pdf', '绩效目标表 (2).pdf']);
    expect(files['绩效目标表.pdf']).toEqual(one);
    expect(files['绩效目标表 (2).pdf']).toEqual(two);
  });

  it('refuses a batch whose files exceed the size cap, with a zh/en error', () => {
    const bytes = new Uint8Array(600);
    const files = [
      { name: 'a.pdf', bytes },
      { name: 'b.pdf', bytes },
    ];
    expect(() => zipFiles(files, 1000)).toThrow(expect.objectContaining({ code: 'export.too_large' }));
    expect(() => zipFiles(files, 1200)).not.toThrow();
  });
});
