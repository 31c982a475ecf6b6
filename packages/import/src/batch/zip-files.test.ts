import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { filesInZip } from './zip-files.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('filesInZip', () => {
  it('gives the documents in name order, leaving out folders, hidden files and other kinds', () => {
    const zip = zipSync({
      'b/表2.docx': text('x'),
      'a/表1.txt': text('甲'),
      '__MACOSX/a/._表1.txt': text('x'),
      'a/.DS_Store': text('x'),
      'a/photo.jpg': text('x'),
    });
    expect(filesInZip(zip, 'batch.zip').map((f) => f.name)).toEqual(['a/表1.txt', 'b/表2.docx']);
  });

  it('refuses a zip past its limits before inflating, and what is no zip, located at the file', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(5000), 'b.txt': text('x') });
    expect(() => filesInZip(zip, 'big.zip', { maxBytes: 1000 })).toThrow(
      expect.objectContaining({ code: 'import.zip_too_large', location: { file: 'big.zip' } }),
    );
    expect(() => filesInZip(zip, 'many.zip', { maxFiles: 1 })).toThrow(
      expect.objectContaining({ code: 'import.zip_too_large' }),
    );
    expect(() => filesInZip(text('no zip'), 'x.zip')).toThrow(
      expect.objectContaining({ code: 'import.zip_unreadable' }),
    );
  });
});
