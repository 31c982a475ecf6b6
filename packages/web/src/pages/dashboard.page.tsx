import type { Dashboard } from '@jixiao/core/analysis/dashboard.schema';
import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, theme } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { PageLoading } from '../app/page-loading.tsx';
import type { ChartProps } from '../components/charts/chart.tsx';
import {
  type BarRow,
  describeRows,
  horizontalBars,
  stackedBars,
} from '../components/charts/chart-options.ts';
import { PageHead } from '../components/page-head.tsx';
import { YearSelect } from '../components/year-select.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan } from '../lib/money.ts';

// The chart library loads after the page's figures show (its own chunk, this route and the portal only).
const Chart = lazy(() => import('../components/charts/chart.tsx'));
// Error states only: antd's Result carries its illustrations (about 10 KB gzip), fetched when one shows.
const ForbiddenResult = lazy(() =>
  import('../app/forbidden.tsx').then((m) => ({ default: m.ForbiddenResult })),
);
const ProblemResult = lazy(() => import('../app/forbidden.tsx').then((m) => ({ default: m.ProblemResult })));

const severityColor = { error: 'red', warning: 'orange', hint: 'blue' } as const;
const gradeColor = { 优: '#389e0d', 良: '#1677ff', 中: '#d48806', 差: '#cf1322' } as const;
const lightColor: Record<Light, string> = {
  red: '#cf1322',
  yellow: '#d4b106',
  grey: '#bfbfbf',
  blue: '#1677ff',
  green: '#389e0d',
};

/** A chart with its accessible description, and a quiet placeholder of its size while it loads. */
function LazyChart(props: ChartProps & { empty?: boolean }) {
  const { t } = useI18n();
  const height = props.height ?? 240;
  if (props.empty) return <Empty description={t('dashboard.noData')} />;
  return (
    <Suspense fallback={<div style={{ height }} role="img" aria-label={props.label} />}>
      <Chart {...props} />
    </Suspense>
  );
}

/** A half-width card holding one chart. */
function ChartCard({ title, ...chart }: ChartProps & { title: string; empty?: boolean }) {
  return (
    <Col xs={24} lg={12}>
      <Card size="small" title={title}>
        <LazyChart {...chart} />
      </Card>
    </Col>
  );
}

