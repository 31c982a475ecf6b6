import { describe, expect, it } from 'vitest';
import { printedFormOnTable, selfEvaluationOfPrintedForm } from './printed-form.ts';
import { buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';

const approved = buildSelfEvaluationTable(
  [
    buildIndicator('>=100人', { name: '资助人数', weight: 30 }),
    buildIndicator('>=95%', { name: '资金发放 准确率', weight: 60 }),
  ],
  { kind: 'target' },
);

describe('printedFormOnTable', () => {
  it('lays the form’s rows onto the table’s indicators by name, keeping the table’s targets and weights', () => {
    const form = buildSelfEvaluationTable([
      buildIndicator('>=95%', { name: '资金发放准确率', weight: 50, actual: '100%', score: 50 }),
      buildIndicator('>=10人', { name: '其中：残疾学生', weight: null, actual: '12人', score: null }),
      buildIndicator('>=100人', { name: '资助人数', weight: 40, actual: '120人', score: 38 }),
    ]);
    const laid = printedFormOnTable(form, approved);
    expect(laid.form.indicators.map((i) => [i.name, i.weight, i.actual, i.score])).toEqual([
      ['资助人数', 30, '120人', 38],
      ['资金发放 准确率', 60, '100%', 50],
    ]);
    expect(laid.printedWeights).toEqual([40, 50]);
    expect(laid.unmatched).toEqual([{ index: 1, name: '其中：残疾学生' }]);
    // The claim keeps what was printed; the rules score with the approved weights and say so.
    const { entry } = selfEvaluationOfPrintedForm(laid.form, { printedWeights: laid.printedWeights });
    expect(entry.claim?.rows.map((r) => [r.weight, r.score])).toEqual([
      [40, 38],
      [50, 50],
    ]);
  });

  it('falls back to the position when both list as many rows and names differ', () => {
    const form = buildSelfEvaluationTable([
      buildIndicator('>=100人', { name: '受资助学生人数', weight: 30, actual: '100人', score: 30 }),
      buildIndicator('>=95%', { name: '发放准确率', weight: 60, actual: '96%', score: 60 }),
    ]);
    const laid = printedFormOnTable(form, approved);
    expect(laid.form.indicators.map((i) => i.actual)).toEqual(['100人', '96%']);
    expect(laid.unmatched).toEqual([]);
  });
});
