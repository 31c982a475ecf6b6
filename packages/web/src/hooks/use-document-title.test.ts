import { describe, expect, it } from 'vitest';
import { documentTitle } from './use-document-title.ts';

describe('documentTitle', () => {
  it('puts the page first and the app after it', () => {
    expect(documentTitle('审计日志', '绩效 Jixiao', '预算绩效目标管理')).toBe('审计日志 · 绩效 Jixiao');
  });

  it('falls back to the app and its purpose without a page title', () => {
    expect(documentTitle(null, 'Jixiao 绩效', 'Budget performance targets')).toBe(
      'Jixiao 绩效 · Budget performance targets',
    );
    expect(documentTitle('', 'A', 'B')).toBe('A · B');
  });
});