/** /dashboard — counts, budgets, review grades, top problems and monitoring lights in the user's scope. */
export default function DashboardPage() {
  const { t, pick, locale } = useI18n();
  const { token } = theme.useToken();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [department, setDepartment] = useState<string | undefined>(undefined);
  // While loading or on an error the page has no PageHead yet; the tab is named from the start.
  useDocumentTitle(t('dashboard.title'));

  const loaded = useLoad(queryKeys.dashboard({ year, department }), () =>
    publicApi.dashboard({ year, department }),
  );
  const dashboard: Dashboard | null = loaded.data;
  const error = loaded.error;

  const charts = useMemo(() => {
    if (!dashboard) return null;
    const wan = (yuan: number) => `${formatWan(yuan)} ${t('common.wanyuan')}`;
    const tablesAndWan = (tables: number, yuan: number) => `${tables} · ${wan(yuan)}`;
    const departmentName = (name: string | null) => name ?? t('dashboard.unassigned');
    const status: BarRow[] = dashboard.byStatus.map((s) => ({
      label: t(`status.${s.status}`),
      value: s.count,
      text: String(s.count),
      color: s.status === 'returned' ? token.colorWarning : undefined,
    }));
    const years: BarRow[] = dashboard.byYear.map((y) => ({
      label: String(y.year),
      value: y.budgetCurrentYear / 10_000,
      text: tablesAndWan(y.tables, y.budgetCurrentYear),
    }));
    const departments: BarRow[] = dashboard.byDepartment.map((d) => ({
      label: departmentName(d.department),
      value: d.budgetCurrentYear / 10_000,
      text: tablesAndWan(d.tables, d.budgetCurrentYear),
    }));
    const grades: BarRow[] = dashboard.grades.map((g) => ({
      label: t(`grade.${g.grade}`),
      value: g.count,
      text: `${t(`grade.${g.grade}`)} ${g.count}`,
      color: gradeColor[g.grade],
    }));
    const lightsInUse = dashboard.lights.filter((l) => l.count > 0).map((l) => l.light);
    const lightDepartments = dashboard.byDepartment.filter((d) => d.lights.some((l) => l.count > 0));
    const lightRows: BarRow[] = lightDepartments.map((d) => ({
      label: departmentName(d.department),
      value: 0,
      text: d.lights
        .filter((l) => l.count > 0)
        .map((l) => `${t(`light.${l.light}`)} ${l.count}`)
        .join(', '),
    }));
    const self = dashboard.selfEvaluation;
    const scores: BarRow[] = self.scores.map((band) => ({
      label: t('dashboard.scoreBand', { from: band.from, to: band.to }),
      value: band.count,
      text: String(band.count),
    }));
    const selfGrades: BarRow[] = self.grades.map((g) => ({
      label: t(`grade.${g.grade}`),
      value: g.count,
      text: `${t(`grade.${g.grade}`)} ${g.count}`,
      color: gradeColor[g.grade],
    }));
    // The bars carry the counts; the rule names are in the table below them and in the description.
    const findings: BarRow[] = dashboard.topFindings.map((f) => ({
      label: f.ruleId,
      value: f.tables,
      text: String(f.tables),
    }));
    const findingsDescribed = dashboard.topFindings.map((f, i) => ({
      ...(findings[i] as BarRow),
      label: `${f.ruleId} ${pick(f)}`,
    }));
    const bar = (rows: BarRow[], name: string, format: (v: number) => string) =>
      horizontalBars(rows, { color: token.colorPrimary, name, format });
    const count = (v: number) => String(v);
    const wanValue = (v: number) => wan(v * 10_000);
    return {
      status: {
        option: bar(status, t('chart.tables'), count),
        label: describeRows(t('dashboard.byStatus'), status, locale),
      },
      years: {
        option: bar(years, t('chart.budgetWan'), wanValue),
        label: describeRows(t('dashboard.byYear'), years, locale),
      },
      departments: {
        option: bar(departments, t('chart.budgetWan'), wanValue),
        label: describeRows(t('dashboard.byDepartment'), departments, locale),
      },
      grades: {
        option: bar(grades, t('chart.tables'), count),
        label: describeRows(t('dashboard.grades'), grades, locale),
      },
      lights: {
        option: stackedBars(
          lightRows.map((row) => row.label),
          lightsInUse.map((light) => ({
            name: t(`light.${light}`),
            color: lightColor[light],
            values: lightDepartments.map((d) => d.lights.find((l) => l.light === light)?.count ?? 0),
          })),
        ),
        label: describeRows(t('dashboard.lightsByDepartment'), lightRows, locale),
        height: 60 + 32 * lightDepartments.length,
      },
      scores: {
        option: bar(scores, t('chart.count'), count),
        label: describeRows(t('dashboard.selfEvaluation'), scores, locale),
      },
      selfGrades: {
        option: bar(selfGrades, t('chart.tables'), count),
        label: describeRows(t('dashboard.selfGrades'), selfGrades, locale),
      },
      findings: {
        option: bar(findings, t('dashboard.affected'), count),
        label: describeRows(t('dashboard.topFindings'), findingsDescribed, locale),
        height: 40 + 28 * findings.length,
      },
    };
  }, [dashboard, t, pick, locale, token]);

  if (error) {
    return (
      <Suspense fallback={<PageLoading />}>
        {error.status === 403 ? (
          <ForbiddenResult message={t('dashboard.forbidden')} />
        ) : (
          <ProblemResult title={pick(error.problem)} />
        )}
      </Suspense>
    );
  }
  if (!dashboard || !charts) {
    return <PageLoading />;
  }
  const { totals, filters } = dashboard;
  const gradeTotal = dashboard.grades.reduce((sum, g) => sum + g.count, 0);
  const lightTotal = dashboard.lights.reduce((sum, l) => sum + l.count, 0);
  const self = dashboard.selfEvaluation;
  const rowsHeight = (n: number) => 24 + 30 * Math.max(n, 1);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-page">
      <PageHead
        title={t('dashboard.title')}
        subtitle={dashboard.scope === 'all' ? t('dashboard.scopeAll') : t('dashboard.scopeOwn')}
      >
        <Space wrap>
          {/* A department reviewer has one department: nothing to choose. */}
          {filters.departments.length > 1 ? (
            <Select
              allowClear
              placeholder={t('dashboard.allDepartments')}
              aria-label={t('dashboard.department')}
              style={{ width: 220 }}
              value={department}
              onChange={(v: string | undefined) => setDepartment(v)}
              options={filters.departments.map((d) => ({ value: d.id, label: d.name }))}
              data-testid="dashboard-department"
            />
          ) : null}
          <YearSelect years={filters.years} value={year} onChange={setYear} testId="dashboard-year" />
        </Space>
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
            <Statistic
              title={t('dashboard.budget')}
              value={formatWan(totals.budgetCurrentYear)}
              data-testid="dashboard-budget"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('dashboard.published')} value={totals.published} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <ChartCard
          title={t('dashboard.byStatus')}
          {...charts.status}
          height={rowsHeight(6)}
          testId="dashboard-status-chart"
        />
        <ChartCard
          title={t('dashboard.byYear')}
          {...charts.years}
          empty={dashboard.byYear.length === 0}
          height={rowsHeight(dashboard.byYear.length)}
          testId="dashboard-year-bars"
        />
        <ChartCard
          title={t('dashboard.byDepartment')}
          {...charts.departments}
          empty={dashboard.byDepartment.length === 0}
          height={rowsHeight(dashboard.byDepartment.length)}
          testId="dashboard-department-chart"
        />
        <ChartCard
          title={t('dashboard.grades')}
          {...charts.grades}
          empty={gradeTotal === 0}
          height={220}
          testId="dashboard-grades-chart"
        />
        <ChartCard
          title={t('dashboard.lightsByDepartment')}
          {...charts.lights}
          empty={lightTotal === 0}
          testId="dashboard-lights-chart"
        />
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('dashboard.selfEvaluation')}
            extra={
              self.scored > 0
                ? t('dashboard.selfEvaluationSummary', { n: self.scored, avg: self.averageScore ?? 0 })
                : null
            }
          >
            {self.scored === 0 ? (
              <Empty description={t('dashboard.noData')} />
            ) : (
              <Row gutter={8}>
                <Col xs={24} md={14}>
                  <LazyChart {...charts.scores} height={rowsHeight(5)} testId="dashboard-scores-chart" />
                </Col>
                <Col xs={24} md={10}>
                  <LazyChart
                    {...charts.selfGrades}
                    height={rowsHeight(5)}
                    testId="dashboard-self-grades-chart"
                  />
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.rectification')} data-testid="dashboard-rectification">
            <Row gutter={8}>
              {(['open', 'answered', 'closed'] as const).map((status) => (
                <Col span={6} key={status}>
                  <Statistic
                    title={t(`rect.status.${status}`)}
                    value={dashboard.rectification[status]}
                    data-testid={`dashboard-rectification-${status}`}
                  />
                </Col>
              ))}
              <Col span={6}>
                <Statistic
                  title={t('dashboard.rectificationOverdue')}
                  value={dashboard.rectification.overdue}
                  data-testid="dashboard-rectification-overdue"
                />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('dashboard.topFindings')}>
        {dashboard.topFindings.length > 0 ? (
          <LazyChart {...charts.findings} testId="dashboard-findings-chart" />
        ) : null}
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
