import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { readPrintedTotal } from '@jixiao/core/scoring/printed-total';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { describe, expect, it } from 'vitest';
import type { ExpectedIndicator } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';
import { labelledScoredTables } from './scored-rows.fixtures.ts';

// Every scored labelled self-evaluation row (train split, shared dev set, probe set; never the test split)
// re-laid in the shapes filled 自评表 take where the unit's claim is printed: weight and score run together
// (`1515`), target and actual run together (`100%100%`), a 评分标准 or 指标解释 column, scores printed with
// 分, the budget's 预算执行率 worth 10 or 20 points (in the money block or as a row of the indicator table),
// the total under 总分, 合计 or 自评得分. Imported and compared as 复核 compares them, the claim must come
// back as printed: each row's score, the execution score and the total.

const SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const tables = labelledScoredTables();

interface Shape {
  /** Weight and score printed in one cell (`1515`). */
  fusedScore?: boolean;
  /** Target and actual printed in one cell (`100%100%`). */
  fusedValues?: boolean;
  /** A column between the name and the target. */
  extra?: '评分标准' | '指标解释';
  /** Scores (and weights) printed with 分. */
  points?: boolean;
  /** The execution weight, and where the execution is printed. */
  execution: { weight: 10 | 20; where: 'money' | 'row' };
  total: '总分' | '合计' | '自评得分';
  separator: 'tabs' | 'spaces' | 'pipes' | 'pdf columns' | 'one cell per line';
}

const EXTRA_TEXT: Record<NonNullable<Shape['extra']>, (i: ExpectedIndicator) => string> = {
  评分标准: () => '完成得满分，未完成按完成比例计分',
  指标解释: (i) => `反映${i.name}情况`,
};

