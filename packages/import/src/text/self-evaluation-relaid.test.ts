import { describe, expect, it } from 'vitest';
import type { ExpectedIndicator } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';
import { labelledScoredTables } from './scored-rows.fixtures.ts';

// Every labelled self-evaluation row (train split, shared dev set, probe set; never the test split) re-laid
// in the column orders, separators and printing habits real 自评表 take, read back for its target, actual,
// weight and score. The layouts come from forms seen in the corpus; the share read back is a floor per
// layout, not a hope: a layout that stops reading fails here before it fails on a user's file.

const SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

const tables = labelledScoredTables();

type Column = 'kind' | 'target' | 'actual' | 'weight' | 'score' | 'reason' | 'unit' | 'standard';
const CAPTION: Record<Column, string> = {
  kind: '指标值类型',
  unit: '计量单位',
  standard: '评分标准',
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  reason: '偏差原因分析及改进措施',
};
const ORDERS: Record<string, Column[]> = {
  national: ['target', 'actual', 'weight', 'score', 'reason'],
  'weight first': ['weight', 'target', 'actual', 'score', 'reason'],
  'score before actual': ['target', 'weight', 'actual', 'score', 'reason'],
  'with 指标值类型': ['kind', 'target', 'actual', 'weight', 'score', 'reason'],
};
const SEPARATORS: Record<string, (cells: string[]) => string> = {
  tabs: (c) => c.join('\t'),
  spaces: (c) => c.filter((x) => x !== '').join(' '),
  pipes: (c) => `| ${c.join(' | ')} |`,
  'pdf columns': (c) =>
    c
      .map((x) => x.padEnd(10, ' '))
      .join('    ')
      .trimEnd(),
  'one cell per line': (c) => c.filter((x) => x !== '').join('\n'),
  'run together': (c) => c.join(''),
};

interface Habits {
  /** Level cells printed once per group (merged cells), not on every row. */
  merged: boolean;
  /** Weights printed in points (`10分`). */
  points: boolean;
  /** The caption row wrapped: upper halves on one line, lower halves on the next. */
  wrappedCaption: boolean;
  /** The caption row lost (cut off by a page preview): the rows follow the header fields. */
  noCaption?: boolean;
  /** The value columns captioned in words no vocabulary knows (`栏目1`, `栏目2` …). */
  unknownCaptions?: boolean;
}

function render(name: string, rows: ExpectedIndicator[], order: Column[], separator: string, habits: Habits) {
  const sep = SEPARATORS[separator] as (cells: string[]) => string;
  const lines = ['2022年度项目支出绩效自评表', `项目名称：${name}`, '实施单位：某局'];
  const captions = [
    '一级指标',
    '二级指标',
    '三级指标',
    ...order.map((c, n) => (habits.unknownCaptions ? `栏目${n + 1}` : CAPTION[c])),
  ];
  if (habits.noCaption) {
    // no caption row
  } else if (habits.wrappedCaption) {
    lines.push(sep(captions.map((c, n) => (n < 3 ? c : c.slice(0, 2)))));
    lines.push(sep(captions.map((c, n) => (n < 3 ? '' : c.slice(2)))));
  } else lines.push(sep(captions));
  if (separator === 'pipes' && !habits.noCaption) lines.push(`|${captions.map(() => '---').join('|')}|`);
  let previous: ExpectedIndicator | undefined;
  rows.forEach((i, n) => {
    const sameLevel1 = habits.merged && previous?.level1 === i.level1;
    const sameLevel2 = sameLevel1 && previous?.level2 === i.level2;
    previous = i;
    const value: Record<Column, string> = {
      kind: '定量',
      // A form with a 计量单位 column prints the target's figure alone.
      target: `${i.operator ? (SIGN[i.operator] ?? '') : ''}${i.value}${order.includes('unit') ? '' : (i.unit ?? '')}`,
      unit: i.unit ?? '',
      standard: '完成得满分，未完成按比例扣分',
      actual: i.actual ?? '',
      weight: habits.points ? `${i.weight}分` : String(i.weight),
      score: String(i.score),
      reason: n % 2 === 1 ? '无偏差' : '',
    };
    lines.push(
      sep([
        sameLevel1 ? '' : (i.level1 ?? ''),
        sameLevel2 ? '' : (i.level2 ?? ''),
        i.name,
        ...order.map((c) => value[c]),
      ]),
    );
  });
  lines.push('填表人：');
  return lines.join('\n');
}

function shareReadBack(order: Column[], separator: string, habits: Habits): number {
  let read = 0;
  let all = 0;
  for (const { name, rows } of tables) {
    const [back] = importText(render(name, rows, order, separator, habits)).tables;
    for (const i of rows) {
      all++;
      const got = back?.indicators.find((b) => b.name === i.name);
      if (
        got !== undefined &&
        got.weight === i.weight &&
        got.score === i.score &&
        got.target.value === i.value &&
        (got.actual ?? '').replace(/\s/g, '') === (i.actual ?? '').replace(/\s/g, '')
      )
        read++;
    }
  }
  return read / all;
}

const plain: Habits = { merged: false, points: false, wrappedCaption: false };

