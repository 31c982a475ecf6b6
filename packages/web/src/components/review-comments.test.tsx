import type { ReviewComment } from '@jixiao/core/review-records/review-record.schema';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { format, type MessageKey, messages } from '../i18n/messages.ts';
import { commentIsAt, FieldComments, fieldLabel, ReviewCommentList } from './review-comments.tsx';

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

function buildComment(path: string | null, text: string): ReviewComment {
  return {
    id: `00000000-0000-4000-8000-${String(text.length).padStart(12, '0')}`,
    reviewId: '00000000-0000-4000-8000-000000000001',
    tableId: '00000000-0000-4000-8000-000000000002',
    version: 2,
    path,
    indicatorIndex: path?.startsWith('indicators.') ? Number(path.split('.')[1]) : null,
    indicator: null,
    text,
    authorId: null,
    authorName: '李审核',
    createdAt: '2026-11-26T10:00:00.000Z',
  };
}

const zh = (key: MessageKey, params?: Record<string, string | number>) => format(messages.zh[key], params);
const en = (key: MessageKey, params?: Record<string, string | number>) => format(messages.en[key], params);

describe('review comment anchors in the UI', () => {
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
});
