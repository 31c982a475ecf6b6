import { buffer } from 'node:stream/consumers';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UniqueNames, ZipStream } from './export-zip.ts';

describe('batch export zip', () => {
  it('numbers equal names, ignoring case, and keeps the extension', () => {
    const names = new UniqueNames();
    const taken = ['表-2020.xlsx', '表-2020.xlsx', 'A.pdf', 'a.pdf', '表-2020.xlsx', 'x'].map((n) =>
      names.take(n),
    );
    expect(taken).toEqual([
      '表-2020.xlsx',
      '表-2020 (2).xlsx',
      'A.pdf',
      'a (2).pdf',
      '表-2020 (3).xlsx',
      'x',
    ]);
  });

  it('does not clash with a name that already ends in a number', () => {
    const names = new UniqueNames();
    expect(['a (2).pdf', 'a.pdf', 'a.pdf'].map((n) => names.take(n))).toEqual([
      'a (2).pdf',
      'a.pdf',
      'a (3).pdf',
    ]);
  });

  it('streams the files under their (unique) Chinese names, byte for byte', async () => {
    const one = new TextEncoder().encode('第一张');
    const two = new Uint8Array([0, 1, 2, 255]);
    const zip = new ZipStream();
    const bytes = buffer(zip.output);
    await zip.add('绩效目标表.pdf', one);
    await zip.add('绩效目标表.pdf', two);
    zip.end();
    const files = unzipSync(new Uint8Array(await bytes));
    expect(Object.keys(files)).toEqual(['绩效目标表.pdf', '绩效目标表 (2).pdf']);
    expect(files['绩效目标表.pdf']).toEqual(one);
    expect(files['绩效目标表 (2).pdf']).toEqual(two);
  });

  it('marks entries as UTF-8 names made on Unix with mode 644, which Info-ZIP unzip extracts as named', async () => {
    const zip = new ZipStream();
    const bytes = buffer(zip.output);
    await zip.add('表.pdf', new Uint8Array([1]));
    zip.end();
    const data = await bytes;
    const central = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(central).toBeGreaterThan(0);
    expect(data[central + 5]).toBe(3); // version made by: Unix
    expect(data.readUInt16LE(central + 8) & 0x800).toBe(0x800); // general purpose flag 11: UTF-8 name
    expect(data.readUInt32LE(central + 38) >>> 16).toBe(0o100644); // external attributes: regular file rw-r--r--
  });

  it('waits for a slow reader instead of buffering every file', async () => {
    const zip = new ZipStream();
    const big = new Uint8Array(1024 * 1024);
    let added = false;
    const adding = zip.add('a.pdf', big).then(() => {
      added = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(added).toBe(false);
    zip.output.resume();
    await adding;
    expect(added).toBe(true);
  });

  it('breaks the output when aborted, so a half zip is never taken for a whole one', async () => {
    const zip = new ZipStream();
    const bytes = buffer(zip.output);
    await zip.add('a.pdf', new Uint8Array([1]));
    zip.abort(new Error('printing failed'));
    await expect(bytes).rejects.toThrow('printing failed');
    expect(zip.open).toBe(false);
  });
});
