import { describe, expect, it } from 'vitest';
import { codeOf } from '../errors/testing/code-of.ts';
import { buildReview, buildReviewTable } from './review-record.factory.ts';
import { reviewCreateSchema } from './review-record.schema.ts';
import {
  lastReviewedVersion,
  openComments,
  resolveAnchor,
  reviewStage,
  reviewTransitionComment,
  validateReview,
} from './review-record.ts';

describe('comment anchors', () => {
  const table = buildReviewTable();
  it('resolves header, narrative, budget and indicator paths', () => {
    expect(resolveAnchor(table, 'name')).toEqual({ path: 'name', indicatorIndex: null, indicator: null });
    expect(resolveAnchor(table, 'narrative.goals')).toEqual({
      path: 'narrative.goals',
      indicatorIndex: null,
      indicator: null,
    });
    expect(resolveAnchor(table, 'budget.currentYear')?.indicatorIndex).toBeNull();
    const satisfaction = { level1: '效果目标', level2: '满意度', name: '参与者满意度' };
    expect(resolveAnchor(table, 'indicators.1')).toEqual({
      path: 'indicators.1',
      indicatorIndex: 1,
      indicator: satisfaction,
    });
    expect(resolveAnchor(table, 'indicators.0.target')).toEqual({
      path: 'indicators.0.target',
      indicatorIndex: 0,
      indicator: { level1: '产出目标', level2: '数量', name: '举办活动场次' },
    });
    expect(resolveAnchor(table, null)).toEqual({ path: null, indicatorIndex: null, indicator: null });
  });
  it('rejects paths that name no field of this table', () => {
    expect(resolveAnchor(table, 'indicators.2')).toBeNull();
    expect(resolveAnchor(table, 'indicators.0.colour')).toBeNull();
    expect(resolveAnchor(table, 'budget.nothing')).toBeNull();
    expect(resolveAnchor(table, 'narrative')).toBeNull();
    expect(resolveAnchor(table, 'indicators.x')).toBeNull();
  });
});

describe('validateReview', () => {
  const table = buildReviewTable();
  it('accepts a department forward graded 良 and resolves comment anchors', () => {
    const comments = validateReview(
      buildReview({ comments: [{ path: 'indicators.1.target', text: '满意度目标偏低' }] }),
      table,
      'submitted',
    );
    expect(comments).toEqual([
      {
        path: 'indicators.1.target',
        indicatorIndex: 1,
        indicator: { level1: '效果目标', level2: '满意度', name: '参与者满意度' },
        text: '满意度目标偏低',
      },
    ]);
  });
  it('lets only the department forward and only finance approve', () => {
    expect(codeOf(() => validateReview(buildReview({ decision: 'approve' }), table, 'submitted'))).toBe(
      'review.decision_mismatch',
    );
    expect(
      codeOf(() => validateReview(buildReview({ decision: 'forward' }), table, 'department_reviewed')),
    ).toBe('review.decision_mismatch');
    expect(
      codeOf(() => validateReview(buildReview({ decision: 'approve' }), table, 'department_reviewed')),
    ).toBeNull();
  });
  it('sends 中 and 差 back to the author', () => {
    expect(codeOf(() => validateReview(buildReview({ overall: '中' }), table, 'submitted'))).toBe(
      'review.grade_blocks',
    );
    expect(
      codeOf(() =>
        validateReview(buildReview({ overall: '差', decision: 'approve' }), table, 'department_reviewed'),
      ),
    ).toBe('review.grade_blocks');
    expect(
      codeOf(() =>
        validateReview(
          buildReview({ overall: '差', decision: 'return', summary: '不纳入预算' }),
          table,
          'submitted',
        ),
      ),
    ).toBeNull();
  });
  it('needs a comment to return, a field that exists, and a table under review', () => {
    expect(codeOf(() => validateReview(buildReview({ decision: 'return' }), table, 'submitted'))).toBe(
      'review.comment_required',
    );
    expect(
      codeOf(() =>
        validateReview(buildReview({ comments: [{ path: 'indicators.9', text: 'x' }] }), table, 'submitted'),
      ),
    ).toBe('review.bad_anchor');
    expect(codeOf(() => validateReview(buildReview(), table, 'draft'))).toBe('review.not_pending');
    expect(reviewStage('approved')).toBeNull();
  });
  it('rejects grades outside 优良中差 at the schema', () => {
    expect(reviewCreateSchema.safeParse({ ...buildReview(), overall: 'A' }).success).toBe(false);
  });
  it('takes the summary, else the first comment, as the transition comment', () => {
    expect(reviewTransitionComment(buildReview({ summary: ' 总体良好 ' }))).toBe('总体良好');
    expect(reviewTransitionComment(buildReview({ comments: [{ path: null, text: '补充成本指标' }] }))).toBe(
      '补充成本指标',
    );
  });
});

describe('review rounds', () => {
  it('finds the version of the latest review round', () => {
    expect(lastReviewedVersion([])).toBeNull();
    expect(
      lastReviewedVersion([
        { version: 4, createdAt: '2026-11-26T10:00:00.000Z' },
        { version: 2, createdAt: '2026-11-25T10:00:00.000Z' },
      ]),
    ).toBe(4);
  });
  it('shows the author the comments of the latest return', () => {
    const comment = (text: string) => ({ text });
    const reviews = [
      { decision: 'return' as const, createdAt: '2026-11-25T10:00:00.000Z', comments: [comment('old')] },
      { decision: 'return' as const, createdAt: '2026-11-26T10:00:00.000Z', comments: [comment('new')] },
      { decision: 'forward' as const, createdAt: '2026-11-24T10:00:00.000Z', comments: [comment('fwd')] },
    ];
    expect(openComments(reviews)).toEqual([comment('new')]);
  });
});