function figure(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** A filled 自评表 with the rows of `rows` in `shape`; returns its text and the claim it prints. */
function render(name: string, rows: ExpectedIndicator[], shape: Shape) {
  const sep = (cells: string[]): string => {
    if (shape.separator === 'tabs') return cells.join('\t');
    if (shape.separator === 'pipes') return `| ${cells.join(' | ')} |`;
    if (shape.separator === 'one cell per line') return cells.filter((c) => c !== '').join('\n');
    if (shape.separator === 'pdf columns')
      return cells
        .map((c) => c.padEnd(10, ' '))
        .join('    ')
        .trimEnd();
    return cells.filter((c) => c !== '').join(' ');
  };
  const pts = (n: number) => (shape.points ? `${figure(n)}分` : figure(n));
  const w = shape.execution.weight;
  // 95 of 100 spent: the execution score the unit printed follows the rule.
  const executionScore = w * 0.95;
  const total = rows.reduce((s, r) => s + (r.score as number), executionScore);
  const lines = ['2022年度项目支出绩效自评表', `项目名称：${name}`, '实施单位：某局'];
  if (shape.execution.where === 'money') {
    lines.push(sep(['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']));
    lines.push(sep(['年度资金总额', '100', '100', '95', pts(w), '95%', pts(executionScore)]));
  } else {
    lines.push(sep(['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '执行率']));
    lines.push(sep(['年度资金总额', '100', '100', '95', '95%']));
  }
  const valueCaptions = [
    ...(shape.fusedValues ? ['年度指标值实际完成值'] : ['年度指标值', '实际完成值']),
    ...(shape.fusedScore ? ['分值得分'] : ['分值', '得分']),
  ];
  const captions = [
    '一级指标',
    '二级指标',
    '三级指标',
    ...(shape.extra ? [shape.extra] : []),
    ...valueCaptions,
  ];
  lines.push(sep([...captions, '偏差原因分析及改进措施']));
  if (shape.separator === 'pipes') lines.push(`|${captions.map(() => '---').join('|')}|---|`);
  const valueCells = (target: string, actual: string, weight: number, score: number) => [
    ...(shape.fusedValues ? [`${target}${actual}`] : [target, actual]),
    ...(shape.fusedScore ? [`${pts(weight)}${pts(score)}`] : [pts(weight), pts(score)]),
  ];
  for (const i of rows) {
    const target = `${i.operator ? (SIGN[i.operator] ?? '') : ''}${i.value}${i.unit ?? ''}`;
    lines.push(
      sep([
        i.level1 ?? '',
        i.level2 ?? '',
        i.name,
        ...(shape.extra ? [EXTRA_TEXT[shape.extra](i)] : []),
        ...valueCells(target, i.actual ?? '', i.weight as number, i.score as number),
        '',
      ]),
    );
  }
  if (shape.execution.where === 'row') {
    lines.push(
      sep([
        '预算执行率',
        '预算执行率',
        '预算执行率',
        ...(shape.extra ? [shape.extra === '评分标准' ? '按执行率计分' : '反映预算执行情况'] : []),
        ...valueCells('100%', '95%', w, executionScore),
        '',
      ]),
    );
  }
  const totalCells = shape.total === '自评得分' ? ['自评得分', pts(total)] : [shape.total, '100', pts(total)];
  lines.push(sep(totalCells));
  lines.push('填表人：');
  return { text: lines.join('\n'), executionScore, total };
}

interface Back {
  rows: number;
  rowsEqual: number;
  forms: number;
  executionEqual: number;
  totalEqual: number;
  failed: string[];
}

/** How much of the printed claim comes back after import. */
function claimsBack(shape: Shape): Back {
  const back: Back = { rows: 0, rowsEqual: 0, forms: 0, executionEqual: 0, totalEqual: 0, failed: [] };
  for (const { name, rows } of tables) {
    const printed = render(name, rows, shape);
    back.forms++;
    back.rows += rows.length;
    const [table] = importText(printed.text).tables;
    if (!table) {
      back.failed.push(`${name}: no table`);
      continue;
    }
    const { entry, scheme } = selfEvaluationOfPrintedForm(table, {
      printedTotal: readPrintedTotal(printed.text),
    });
    const claim = scoreSelfEvaluation(table, entry, scheme).claim;
    if (!claim) continue;
    // Rows by name, in order: a form may print one name twice (its 数量指标 and its 满意度指标 row).
    const used = new Set<number>();
    for (const row of rows) {
      const k = table.indicators.findIndex((b, n) => !used.has(n) && b.name === row.name);
      used.add(k);
      const line = k >= 0 ? claim.lines[k + 1] : undefined;
      if (line && line.claimed === row.score) back.rowsEqual++;
      else back.failed.push(`${name} · ${row.name}: ${row.score} read ${line?.claimed}`);
    }
    if (claim.lines[0]?.claimed === printed.executionScore) back.executionEqual++;
    else back.failed.push(`${name}: execution ${printed.executionScore} read ${claim.lines[0]?.claimed}`);
    // The printed total itself, not the rows' sum standing in for it. Rows labelled under a 10-point
    // execution may add up to more than 100 beside 20 points: no form prints such a total.
    if (printed.total > 100) continue;
    const total = readPrintedTotal(printed.text);
    if (total !== null && Math.abs(total - printed.total) < 1e-9) back.totalEqual++;
    else back.failed.push(`${name}: total ${printed.total} read ${total}`);
  }
  return back;
}

const SHAPES: [string, Shape][] = [];
for (const separator of ['tabs', 'spaces', 'pipes', 'pdf columns', 'one cell per line'] as const) {
  const base: Shape = { execution: { weight: 10, where: 'money' }, total: '总分', separator };
  SHAPES.push(
    [`national, ${separator}`, base],
    [`weight and score run together, ${separator}`, { ...base, fusedScore: true }],
    [`target and actual run together, ${separator}`, { ...base, fusedValues: true }],
    [`a 评分标准 column, ${separator}`, { ...base, extra: '评分标准' }],
    [`a 指标解释 column, ${separator}`, { ...base, extra: '指标解释' }],
    [`scores with 分, ${separator}`, { ...base, points: true }],
    [`execution worth 20, ${separator}`, { ...base, execution: { weight: 20, where: 'money' } }],
    [`预算执行率 as a row worth 10, ${separator}`, { ...base, execution: { weight: 10, where: 'row' } }],
    [`预算执行率 as a row worth 20, ${separator}`, { ...base, execution: { weight: 20, where: 'row' } }],
    [`total under 合计, ${separator}`, { ...base, total: '合计' }],
    [`total under 自评得分, ${separator}`, { ...base, total: '自评得分' }],
    [
      `all at once: fused cells, 评分标准, a 20-point 预算执行率 row, 自评得分, ${separator}`,
      {
        ...base,
        fusedScore: true,
        fusedValues: true,
        extra: '评分标准',
        execution: { weight: 20, where: 'row' },
        total: '自评得分',
      },
    ],
  );
}

describe('the claim printed on a 自评表 comes back after import, in the shapes forms take', () => {
  it('has scored rows to re-lay', () => {
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThanOrEqual(100);
  });

  for (const [label, shape] of SHAPES)
    it(label, () => {
      const back = claimsBack(shape);
      expect(back.failed.slice(0, 8), `${back.rowsEqual}/${back.rows} rows`).toEqual([]);
    });
});
