import type { Organisation } from '@jixiao/core/accounts/account.schema';
import type { TableSummary } from '@jixiao/core/tables/table-record.schema';
import { Card, Result, Select, Space, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/api-client.ts';
import {
  evaluationApi,
  type MonitoringOverviewItem,
  type MonitoringOverviewQuery,
} from '../api/evaluation.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { LoadError } from '../components/load-error.tsx';
import { OrganisationSelect } from '../components/organisation-select.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ResponsiveTable } from '../components/responsive-table.tsx';
import { nameColumn, statusColumn, unitColumn, yearColumn } from '../components/table-columns.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useOrganisationTree } from '../hooks/use-organisation-name.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';
import { LightTag } from './monitoring-light-tag.tsx';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** /monitoring: lights of every table the user may read, riskiest first, and the approved tables to report on. */
export default function MonitoringPage() {
  const { t, pick, locale } = useI18n();
  const [query, setQuery] = useState<MonitoringOverviewQuery>({ sort: 'risk', order: 'desc' });
  // Without the list of organisations the overview still shows everything the user may read; the filter
  // says the list could not be read, with a retry.
  const session = useSession();
  const organisationTree = useOrganisationTree(session.user !== null);
  const organisations: Organisation[] = organisationTree.data ?? [];
  // The tables whose monitoring can be entered (the reporting unit's card; anonymous visitors see none). A
  // failed read says so in the card rather than passing for a unit with nothing to report.
  const enterableList = useLoad(queryKeys.tables({ enterable: true }), () =>
    Promise.all([
      api.listTables({ status: 'approved', pageSize: 200 }),
      api.listTables({ status: 'published', pageSize: 200 }),
    ]).then(([approved, published]) =>
      [...approved.items, ...published.items].filter((t) => t.kind === 'target'),
    ),
  );
  const enterable: TableSummary[] = enterableList.data ?? [];
  // Reports are written by the unit that owns the table (policy table.report); others only read the overview.
  const reportingUnit = session.user?.roles.includes('author') ? session.user.organisationId : null;
  const ownEnterable = enterable.filter(
    (row) => reportingUnit !== null && row.organisationId === reportingUnit,
  );

  const overview = useLoad(queryKeys.monitoring(query), () => evaluationApi.overview(query));
  const { loading, error } = overview;
  const items = overview.data?.items ?? [];

  if (error) return <Result status="warning" title={pick(error.problem)} />;

  const sortOrder = (key: MonitoringOverviewQuery['sort']) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableProps<MonitoringOverviewItem>['columns'] = [
    {
      title: t('monitoring.light'),
      key: 'risk',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('risk'),
      render: (_: unknown, row) => <LightTag light={row.light} testId="overview-light" />,
    },
    {
      title: t('list.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => (
        <Link to={`/monitoring/${row.tableId}?month=${row.cutOffMonth}`} data-testid="overview-link">
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
      ellipsis: true,
    },
    { title: t('list.year'), dataIndex: 'year', key: 'year', width: 80 },
    {
      title: t('monitoring.cutOff'),
      dataIndex: 'cutOffMonth',
      key: 'cutOffMonth',
      width: 120,
      render: (m: number) => t('monitoring.month', { m }),
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
  ];

  const onChange: TableProps<MonitoringOverviewItem>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = (one?.columnKey as MonitoringOverviewQuery['sort'] | undefined) ?? 'risk';
    const order = one?.order === 'ascend' ? 'asc' : one?.order === 'descend' ? 'desc' : undefined;
    setQuery((q) => ({ ...q, sort: order ? key : 'risk', order: order ?? 'desc' }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="monitoring-page">
      <PageHead title={t('monitoring.title')} subtitle={t('monitoring.subtitle')} />
      <Card
        title={t('monitoring.overview')}
        extra={
          <Space>
            <OrganisationSelect
              organisations={organisations}
              placeholder={t('monitoring.organisation')}
              value={query.organisationId}
              onChange={(organisationId) => setQuery((q) => ({ ...q, organisationId }))}
              testId="overview-organisation"
              error={organisationTree.error}
              onRetry={organisationTree.reload}
            />
            <Select
              allowClear
              placeholder={t('monitoring.cutOff')}
              style={{ width: 140 }}
              value={query.cutOffMonth}
              onChange={(m?: number) => setQuery((q) => ({ ...q, cutOffMonth: m }))}
              options={MONTHS.map((m) => ({ value: m, label: t('monitoring.month', { m }) }))}
            />
          </Space>
        }
      >
        <ResponsiveTable
          rowKey={(row) => `${row.tableId}-${row.cutOffMonth}`}
          columns={columns}
          dataSource={items}
          loading={loading}
          onChange={onChange}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('monitoring.empty') }}
          data-testid="monitoring-overview"
        />
      </Card>
      {reportingUnit !== null && (
        <Card title={t('monitoring.enterable')} data-testid="monitoring-enterable">
          {enterableList.error ? (
            <LoadError error={enterableList.error} onRetry={enterableList.reload} />
          ) : (
            <ResponsiveTable
              rowKey="id"
              dataSource={ownEnterable}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('monitoring.enterableEmpty') }}
              columns={[
                nameColumn<TableSummary>(t),
                unitColumn<TableSummary>(t),
                yearColumn<TableSummary>(t, 80),
                statusColumn<TableSummary>(t, 120),
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  render: (_: unknown, row: TableSummary) => (
                    <Space>
                      <Link to={`/monitoring/${row.id}`} data-testid="enter-monitoring">
                        {t('monitoring.enter')}
                      </Link>
                      <Link to={`/self-evaluation/${row.id}`} data-testid="enter-self-evaluation">
                        {t('monitoring.selfEvaluate')}
                      </Link>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