describe('labelled self-evaluation rows re-laid as real 自评表 print them', () => {
  it('has rows to re-lay', () => {
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThanOrEqual(100);
  });

  for (const [orderName, order] of Object.entries(ORDERS))
    for (const separator of ['tabs', 'spaces', 'pipes', 'pdf columns', 'one cell per line'])
      it(`reads target, actual, weight and score: ${orderName}, ${separator}`, () => {
        expect(shareReadBack(order, separator, plain)).toBeGreaterThanOrEqual(0.9);
        expect(shareReadBack(order, separator, { ...plain, merged: true })).toBeGreaterThanOrEqual(0.9);
      });

  it('reads weights printed in points (10分) and caption rows wrapped over two lines', () => {
    for (const separator of ['tabs', 'spaces', 'pipes', 'pdf columns']) {
      expect(
        shareReadBack(ORDERS.national as Column[], separator, { ...plain, points: true }),
      ).toBeGreaterThanOrEqual(0.95);
      expect(
        shareReadBack(ORDERS.national as Column[], separator, { ...plain, wrappedCaption: true }),
      ).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('reads a national form whose caption row is lost in the national columns', () => {
    for (const separator of ['tabs', 'spaces', 'pdf columns', 'one cell per line'])
      expect(
        shareReadBack(ORDERS.national as Column[], separator, { ...plain, noCaption: true }),
        separator,
      ).toBeGreaterThanOrEqual(0.9);
  });

  // Without the caption row nothing printed says which column is which: the columns are read from what
  // the cells hold (target grammar, unit words, 定量/定性, weights that bound their scores).
  const shuffled: Record<string, Column[]> = {
    ...ORDERS,
    'with 计量单位': ['target', 'unit', 'actual', 'weight', 'score'],
    'with 评分标准': ['target', 'actual', 'weight', 'standard', 'score'],
    '指标值类型, weight first, 计量单位': ['kind', 'weight', 'target', 'unit', 'actual', 'score'],
    'actual last': ['weight', 'target', 'score', 'actual'],
  };
  for (const [orderName, order] of Object.entries(shuffled))
    it(`reads a form whose caption row is lost by what its cells hold: ${orderName}`, () => {
      for (const separator of ['tabs', 'spaces', 'pipes', 'pdf columns'])
        expect(
          shareReadBack(order, separator, { ...plain, noCaption: true }),
          separator,
        ).toBeGreaterThanOrEqual(0.8);
    });

  for (const [orderName, order] of Object.entries(shuffled))
    it(`reads a form whose value columns are captioned in unknown words by what its cells hold: ${orderName}`, () => {
      for (const separator of ['tabs', 'spaces', 'pipes', 'pdf columns'])
        expect(
          shareReadBack(order, separator, { ...plain, unknownCaptions: true }),
          separator,
        ).toBeGreaterThanOrEqual(0.8);
    });

  it('marks every row read under unknown captions for a person to confirm', () => {
    for (const { name, rows } of tables) {
      const text = render(name, rows, shuffled['actual last'] as Column[], 'tabs', {
        ...plain,
        unknownCaptions: true,
      });
      const [back] = importText(text).tables;
      const marked = new Set(
        back?.warnings.filter((w) => w.code === 'import.low_confidence').map((w) => w.path),
      );
      back?.indicators.forEach((_, n) => {
        expect(marked.has(`indicators.${n}`), `${name} row ${n}`).toBe(true);
      });
    }
  });

  it('marks every row read without a caption row for a person to confirm', () => {
    for (const { name, rows } of tables) {
      const text = render(name, rows, shuffled['actual last'] as Column[], 'tabs', {
        ...plain,
        noCaption: true,
      });
      const [back] = importText(text).tables;
      const marked = new Set(
        back?.warnings.filter((w) => w.code === 'import.low_confidence').map((w) => w.path),
      );
      back?.indicators.forEach((_, n) => {
        expect(marked.has(`indicators.${n}`), `${name} row ${n}`).toBe(true);
      });
    }
  });

  it('reads weights in points printed one cell per line, in every column order', () => {
    for (const order of Object.values(ORDERS))
      expect(shareReadBack(order, 'one cell per line', { ...plain, points: true })).toBeGreaterThanOrEqual(
        0.9,
      );
  });

  it('keeps a 偏差原因 cell printed one cell per line as the row’s reason, not a row of its own', () => {
    for (const { name, rows } of tables) {
      const text = render(name, rows, ORDERS.national as Column[], 'one cell per line', plain);
      const [back] = importText(text).tables;
      expect(back?.indicators.map((i) => i.name)).toEqual(rows.map((i) => i.name));
      // Every second row prints 无偏差 (render): it stays with its row.
      expect(back?.indicators[1]?.deviationReason).toBe('无偏差');
    }
  });

  it('reads most rows of a national form run together, actual, weight and score fused', () => {
    expect(shareReadBack(ORDERS.national as Column[], 'run together', plain)).toBeGreaterThanOrEqual(0.75);
    expect(
      shareReadBack(ORDERS['with 指标值类型'] as Column[], 'run together', plain),
    ).toBeGreaterThanOrEqual(0.7);
  });

  it('reads most rows of a form run together with the weight before the target', () => {
    expect(shareReadBack(ORDERS['weight first'] as Column[], 'run together', plain)).toBeGreaterThanOrEqual(
      0.7,
    );
  });

  it('reads most rows of a form run together with the weight between target and actual', () => {
    expect(
      shareReadBack(ORDERS['score before actual'] as Column[], 'run together', plain),
    ).toBeGreaterThanOrEqual(0.65);
  });
});
