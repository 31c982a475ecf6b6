import type { PublicTableSummary } from '@jixiao/core/analysis/public-table.schema';
import { Input, Select, Space, type TableProps } from 'antd';
import { type CSSProperties, lazy, Suspense, useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { LoadError } from '../components/load-error.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { ResponsiveTable } from '../components/responsive-table.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/dates.ts';

const pageSize = 20;

// Statistics and their chart library arrive after the catalogue (their own chunks): the list shows first.
const PublicStatisticsSection = lazy(() => import('./public-statistics.tsx'));

// The heading and filter panel in plain markup rather than antd's Typography and Card: those two pull in
// Typography's copy/edit/ellipsis machinery and Tabs (Card's tab bar), about 20 KB gzip on the portal's
// first load, for a title and a framed row of filters.
const filterPanelStyle: CSSProperties = {
  background: '#fff',
  border: '1px solid #e8ebf0',
  borderRadius: 4,
  padding: 12,
};

/** /public — the catalogue of published tables: browse by year, unit, department; search. */
export default function PublicPage() {
  const { t, locale } = useI18n();
  // Filters live in the address so that a search can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const unit = params.get('unit') ?? undefined;
  const department = params.get('department') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;

  useEffect(() => {
    document.title = t('portal.title');
  }, [t]);

  const {
    data: list,
    loading,
    error,
    reload,
  } = useLoad(queryKeys.publicTables({ year, unit, department, q, page }), () =>
    publicApi.listTables({ year, unit, department, q: q || undefined, page, pageSize }),
  );

  function update(key: string, value: string | number | undefined) {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next);
  }

  const columns: TableProps<PublicTableSummary>['columns'] = [
    { title: t('portal.year'), dataIndex: 'year', width: 80 },
    {
      title: t('portal.project'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/public/tables/${row.id}`} data-testid="public-table-link">
          {name}
        </Link>
      ),
    },
    { title: t('portal.unit'), dataIndex: 'unit' },
    { title: t('portal.department'), dataIndex: 'department', render: (d: string | null) => d ?? '—' },
    {
      title: t('portal.budget'),
      dataIndex: 'currentYearBudget',
      align: 'right',
      render: (amount: number | null) => <MoneyText amount={amount} />,
    },
    { title: t('portal.indicators'), dataIndex: 'indicatorCount', width: 90, align: 'right' },
    {
      title: t('portal.publishedAt'),
      dataIndex: 'publishedAt',
      width: 120,
      render: (at: string) => formatDate(at, locale),
    },
  ];

  const facets = list?.facets;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('portal.title')}</h1>
          <p>{t('portal.subtitle')}</p>
        </div>
      </div>
      <div style={filterPanelStyle}>
        <Space wrap>
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('portal.search')}
            style={{ width: 320 }}
            onSearch={(value) => update('q', value.trim())}
            data-testid="public-search"
          />
          <Select
            allowClear
            placeholder={t('portal.year')}
            style={{ width: 120 }}
            value={year}
            onChange={(v: number | undefined) => update('year', v)}
            options={(facets?.years ?? []).map((f) => ({ value: f.value, label: `${f.value} (${f.count})` }))}
            data-testid="public-year"
          />
          <Select
            allowClear
            showSearch
            placeholder={t('portal.unit')}
            style={{ width: 260 }}
            value={unit}
            onChange={(v: string | undefined) => update('unit', v)}
            options={(facets?.units ?? []).map((f) => ({ value: f.value, label: `${f.value} (${f.count})` }))}
          />
          <Select
            allowClear
            showSearch
            placeholder={t('portal.department')}
            style={{ width: 240 }}
            value={department}
            onChange={(v: string | undefined) => update('department', v)}
            options={(facets?.departments ?? []).map((f) => ({
              value: f.value,
              label: `${f.value} (${f.count})`,
            }))}
          />
        </Space>
      </div>
      {error ? (
        // In place of the list: the previous search's rows must not pass for this one's.
        <LoadError error={error} onRetry={reload} />
      ) : (
        <ResponsiveTable<PublicTableSummary>
          cardTitle="name"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          // On a phone the columns keep their natural width and the table scrolls in its own box, instead
          // of squeezing names into one character a line.
          scroll={{ x: 'max-content' }}
          dataSource={list?.items ?? []}
          locale={{ emptyText: t('portal.empty') }}
          data-testid="public-table-list"
          pagination={{
            current: page,
            pageSize,
            total: list?.total ?? 0,
            // A search counts up to 1,000 matches: more is shown as 1000+.
            showTotal: (n) => t('portal.count', { n: list?.totalCapped ? `${n}+` : n }),
            onChange: (p) => update('page', p),
          }}
        />
      )}
      <Suspense fallback={null}>
        <PublicStatisticsSection year={year} />
      </Suspense>
    </Space>
  );
}
