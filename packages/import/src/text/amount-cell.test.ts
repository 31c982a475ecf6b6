import { describe, expect, it } from 'vitest';
import { AMOUNT_CELL, SIGNED_AMOUNT_CELL } from './amount-cell.ts';

describe('amount cells', () => {
  it.each(['250', '1,200', '1，200.5', '250万元', '3000 元', '12万'])('%s is an amount', (text) => {
    expect(AMOUNT_CELL.test(text)).toBe(true);
    expect(SIGNED_AMOUNT_CELL.test(text)).toBe(true);
  });

  it('reads a minus only where a sign is allowed', () => {
    expect(AMOUNT_CELL.test('-5000')).toBe(false);
    expect(SIGNED_AMOUNT_CELL.test('-5000')).toBe(true);
  });

  it.each(['合计', '250万元整', '约250', '25%', ''])('%s is no amount', (text) => {
    expect(SIGNED_AMOUNT_CELL.test(text)).toBe(false);
  });
});
