import { DownloadOutlined } from '@ant-design/icons';
import type { AuditEntryView } from '@jixiao/core/accounts/audit-log.schema';
import { Button, DatePicker, Input, Space, Table, type TableProps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type AuditFilters, accountsApi } from '../api/accounts.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { ForbiddenResult } from '../app/forbidden.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHead } from '../components/page-head.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { hasMessage } from '../i18n/messages.ts';
import { formatDateTime } from '../lib/dates.ts';

const pageSize = 50;

function DiffView({ diff }: { diff: unknown }) {
  const { t } = useI18n();
  if (diff === null || diff === undefined) return <span className="muted">{t('audit.noDiff')}</span>;
  return (
    <pre
      data-testid="audit-diff"
      style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 360, overflow: 'auto' }}
    >
      {JSON.stringify(diff, null, 2)}
    </pre>
  );
}

/** The append-only audit log for administrators and auditors: filter, read each change, export CSV. */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [draft, setDraft] = useState<AuditFilters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const allowed = session.can('audit.read');
  // Through the shared cache: every write is audited, so any write marks the log stale.
  const list = useLoad(queryKeys.audit([filters, page]), () => accountsApi.audit(filters, page, pageSize), {
    enabled: allowed,
  });
  const items: AuditEntryView[] = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const loading = list.loading;

  if (session.status === 'ready' && !allowed) {
    return <ForbiddenResult message={t('audit.forbidden')} />;
  }

  function apply() {
    const [from, to] = range ?? [null, null];
    setFilters({
      ...draft,
      ...(from ? { from: from.startOf('day').toISOString() } : {}),
      // The end date is inclusive for the user: up to the start of the next day.
      ...(to ? { to: to.add(1, 'day').startOf('day').toISOString() } : {}),
    });
    setPage(1);
  }

  const columns: TableProps<AuditEntryView>['columns'] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 205,
      render: (at: string) => <span className="nowrap">{formatDateTime(at, locale, { seconds: true })}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      // A person's name with the username auditors filter by; a raw id only when the user is gone.
      render: (_, entry) =>
        entry.actorUsername ? (
          <span title={entry.actor ?? undefined}>
            {entry.actorName ? `${entry.actorName}（${entry.actorUsername}）` : entry.actorUsername}
          </span>
        ) : (
          (entry.actor ?? <span className="muted">{t('audit.system')}</span>)
        ),
    },
    { title: t('audit.address'), dataIndex: 'address', key: 'address' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      // The words for people, the code beside them for auditors who filter and export by code.
      render: (action: string) => {
        const key = `auditAction.${action}`;
        return (
          <Space size={6}>
            {hasMessage(key) ? <span>{t(key)}</span> : null}
            <Tag color={action.startsWith('auth.') ? 'blue' : 'geekblue'}>{action}</Tag>
          </Space>
        );
      },
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      key: 'entity',
      render: (entity: string) => {
        const key = `auditEntity.${entity}`;
        return hasMessage(key) ? t(key) : entity;
      },
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      // What the id names (a table's project, a user, a unit), the id itself on hover and in the CSV; a
      // table opens (the auditor's next question is "which one?"). An id that names nothing any more
      // (a deleted table) is shown as it is.
      render: (id: string | null, entry) => {
        if (!id) return <span className="muted">—</span>;
        const shown = entry.entityName ? (
          <span title={id} data-testid="audit-entity-name">
            {entry.entityName}
          </span>
        ) : (
          <code style={{ fontSize: 12 }}>{id}</code>
        );
        return entry.entity === 'table' ? <Link to={`/tables/${id}`}>{shown}</Link> : shown;
      },
    },
  ];

  return (
    <div data-testid="audit-page">
      <PageHead title={t('audit.title')} subtitle={t('audit.subtitle')}>
        <Button
          icon={<DownloadOutlined />}
          href={accountsApi.auditCsvUrl(filters)}
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </PageHead>
      <div className="panel">
        <div className="filter-bar">
          <Space wrap>
            <Input
              allowClear
              placeholder={t('audit.filterActor')}
              style={{ width: 160 }}
              value={draft.actor ?? ''}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value || undefined })}
              onPressEnter={apply}
            />
            <Input
              allowClear
              placeholder={t('audit.filterAction')}
              style={{ width: 280 }}
              value={draft.action ?? ''}
              onChange={(e) => setDraft({ ...draft, action: e.target.value || undefined })}
              onPressEnter={apply}
              data-testid="audit-filter-action"
            />
            <Input
              allowClear
              placeholder={t('audit.filterEntity')}
              style={{ width: 140 }}
              value={draft.entity ?? ''}
              onChange={(e) => setDraft({ ...draft, entity: e.target.value || undefined })}
              onPressEnter={apply}
            />
            <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} />
            <Button type="primary" onClick={apply} data-testid="audit-search">
              {t('common.search')}
            </Button>
          </Space>
        </div>
        {list.error ? (
          // In place of the previous page's lines, which the cache would otherwise keep showing.
          <LoadError error={list.error} onRetry={list.reload} style={{ margin: '16px 0' }} />
        ) : (
          <Table<AuditEntryView>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={items}
            expandable={{ expandedRowRender: (entry) => <DiffView diff={entry.diff} /> }}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: false,
              showTotal: (n) => t('common.total', { n }),
              onChange: setPage,
            }}
            data-testid="audit-table"
          />
        )}
      </div>
    </div>
  );
}
