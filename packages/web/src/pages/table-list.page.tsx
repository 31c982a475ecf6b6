import {
  DeleteOutlined,
  DownloadOutlined,
  FileTextOutlined,
  PlusOutlined,
  PrinterOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { type Action, can } from '@jixiao/core/accounts/policies';
import { type BatchExportFormat, batchExportMaxTables } from '@jixiao/core/export/batch-export.limits';
import type { TableListQuery, TableStatus, TableSummary } from '@jixiao/core/tables/table-record.schema';
import {
  Alert,
  App,
  Button,
  Dropdown,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  type TableProps,
  Tooltip,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, saveFile, toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { MoneyText } from '../components/money-text.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ResponsiveTable } from '../components/responsive-table.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';

const statuses: TableStatus[] = [
  'draft',
  'submitted',
  'department_reviewed',
  'returned',
  'approved',
  'published',
];
const kinds = ['target', 'self-evaluation', 'department-wide'] as const;
const sortKeys = ['updatedAt', 'year', 'name', 'unit', 'budget'] as const;
type SortKey = (typeof sortKeys)[number];

/** The list's state lives in the URL, so a filtered list can be bookmarked and the back button works. */
function queryFromParams(params: URLSearchParams): Partial<TableListQuery> {
  const year = Number(params.get('year'));
  const sort = params.get('sort');
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    q: params.get('q') ?? undefined,
    unit: params.get('unit') ?? undefined,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    status: statuses.find((s) => s === status),
    kind: kinds.find((k) => k === kind),
    sort: sortKeys.find((k) => k === sort) ?? 'updatedAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
}

export default function TableListPage() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  // Summaries carry no organisation, so rows are judged as drafts of the user's own unit; the server
  // decides each request. This only hides what the role can never do (a finance reviewer deletes nothing).
  const mayOnOwnDraft = (action: Action) =>
    user?.organisationId
      ? can(user, action, { status: 'draft', organisationPath: [user.organisationId] })
      : false;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  // Through the query cache: a save, import, transition or delete anywhere marks the list stale.
  const list = useLoad(queryKeys.tables(query), () => api.listTables(query));
  const items: TableSummary[] = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const totalCapped = list.data?.totalCapped ?? false;
  const { loading, error, reload } = list;
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [unitText, setUnitText] = useState(query.unit ?? '');
  // Ticked rows, kept across pages and filters so that a batch can be gathered from several searches.
  const [selected, setSelected] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      if (!('page' in changes)) next.delete('page');
      setParams(next);
    },
    [params, setParams],
  );

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);

  const remove = async (row: TableSummary) => {
    try {
      await api.deleteTable(row.id);
      message.success(t('list.deleted'));
      setSelected((ids) => ids.filter((id) => id !== row.id));
      reload();
    } catch (e) {
      message.error(pick(toApiError(e).problem));
    }
  };

  // 批量导出: one zip from the server, which checks every table and answers one message when it refuses.
  const exportSelected = async (format: BatchExportFormat) => {
    const ids = selected;
    const key = 'batch-export';
    if (ids.length > batchExportMaxTables) {
      message.error(t('list.exportTooMany', { n: ids.length, max: batchExportMaxTables }));
      return;
    }
    setExporting(true);
    message.open({ key, type: 'loading', content: t('list.exporting', { n: ids.length }), duration: 0 });
    try {
      const file = await api.exportTables({ ids, format, locale });
      saveFile(file, `jixiao-${ids.length}.zip`);
      message.open({ key, type: 'success', content: t('list.exported', { n: ids.length }) });
    } catch (e) {
      const reason = pick(toApiError(e).problem);
      message.open({ key, type: 'error', content: t('list.exportFailed', { reason }), duration: 10 });
    } finally {
      setExporting(false);
    }
  };
  const exportFormats: { key: BatchExportFormat; label: string }[] = [
    { key: 'pdf', label: t('list.exportPdf') },
    { key: 'xlsx', label: t('list.exportXlsx') },
    { key: 'docx', label: t('list.exportDocx') },
  ];

  const sortOrder = (key: SortKey) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const filtered = Boolean(query.q || query.year || query.unit || query.status || query.kind);
  const resetFilters = () => {
    setSearchText('');
    setUnitText('');
    setParams(new URLSearchParams());
  };

  const columns: TableProps<TableSummary>['columns'] = [
    {
      title: t('list.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => (
        <Link to={`/tables/${row.id}`} className="table-name-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('list.unit'),
      dataIndex: 'unit',
      key: 'unit',
      sorter: true,
      sortOrder: sortOrder('unit'),
      // Wraps instead of "上海推进科技创新中…": units of one department often differ only at the end.
    },
    {
      title: t('list.year'),
      dataIndex: 'year',
      key: 'year',
      width: 80,
      sorter: true,
      sortOrder: sortOrder('year'),
    },
    {
      title: t('list.kind'),
      dataIndex: 'kind',
      key: 'kind',
      // "Department-wide" / "Self-evaluation" fit on one line in English.
      width: 135,
      render: (kind: (typeof kinds)[number]) => t(`kind.${kind}`),
    },
    {
      title: t('list.status'),
      dataIndex: 'status',
      key: 'status',
      width: 120,
      render: (status: string) => <StatusTag status={status} />,
    },
    {
      title: t('list.budget'),
      dataIndex: 'currentYearBudget',
      key: 'budget',
      align: 'right',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('budget'),
      render: (amount: number | null) => <MoneyText amount={amount} />,
    },
    {
      title: t('list.indicators'),
      dataIndex: 'indicatorCount',
      key: 'indicators',
      align: 'right',
      width: 100,
    },
    {
      title: t('list.warnings'),
      key: 'warnings',
      align: 'right',
      width: 70,
      // The importer's warnings and the automatic review's errors and warnings together: a table the
      // review finds wanting is not "0 notes" because it was typed rather than imported.
      render: (_: unknown, row: TableSummary) => {
        const total = row.warningCount + row.reviewErrorCount + row.reviewWarningCount;
        if (total === 0)
          return (
            <span className="muted" data-testid="list-notes" data-count={0}>
              0
            </span>
          );
        return (
          <Tooltip
            title={t('list.notesDetail', {
              errors: row.reviewErrorCount,
              warnings: row.reviewWarningCount,
              imported: row.warningCount,
            })}
          >
            <span
              className={row.reviewErrorCount > 0 ? 'warn-count has-errors' : 'warn-count'}
              data-testid="list-notes"
              data-count={total}
              data-errors={row.reviewErrorCount}
            >
              {total}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t('list.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (at: string) => <span className="nowrap">{formatDateTime(at, locale)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, row) => (
        <Space size={2}>
          <Tooltip title={t('common.edit')}>
            <Button
              size="small"
              type="text"
              icon={<FileTextOutlined />}
              onClick={() => navigate(`/tables/${row.id}`)}
            />
          </Tooltip>
          <Tooltip title={t('list.print')}>
            <Button
              size="small"
              type="text"
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/tables/${row.id}/print`)}
            />
          </Tooltip>
          {row.status === 'draft' && mayOnOwnDraft('table.delete') && (
            <Popconfirm
              title={t('list.deleteConfirm', { name: row.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(row)}
            >
              <Tooltip title={t('common.delete')}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="table-list-page">
      <PageHead title={t('list.title')} subtitle={t('list.subtitle')}>
        <Space>
          <Dropdown
            disabled={selected.length === 0 || exporting}
            trigger={['click']}
            menu={{
              items: exportFormats.map(({ key, label }) => ({
                key,
                label: <span data-testid={`batch-export-${key}`}>{label}</span>,
              })),
              onClick: ({ key }) => {
                const format = exportFormats.find((f) => f.key === key)?.key;
                if (format) void exportSelected(format);
              },
            }}
          >
            <Tooltip title={selected.length === 0 ? t('list.exportHint') : undefined}>
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                disabled={selected.length === 0}
                data-testid="batch-export"
              >
                {selected.length > 0
                  ? t('list.exportSelectedCount', { n: selected.length })
                  : t('list.exportSelected')}
              </Button>
            </Tooltip>
          </Dropdown>
          {mayOnOwnDraft('table.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/import')}>
              {t('list.import')}
            </Button>
          )}
          {mayOnOwnDraft('table.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tables/new')}>
              {t('list.new')}
            </Button>
          )}
        </Space>
      </PageHead>
      <div className="panel">
        <div className="filter-bar">
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t('list.searchPlaceholder')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(q) => update({ q: q.trim() })}
            data-testid="list-search"
          />
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('list.year')}
            value={query.year}
            onChange={(year: number | undefined) => update({ year })}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={t('list.unitPlaceholder')}
            value={unitText}
            onChange={(e) => setUnitText(e.target.value)}
            onSearch={(unit) => update({ unit: unit.trim() })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('list.status')}
            value={query.status}
            onChange={(status: string | undefined) => update({ status })}
            options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('list.kind')}
            value={query.kind}
            onChange={(kind: string | undefined) => update({ kind })}
            options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Button onClick={resetFilters}>{t('common.reset')}</Button>
        </div>
        {error ? (
          <Alert
            type="error"
            showIcon
            style={{ margin: '24px 0 28px' }}
            title={pick(error.problem)}
            action={<Button onClick={reload}>{t('common.retry')}</Button>}
            data-testid="list-error"
          />
        ) : (
          <ResponsiveTable<TableSummary>
            data-testid="table-list"
            rowKey="id"
            size="middle"
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => setSelected(keys.map(String)),
            }}
            loading={loading}
            columns={columns}
            dataSource={items}
            locale={{
              // An empty list says why and offers the way on: clear the filters, or start a table.
              emptyText: filtered ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('list.noMatch')}>
                  <Button onClick={resetFilters}>{t('list.clearFilters')}</Button>
                </Empty>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('list.empty')} />
              ),
            }}
            onChange={(pagination, _filters, sorter) => {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = sortKeys.find((k) => k === one?.columnKey);
              update({
                page: pagination.current ?? 1,
                pageSize: pagination.pageSize ?? 20,
                sort: one?.order && key ? key : undefined,
                order: one?.order === 'ascend' ? 'asc' : one?.order ? 'desc' : undefined,
              });
            }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n: totalCapped ? `${n}+` : n }),
            }}
          />
        )}
      </div>
    </div>
  );
}

function _errorProblem(text: string) {
  return { type: 'about:blank', title: text, status: 0, code: 'web.unexpected', zh: text, en: text };
}
