import { indicatorKey, placeComments } from '@jixiao/core/review-records/comment-anchor';
import type { PlacedComment, ReviewComment } from '@jixiao/core/review-records/review-record.schema';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { en as enMessages } from '../i18n/messages.en.ts';
import { format, type MessageKey } from '../i18n/messages.ts';
import { zhMessages } from '../i18n/messages.zh.ts';
import { loadAllMessages } from '../i18n/testing/all-messages.ts';
import {
  commentIsAt,
  commentLabel,
  FieldComments,
  fieldLabel,
  ReviewCommentList,
} from './review-comments.tsx';

const table: PerformanceTable = performanceTableSchema.parse({
  year: 2020,
  unit: '上海推进科技创新中心建设办公室',
  name: '科创中心建设工作经费',
  indicators: [
    {
      level1: '产出目标',
      level2: '数量',
      name: '举办活动场次',
      target: { raw: '>=10场', kind: 'quantitative', operator: '>=', value: 10, unit: '场' },
    },
  ],
});

/** A comment written on version 2 of `table`, placed on `shown` (default: the same rows). */
function buildComment(path: string | null, text: string, shown: PerformanceTable = table): PlacedComment {
  const index = path?.startsWith('indicators.') ? Number(path.split('.')[1]) : null;
  const indicator = index === null ? undefined : table.indicators[index];
  const stored: ReviewComment = {
    id: `00000000-0000-4000-8000-${String(text.length).padStart(12, '0')}`,
    reviewId: '00000000-0000-4000-8000-000000000001',
    tableId: '00000000-0000-4000-8000-000000000002',
    version: 2,
    path,
    indicatorIndex: index,
    indicator: indicator ? indicatorKey(indicator) : null,
    text,
    authorId: null,
    authorName: '李审核',
    createdAt: '2026-11-26T10:00:00.000Z',
  };
  const [placed] = placeComments(
    [stored],
    { 2: table.indicators.map(indicatorKey) },
    shown.indicators.map(indicatorKey),
    3,
  );
  if (!placed) throw new Error('unreachable');
  return placed;
}

const zh = (key: MessageKey, params?: Record<string, string | number>) => format(zhMessages[key], params);
const en = (key: MessageKey, params?: Record<string, string | number>) => format(enMessages[key], params);

describe('review comment anchors in the UI', () => {
  beforeAll(loadAllMessages);

  it('names fields and indicator cells in the user language', () => {
    expect(fieldLabel('budget.currentYear', table, zh)).toBe('项目当年预算');
    expect(fieldLabel('narrative.goals', table, zh)).toBe('总目标及阶段性目标');
    expect(fieldLabel('indicators.0.target', table, zh)).toBe('#1「举办活动场次」 · 指标目标值');
    expect(fieldLabel('indicators.0', table, zh)).toBe('#1「举办活动场次」');
    expect(fieldLabel(null, table, zh)).toBe('整表');
    expect(fieldLabel(null, table, en)).toBe('Whole table');
  });

  it('places a comment at its field, and an indicator row collects the comments on its cells', () => {
    expect(commentIsAt('budget.currentYear', 'budget.currentYear')).toBe(true);
    expect(commentIsAt('indicators.1.target', 'indicators.1')).toBe(true);
    expect(commentIsAt('indicators.10.target', 'indicators.1')).toBe(false);
    expect(commentIsAt(null, 'name')).toBe(false);
  });

  it('renders the comments of a field under it and nothing under the others', () => {
    const comments = [buildComment('budget.currentYear', '金额不一致'), buildComment('name', '名称过长了')];
    const html = renderToStaticMarkup(
      <I18nProvider>
        <FieldComments path="budget.currentYear" comments={comments} />
        <FieldComments path="budget.total" comments={comments} />
        <ReviewCommentList comments={comments} table={table} />
      </I18nProvider>,
    );
    expect(html.match(/data-testid="field-comment"/g)).toHaveLength(1);
    expect(html).toContain('金额不一致');
    expect(html).toContain('项目名称');
  });

  it('shows an indicator comment on the row its indicator moved to, and a removed one on no row', () => {
    const added = {
      ...(table.indicators[0] as PerformanceTable['indicators'][number]),
      name: '新增宣讲场次',
    };
    const moved = { ...table, indicators: [added, ...table.indicators] };
    const comment = buildComment('indicators.0.target', '场次目标偏低', moved);
    expect(comment.placement).toMatchObject({ status: 'moved', path: 'indicators.1.target' });
    expect(commentLabel(comment, moved, zh)).toBe('#2「举办活动场次」 · 指标目标值（原第 1 行）');
    const html = renderToStaticMarkup(
      <I18nProvider>
        <FieldComments path="indicators.0" comments={[comment]} />
        <FieldComments path="indicators.1" comments={[comment]} />
      </I18nProvider>,
    );
    expect(html.match(/data-testid="field-comment"/g)).toHaveLength(1);
    expect(html).toContain('data-field="indicators.1"');

    const removed = buildComment('indicators.0.target', '场次目标偏低', {
      ...table,
      indicators: [{ ...added, level2: '质量' }],
    });
    expect(commentLabel(removed, null, zh)).toBe('该指标已删除：「举办活动场次」');
    expect(commentLabel(removed, null, en)).toBe('Indicator removed: "举办活动场次"');
    expect(commentLabel(comment, moved, en)).toBe('#2「举办活动场次」 · Target (was row 1)');
    const list = renderToStaticMarkup(
      <I18nProvider>
        <FieldComments path="indicators.0" comments={[removed]} />
        <ReviewCommentList comments={[removed]} table={table} onSelect={() => {}} />
      </I18nProvider>,
    );
    expect(list).not.toContain('field-comment');
    expect(list).toContain('data-status="removed"');
  });

  it('notes that a renamed row changed since the comment', () => {
    const renamed = {
      ...table,
      indicators: [
        { ...(table.indicators[0] as PerformanceTable['indicators'][number]), name: '举办宣讲活动场次' },
      ],
    };
    const comment = buildComment('indicators.0', '请写明活动类型', renamed);
    expect(comment.placement.status).toBe('changed');
    expect(commentLabel(comment, renamed, zh)).toBe(
      '#1「举办宣讲活动场次」（该行已修改，原为「举办活动场次」）',
    );
  });
});
