import { describe, expect, it } from 'vitest';
import { format, messages } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has a non-empty English text for every Chinese key, with the same placeholders', () => {
    for (const [key, zh] of Object.entries(messages.zh)) {
      const en = messages.en[key as keyof typeof messages.en];
      expect(en, key).toBeTruthy();
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('共 {n} 条', { n: 3 })).toBe('共 3 条');
    expect(format('{a} {b}', { a: 'x' })).toBe('x {b}');
  });
});
