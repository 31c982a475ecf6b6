import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './api-client.ts';

describe('dispositionFileName', () => {
  it('reads the exact UTF-8 name the server sends beside the ASCII fallback', () => {
    const header = `attachment; filename="2.zip"; filename*=UTF-8''${encodeURIComponent('绩效目标表-2张.zip')}`;
    expect(dispositionFileName(header)).toBe('绩效目标表-2张.zip');
  });

  it('falls back to the plain name, and to nothing without a header', () => {
    expect(dispositionFileName('attachment; filename="tables.zip"')).toBe('tables.zip');
    expect(dispositionFileName('attachment; filename="x.zip"; filename*=UTF-8\'\'%E0%A4%A')).toBe('x.zip');
    expect(dispositionFileName(null)).toBeNull();
  });
});
