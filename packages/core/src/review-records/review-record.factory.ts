import {
  type PerformanceTable,
  type PerformanceTableInput,
  performanceTableSchema,
} from '../tables/table.schema.ts';
import { type ReviewCreate, type ReviewCreateInput, reviewCreateSchema } from './review-record.schema.ts';

/** Test data: the two indicators review tests comment on (an event count and a satisfaction rate). */
export function reviewIndicators(): PerformanceTableInput['indicators'] {
  return [
    {
      level1: '产出目标',
      level2: '数量',
      name: '举办活动场次',
      target: { raw: '>=10场', kind: 'quantitative', operator: '>=', value: 10, unit: '场' },
    },
    {
      level1: '效果目标',
      level2: '满意度',
      name: '参与者满意度',
      target: { raw: '>=90%', kind: 'quantitative', operator: '>=', value: 90, unit: '%' },
    },
  ];
}

/** Test data: a small 2020 project table of the science-and-innovation office; tests override what they need. */
export function buildReviewTable(overrides: Partial<PerformanceTableInput> = {}): PerformanceTable {
  return performanceTableSchema.parse({
    year: 2020,
    unit: '上海推进科技创新中心建设办公室',
    name: '科创中心建设专项',
    budget: { total: 1000000, currentYear: 500000 },
    indicators: reviewIndicators(),
    ...overrides,
  });
}

/** Test data: the grades of a sound review (良, relevance 优). */
export const reviewGrades = {
  completeness: '良',
  relevance: '优',
  appropriateness: '良',
  feasibility: '良',
} as const;

/** Test data: a review of version 1 that forwards the table with 良; tests override what they need. */
export function buildReview(overrides: Partial<ReviewCreateInput> = {}): ReviewCreate {
  return reviewCreateSchema.parse({
    expectedVersion: 1,
    criteria: reviewGrades,
    overall: '良',
    decision: 'forward',
    ...overrides,
  });
}
