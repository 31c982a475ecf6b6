import { describe, expect, it } from 'vitest';
import type { ExAnteAssessment } from '../ex-ante/ex-ante.schema.ts';
import { buildTrainingSelfEvaluation } from '../scoring/self-evaluation.factory.ts';
import { exAnteLayout } from './ex-ante-layout.ts';
import { renderLayoutFragment } from './layout-html.ts';

const { table } = buildTrainingSelfEvaluation();

// Scores given out of order: the form prints the five dimensions in the standard order all the same.
const assessment: ExAnteAssessment = {
  tableId: '00000000-0000-4000-8000-000000000001',
  scores: [
    { dimension: 'funding', score: 16, evidence: '资金来源为一般公共预算' },
    { dimension: 'necessity', score: 18, evidence: '列入区“十四五”规划' },
    { dimension: 'economy', score: 15.5, evidence: '单位成本低于同类项目中位数' },
    { dimension: 'targets', score: 17, evidence: '指标与产出对应' },
    { dimension: 'feasibility', score: 16, evidence: '场地已落实' },
  ],
  total: 82.5,
  conclusion: 'support',
  opinion: '立项依据充分，建议予以支持。',
  assessor: '区财政局评审中心',
  updatedAt: '2026-03-01T00:00:00.000Z',
};

describe('exAnteLayout', () => {
  it('prints the five dimensions in order with points, score and evidence, then the total', () => {
    const layout = exAnteLayout(table, assessment, 'zh');
    expect(layout.title).toBe('项目事前绩效评估表');
    expect(layout.grid.columns.map((c) => c.label)).toEqual(['评估维度', '分值', '得分', '评分依据']);
    expect(layout.grid.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);
    expect(layout.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['立项必要性', '20', '18', '列入区“十四五”规划'],
      ['投入经济性', '20', '15.5', '单位成本低于同类项目中位数'],
      ['绩效目标合理性', '20', '17', '指标与产出对应'],
      ['实施方案可行性', '20', '16', '场地已落实'],
      ['筹资合规性', '20', '16', '资金来源为一般公共预算'],
      ['合计', '100', '82.5', ''],
    ]);
    // Each cell points at the score it shows in the stored assessment.
    expect(layout.grid.rows[0]?.cells[2]?.field).toBe('exAnte.scores.1.score');
  });

  it("keeps the project's header and money, adds the assessor, the conclusion and the opinion", () => {
    const layout = exAnteLayout(table, assessment, 'zh');
    const header = layout.header.flat().map((c) => c.text);
    expect(header).toContain(table.name);
    expect(header).toContain('区财政局评审中心');
    expect(layout.narratives.map((r) => r.map((c) => c.text))).toEqual([
      ['评估结论', '予以支持（总分 82.5 分）'],
      ['综合评估意见', '立项依据充分，建议予以支持。'],
    ]);
    for (const row of [...layout.header, ...layout.narratives, ...layout.money.rows]) {
      expect(row.reduce((sum, c) => sum + c.colSpan, 0)).toBe(4);
    }
    // The same renderer as every other printed form.
    const html = renderLayoutFragment(layout);
    expect(html).toContain('项目事前绩效评估表');
    expect(html).toContain('评分依据');
  });

  it('speaks English when asked, and names the unit when no assessor is given', () => {
    const layout = exAnteLayout(table, { ...assessment, assessor: null, conclusion: 'partial' }, 'en');
    expect(layout.title).toBe('Ex-ante Performance Assessment');
    expect(layout.grid.rows[0]?.cells[0]?.text).toBe('Necessity');
    expect(layout.narratives[0]?.[1]?.text).toBe('Partial support (total 82.5 points)');
    expect(layout.header.flat().map((c) => c.text)).toContain(table.unit);
  });
});
