import type { ReviewQueueItem } from '@jixiao/core/workflow/workflow.schema';
import { Button, Empty, Result, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { queryKeys } from '../api/query-client.ts';
import { workflowApi } from '../api/workflow.api.ts';
import { MoneyText } from '../components/money-text.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ResponsiveTable } from '../components/responsive-table.tsx';
import { nameColumn, statusColumn, unitColumn, yearColumn } from '../components/table-columns.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';

/** Reviewers open the workspace; an author opens a returned table in the editor to revise it. */
const targetOf = (row: ReviewQueueItem) =>
  row.status === 'returned' ? `/tables/${row.id}` : `/review/${row.id}`;

/** /review: the tables waiting for the signed-in user's next step, oldest first. */
export default function ReviewQueuePage() {
  const { t, pick, locale } = useI18n();
  const { data: queue, loading, error } = useLoad(queryKeys.reviewQueue, workflowApi.queue);
  const items = queue?.items ?? [];

  if (error) return <Result status="warning" title={pick(error.problem)} />;

  const columns: TableProps<ReviewQueueItem>['columns'] = [
    nameColumn(t, targetOf, 'review-queue-link'),
    unitColumn(t),
    yearColumn(t, 80),
    statusColumn(t, 130),
    {
      title: t('list.budget'),
      dataIndex: 'currentYearBudget',
      key: 'budget',
      align: 'right',
      width: 150,
      render: (amount: number | null) => <MoneyText amount={amount} />,
    },
    { title: t('review.rounds'), dataIndex: 'rounds', key: 'rounds', align: 'right', width: 90 },
    {
      title: t('list.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 180,
      render: (at: string) => <span className="nowrap">{formatDateTime(at, locale)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, row) => (
        <Link to={targetOf(row)}>
          <Button size="small" type="primary">
            {row.status === 'returned' ? t('workflow.action.resubmit') : t('review.open')}
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <div data-testid="review-queue-page">
      <PageHead title={t('review.queueTitle')} subtitle={t('review.queueSubtitle')} />
      <ResponsiveTable<ReviewQueueItem>
        data-testid="review-queue-list"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.queueEmpty')} />,
        }}
      />
    </div>
  );
}
