import { type ExAnteAssessment, exAnteDimensionPoints, exAnteDimensions } from '../ex-ante/ex-ante.schema.ts';
import { exAnteConclusionLabels, exAnteDimensionLabels } from '../ex-ante/ex-ante.ts';
import type { PrintedForm } from '../frameworks/framework.schema.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import {
  type GridRow,
  type LayoutCell,
  type LayoutLocale,
  type OfficialLayout,
  officialLayout,
} from './official-layout.ts';

const WORDS = {
  zh: {
    title: '项目事前绩效评估表',
    assessor: '评估主体',
    conclusion: '评估结论',
    verdict: (conclusion: string, total: string) => `${conclusion}（总分 ${total} 分）`,
    opinion: '综合评估意见',
    caption: '评估维度及得分',
    dimension: '评估维度',
    points: '分值',
    score: '得分',
    evidence: '评分依据',
    total: '合计',
  },
  en: {
    title: 'Ex-ante Performance Assessment',
    assessor: 'Assessed by',
    conclusion: 'Conclusion',
    verdict: (conclusion: string, total: string) => `${conclusion} (total ${total} points)`,
    opinion: 'Overall opinion',
    caption: 'Dimensions and scores',
    dimension: 'Dimension',
    points: 'Points',
    score: 'Score',
    evidence: 'Evidence',
    total: 'Total',
  },
} as const;

function label(text: string, colSpan = 1): LayoutCell {
  return { kind: 'label', text, colSpan };
}

function value(text: string, field: string, colSpan = 1): LayoutCell {
  return { kind: 'value', text, colSpan, field };
}

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * The 项目事前绩效评估表 as an OfficialLayout, so EXPORT's renderers print it like the target table and the
 * 自评表 (one layout, A4, PDF/Word/Excel/HTML): the project's header and money as on its target table, the
 * assessor, the five dimensions with points, score and evidence, the total, the conclusion and the opinion.
 * The grid reuses the printed column keys for their alignment: a dimension prints as a level (centred),
 * its points and score as weight and score, its evidence as a prose column.
 */
export function exAnteLayout(
  table: PerformanceTable,
  assessment: ExAnteAssessment,
  locale: LayoutLocale,
  form?: PrintedForm,
): OfficialLayout {
  const words = WORDS[locale];
  const base = form ? officialLayout(table, locale, form) : officialLayout(table, locale);
  const byDimension = new Map(assessment.scores.map((s, i) => [s.dimension, { score: s, index: i }]));
  const rows: GridRow[] = exAnteDimensions.map((dimension, row) => {
    const found = byDimension.get(dimension);
    const path = `exAnte.scores.${found?.index ?? row}`;
    return {
      indicatorIndex: row,
      cells: [
        {
          column: 'level1',
          text: exAnteDimensionLabels[dimension][locale],
          rowSpan: 1,
          field: `${path}.dimension`,
        },
        { column: 'weight', text: String(exAnteDimensionPoints), rowSpan: 1, field: `${path}.points` },
        { column: 'score', text: found ? points(found.score.score) : '', rowSpan: 1, field: `${path}.score` },
        { column: 'explanation', text: found?.score.evidence ?? '', rowSpan: 1, field: `${path}.evidence` },
      ],
    };
  });
  rows.push({
    indicatorIndex: rows.length,
    cells: [
      { column: 'level1', text: words.total, rowSpan: 1, field: 'exAnte.total.label' },
      {
        column: 'weight',
        text: String(exAnteDimensionPoints * exAnteDimensions.length),
        rowSpan: 1,
        field: 'exAnte.total.points',
      },
      { column: 'score', text: points(assessment.total), rowSpan: 1, field: 'exAnte.total' },
      { column: 'explanation', text: '', rowSpan: 1, field: 'exAnte.total.evidence' },
    ],
  });
  return {
    ...base,
    title: words.title,
    notes: [],
    header: [
      ...base.header,
      [label(words.assessor), value(assessment.assessor ?? table.unit, 'exAnte.assessor', 3)],
    ],
    narratives: [
      [
        label(words.conclusion),
        value(
          words.verdict(exAnteConclusionLabels[assessment.conclusion][locale], points(assessment.total)),
          'exAnte.conclusion',
          3,
        ),
      ],
      [label(words.opinion), value(assessment.opinion, 'exAnte.opinion', 3)],
    ],
    grid: {
      caption: words.caption,
      columns: [
        { key: 'level1', label: words.dimension, width: 18 },
        { key: 'weight', label: words.points, width: 9 },
        { key: 'score', label: words.score, width: 9 },
        { key: 'explanation', label: words.evidence, width: 64 },
      ],
      rows,
    },
  };
}
