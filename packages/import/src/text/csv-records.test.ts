import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.ts';

/** csv-parse with the options the importer used: the reference the reader must agree with. */
function reference(text: string): string[][] | null {
  try {
    return parseCsv(text, { relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
  } catch {
    return null;
  }
}

describe('csvRecords', () => {
  it('reads quoted cells with commas, quotes and line breaks, and ragged rows', () => {
    expect(
      csvRecords(
        '项目名称,残疾人两项补贴\n成本指标,, 标准 ,"≥1,200元/人·年",10\n"第一行\n第二行","say ""hi"""',
      ),
    ).toEqual([
      ['项目名称', '残疾人两项补贴'],
      ['成本指标', '', '标准', '≥1,200元/人·年', '10'],
      ['第一行\n第二行', 'say "hi"'],
    ]);
    expect(csvRecords('a,b\n\n c \n')).toEqual([['a', 'b'], [''], ['c']]);
    expect(csvRecords('')).toEqual([]);
  });

  it('gives null for what is not CSV: a quote left open, text after a closing quote', () => {
    expect(csvRecords('一级指标,"二级指标\n产出')).toBeNull();
    expect(csvRecords('"数量"指标,x')).toBeNull();
    // A quote inside an unquoted cell is a character (relax_quotes).
    expect(csvRecords('5"寸,x')).toEqual([['5"寸', 'x']]);
    // csv-parse opens quotes again right after a closed quoted cell, and refuses text in them.
    expect(csvRecords('"" "x"')).toBeNull();
    expect(csvRecords('"" " ",x')).toEqual([['', 'x']]);
  });

  it('reads every text as csv-parse does with trim, relax_quotes and relax_column_count', () => {
    const pieces = [
      ',',
      '"',
      '""',
      ' ',
      '\t',
      '\f',
      '\n',
      '\n\n',
      'a',
      '产出',
      '\u3000',
      '\u2028',
      '"x"',
      'y"z',
      ', "',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(csvRecords(text)).toEqual(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads a large ragged file as csv-parse does', () => {
    const row = (i: number) =>
      i % 2 ? `产出指标,数量指标,人数${i},"≥1,200人"` : `效益指标,满意度${i},≥95%,"说明",x,y`;
    const text = Array.from({ length: 5_000 }, (_, i) => row(i)).join('\n');
    const records = csvRecords(text);
    expect(records).toHaveLength(5_000);
    expect(records?.[1]).toEqual(['产出指标', '数量指标', '人数1', '≥1,200人']);
    expect(records).toEqual(reference(text));
  });
});
