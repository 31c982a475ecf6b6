import type { Dashboard } from '@jixiao/core/analysis/dashboard.schema';
import { Card, Col, Empty, Progress, Result, Row, Space, Statistic, Table, Tag } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api/api-client.ts';
import { publicApi } from '../api/public.api.ts';
import { ForbiddenResult } from '../app/forbidden.tsx';
import { PageLoading } from '../app/page-loading.tsx';
import { PageHead } from '../components/page-head.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { YearSelect } from '../components/year-select.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan } from '../lib/money.ts';
import { LightTag } from './monitoring-light-tag.tsx';

const severityColor = { error: 'red', warning: 'orange', hint: 'blue' } as const;
const gradeColor = { 优: '#389e0d', 良: '#1677ff', 中: '#d48806', 差: '#cf1322' } as const;

/** One labelled count with its share of the whole as a small bar (statuses, grades, lights). */
function CountBar({
  label,
  labelWidth,
  count,
  percent,
  color,
}: {
  label: ReactNode;
  labelWidth: string;
  count: number;
  percent: number;
  color?: string;
}) {
  return (
    <Row align="middle" gutter={8}>
      <Col flex={labelWidth}>{label}</Col>
      <Col flex="auto">
        {/* status="normal": at 100 % antd would turn the bar green whatever it counts (e.g. yellow lights). */}
        <Progress
          percent={percent}
          status="normal"
          strokeColor={color}
          format={() => String(count)}
          size="small"
        />
      </Col>
    </Row>
  );
}

/** Horizontal bars in plain SVG: a chart library would weigh more than the whole page. */
function YearBars({ rows }: { rows: Dashboard['byYear'] }) {
  const { t } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.budgetCurrentYear));
  const rowHeight = 28;
  return (
    <svg
      width="100%"
      height={rows.length * rowHeight}
      role="img"
      aria-label={t('dashboard.byYear')}
      data-testid="dashboard-year-bars"
    >
      {rows.map((row, i) => {
        const width = (row.budgetCurrentYear / max) * 60;
        return (
          <g key={row.year} transform={`translate(0, ${i * rowHeight})`}>
            <text x="0" y="18" fontSize="13">
              {row.year}
            </text>
            <rect x="12%" y="5" width={`${Math.max(width, 0.5)}%`} height="16" rx="3" fill="#1d3f73" />
            <text x={`${13 + width}%`} y="18" fontSize="12" fill="#555">
              {row.tables} · {formatWan(row.budgetCurrentYear)} {t('common.wanyuan')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** /dashboard — counts, budgets, review grades, top problems and monitoring lights in the user's scope. */
export default function DashboardPage() {
  const { t, pick, locale } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [years, setYears] = useState<number[]>([]);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // While loading or on an error the page has no PageHead yet; the tab is named from the start.
  useDocumentTitle(t('dashboard.title'));

  useEffect(() => {
    let live = true;
    publicApi
      .dashboard(year === undefined ? {} : { year })
      .then((body) => {
        if (!live) return;
        setDashboard(body);
        setError(null);
        // The year choices come from the unfiltered view and stay when a year is picked.
        if (year === undefined) setYears(body.byYear.map((y) => y.year));
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : null));
    return () => {
      live = false;
    };
  }, [year]);

  if (error?.status === 403) return <ForbiddenResult message={t('dashboard.forbidden')} />;
  if (error) return <Result status="warning" title={pick(error.problem)} />;
  if (!dashboard) {
    return <PageLoading />;
  }
  const { totals } = dashboard;
  const gradeTotal = dashboard.grades.reduce((sum, g) => sum + g.count, 0);
  const lightTotal = dashboard.lights.reduce((sum, l) => sum + l.count, 0);
  const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-page">
      <PageHead
        title={t('dashboard.title')}
        subtitle={dashboard.scope === 'all' ? t('dashboard.scopeAll') : t('dashboard.scopeOwn')}
      >
        <YearSelect years={years} value={year} onChange={setYear} testId="dashboard-year" />
      </PageHead>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('dashboard.tables')} value={totals.tables} data-testid="dashboard-tables" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('dashboard.indicators')} value={totals.indicators} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('dashboard.budget')} value={formatWan(totals.budgetCurrentYear)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('dashboard.published')} value={totals.published} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.byStatus')}>
            {dashboard.byStatus.map((s) => (
              <CountBar
                key={s.status}
                labelWidth="170px"
                label={<StatusTag status={s.status} />}
                count={s.count}
                percent={percent(s.count, totals.tables)}
              />
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.byYear')}>
            {dashboard.byYear.length === 0 ? (
              <Empty description={t('dashboard.noData')} />
            ) : (
              <YearBars rows={dashboard.byYear} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.grades')}>
            {dashboard.grades.map((g) => (
              <CountBar
                key={g.grade}
                labelWidth={locale === 'zh' ? '40px' : '90px'}
                label={<strong style={{ color: gradeColor[g.grade] }}>{t(`grade.${g.grade}`)}</strong>}
                count={g.count}
                percent={percent(g.count, gradeTotal)}
                color={gradeColor[g.grade]}
              />
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.lights')}>
            {lightTotal === 0 ? (
              <Empty description={t('dashboard.noData')} />
            ) : (
              dashboard.lights.map((l) => (
                <CountBar
                  key={l.light}
                  labelWidth="80px"
                  label={<LightTag light={l.light} />}
                  count={l.count}
                  percent={percent(l.count, lightTotal)}
                />
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('dashboard.topFindings')}>
        <Table
          rowKey="ruleId"
          size="small"
          pagination={false}
          dataSource={dashboard.topFindings}
          locale={{ emptyText: t('dashboard.noData') }}
          data-testid="dashboard-top-findings"
          columns={[
            {
              title: t('dashboard.rule'),
              dataIndex: 'ruleId',
              width: 140,
              render: (id: string, row) => <Tag color={severityColor[row.severity]}>{id}</Tag>,
            },
            { title: '', key: 'text', render: (_: unknown, row) => pick(row) },
            { title: t('dashboard.affected'), dataIndex: 'tables', width: 90, align: 'right' },
            { title: t('dashboard.findings'), dataIndex: 'findings', width: 90, align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}
