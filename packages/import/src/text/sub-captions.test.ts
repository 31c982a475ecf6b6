import { describe, expect, it } from 'vitest';
import type { ExpectedIndicator } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';
import { labelledScoredTables } from './scored-rows.fixtures.ts';

// Hebei's 项目绩效自评表 prints its caption on two lines: the second splits 预期指标值 into 符号 | 值 |
// 单位(文字描述) and 自评得分 into 单项指标得分 | 权重占比(%) | 单项指标折算得分, and each row carries the indicator's
// explanation and a status word (完成) besides. Labelled self-evaluation rows (train split, shared dev set,
// probe set; never the test split) are re-laid that way and read back.

const SIGN: Record<string, string> = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '=': '=' };

const tables = labelledScoredTables(
  // 单位(文字描述) is filled on these forms: a row whose label has no unit would print an empty cell that
  // space-separated text loses. Names are one word there.
  (i) => i.unit !== null && !/\s/.test(i.name),
)
  .map((t) => ({
    ...t,
    // A name printed twice in one form cannot tell which row read back.
    rows: t.rows.filter((i) => t.rows.filter((j) => j.name === i.name).length === 1),
  }))
  .filter((t) => t.rows.length >= 2);

const unitText = (unit: string | null): string => (unit === '%' ? '%(百分比)' : (unit ?? ''));

function render(name: string, rows: ExpectedIndicator[], sep: string, execution: string | null): string {
  const lines = [
    '某县2021年度预算项目绩效自评表',
    `一、基本情况 项目名称: ${name} 实施(主管)单位 某县某局 金额单位: 万元`,
    '四、年度绩效指标完成情况',
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '指标分值',
      '预期指标值',
      '单项指标实际完成值',
      '单项指标完成情况',
      '自评得分',
    ].join(sep),
    ['符号', '单位(文字描述)', '单项指标得分', '权重占比(%)', '单项指标折算得分'].join(sep),
  ];
  let previous: ExpectedIndicator | undefined;
  for (const i of rows) {
    // Merged level cells print once, as in the forms seen (成安县: `时效指标 完成率 …` under 产出指标).
    const sameLevel1 = previous?.level1 === i.level1;
    const sameLevel2 = sameLevel1 && previous?.level2 === i.level2;
    previous = i;
    const converted = (((i.score ?? 0) * (i.weight ?? 0)) / 100).toFixed(2);
    lines.push(
      [
        sameLevel1 ? '' : i.level1,
        sameLevel2 ? '' : i.level2,
        i.name,
        `${i.name}完成情况的说明`,
        i.operator ? (SIGN[i.operator] ?? '=') : '=',
        String(i.value),
        unitText(i.unit),
        i.actual,
        '完成',
        (i.score ?? 0).toFixed(2),
        (i.weight ?? 0).toFixed(2),
        converted,
      ]
        .filter((c) => sep !== ' ' || c !== '')
        .join(sep),
    );
  }
  if (execution !== null) lines.push(execution);
  lines.push('填表人：');
  return lines.join('\n');
}

function readBack(sep: string, execution: string | null = null) {
  let read = 0;
  let all = 0;
  const extra: string[] = [];
  for (const { name, rows } of tables) {
    const [back] = importText(render(name, rows, sep, execution)).tables;
    for (const i of rows) {
      all++;
      const got = back?.indicators.find((b) => b.name === i.name);
      if (
        got !== undefined &&
        got.weight === i.weight &&
        got.score === i.score &&
        got.target.value === i.value &&
        (got.actual ?? '') === i.actual
      )
        read++;
    }
    const names = new Set(rows.map((i) => i.name));
    extra.push(...(back?.indicators ?? []).filter((b) => !names.has(b.name)).map((b) => b.name));
  }
  return {
    share: read / all,
    all,
    extra,
    back: importText(render('某项目', tables[0]?.rows ?? [], sep, execution)),
  };
}

describe('a caption row split on a second line (符号 | 单位, 单项指标得分 | 权重占比 | 折算得分)', () => {
  it('has rows to re-lay', () => {
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThanOrEqual(60);
  });

  for (const [label, sep] of [
    ['spaces', ' '],
    ['tabs', '\t'],
  ] as const)
    it(`reads the weight from 权重占比, the score from 单项指标得分 and the actual before the status word: ${label}`, () => {
      const { share, extra } = readBack(sep);
      expect(share).toBeGreaterThanOrEqual(0.9);
      expect(extra).toEqual([]);
    });

  it('reads the execution row printed in the indicator table as the budget’s, not as an indicator', () => {
    const { back, extra } = readBack(
      ' ',
      '预算执行率 预算执行率 10 >= 90 %(百分比) 95% 完成 9.50 10.00 0.95',
    );
    expect(extra).toEqual([]);
    expect(back.tables[0]?.budget).toMatchObject({ executionWeight: 10, executionScore: 9.5 });
  });
});
