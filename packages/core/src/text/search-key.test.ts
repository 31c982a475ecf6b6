import { describe, expect, it } from 'vitest';
import { searchKey } from './search-key.ts';

describe('searchKey', () => {
  it('folds full-width forms and case and drops white space, so typed and printed text compare equal', () => {
    expect(searchKey('ＡＢ（Ｃ） 3０\n场')).toBe('ab(c)30场');
    expect(searchKey('科普 讲座\t参与')).toBe(searchKey('科普讲座参与'));
    expect(searchKey('>=３０场')).toBe('>=30场');
  });
});
