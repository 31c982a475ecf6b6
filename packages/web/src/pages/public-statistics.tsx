import type { PublicStatistics } from '@jixiao/core/analysis/public-statistics.schema';
import { Card, Col, Row, Typography, theme } from 'antd';
import type { CSSProperties } from 'react';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import Chart, { type ChartOption } from '../components/charts/chart.tsx';
import { type BarRow, describeRows, horizontalBars } from '../components/charts/chart-options.ts';
import { LoadError } from '../components/load-error.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan } from '../lib/money.ts';

const cell: CSSProperties = { padding: '4px 8px', borderBottom: '1px solid #f0f0f0' };
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};
const numberCell: CSSProperties = { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };

/** The numbers of a chart as a table with a caption, for screen readers and for copying. */
function NumbersTable({
  caption,
  heading,
  rows,
  testId,
}: {
  caption: string;
  heading: string;
  rows: readonly StatisticsRow[];
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }} data-testid={testId}>
      {/* Read out by screen readers; on screen the heading above the chart already says it. */}
      <caption style={visuallyHidden}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" style={{ ...cell, textAlign: 'left' }}>
            {heading}
          </th>
          <th scope="col" style={numberCell}>
            {t('portal.statsTables')}
          </th>
          <th scope="col" style={numberCell}>
            {t('portal.statsBudget')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 'normal' }}>
              {row.label}
            </th>
            <td style={numberCell}>{row.tables}</td>
            <td style={numberCell}>{formatWan(row.budget)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type StatisticsRow = { key: string; label: string; tables: number; budget: number };

/** One breakdown: its heading, the chart, and the same numbers as a table. */
function StatisticsColumn({
  title,
  heading,
  rows,
  option,
  bars,
  testId,
}: {
  title: string;
  heading: string;
  rows: readonly StatisticsRow[];
  option: (rows: BarRow[]) => ChartOption;
  bars: (rows: readonly StatisticsRow[]) => BarRow[];
  testId: string;
}) {
  const { locale } = useI18n();
  return (
    <Col xs={24} lg={12}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Chart
        option={option(bars(rows))}
        label={describeRows(title, bars(rows), locale)}
        height={24 + 32 * Math.max(rows.length, 1)}
        testId={`${testId}-chart`}
      />
      <NumbersTable caption={title} heading={heading} rows={rows} testId={`${testId}-table`} />
    </Col>
  );
}

/**
 * The portal's statistics (公开统计): published tables counted and their current-year budget summed,
 * by year (all years) and by supervising department (of the year the visitor browses, if one), as
 * charts with the same numbers in tables. Loaded lazily with the chart library, after the catalogue.
 */
export default function PublicStatisticsSection({ year }: { year?: number }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const all = useLoad(queryKeys.publicStatistics(), () => publicApi.statistics());
  const ofYear = useLoad(queryKeys.publicStatistics(year), () =>
    year === undefined ? Promise.resolve(null) : publicApi.statistics(year),
  );
  const stats: PublicStatistics | null = all.data;
  const error = all.error ?? ofYear.error;
  // A failed read says so where the statistics would be, rather than leaving them out unnoticed.
  if (error)
    return (
      <Card size="small" title={t('portal.stats')} data-testid="public-stats">
        <LoadError
          error={error}
          onRetry={() => {
            all.reload();
            ofYear.reload();
          }}
        />
      </Card>
    );
  if (!stats || stats.totals.tables === 0) return null;
  const departmentsOf = ofYear.data ?? stats;
  const wan = (yuan: number) => `${formatWan(yuan)} ${t('common.wanyuan')}`;
  const yearRows = stats.byYear.map((y) => ({
    key: String(y.year),
    label: String(y.year),
    tables: y.tables,
    budget: y.budgetCurrentYear,
  }));
  const departmentRows = departmentsOf.byDepartment.map((d) => ({
    key: d.department ?? '',
    label: d.department ?? t('portal.noDepartment'),
    tables: d.tables,
    budget: d.budgetCurrentYear,
  }));
  const bars = (rows: readonly StatisticsRow[]): BarRow[] =>
    rows.map((row) => ({
      label: row.label,
      value: row.budget / 10_000,
      text: `${t('portal.statsTablesN', { n: row.tables })} · ${wan(row.budget)}`,
    }));
  const option = (rows: BarRow[]) =>
    horizontalBars(rows, {
      color: token.colorPrimary,
      name: t('portal.statsBudget'),
      format: (value) => wan(value * 10_000),
    });
  const byYearTitle = t('portal.statsByYear');
  const byDepartmentTitle =
    ofYear.data && year !== undefined
      ? t('portal.statsByDepartmentYear', { year })
      : t('portal.statsByDepartment');
  return (
    <Card size="small" title={t('portal.stats')} data-testid="public-stats">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('portal.statsIntro')}{' '}
        <span data-testid="public-stats-summary">
          {t('portal.statsSummary', {
            n: stats.totals.tables,
            wan: formatWan(stats.totals.budgetCurrentYear),
          })}
        </span>
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <StatisticsColumn
          title={byYearTitle}
          heading={t('portal.year')}
          rows={yearRows}
          option={option}
          bars={bars}
          testId="public-stats-year"
        />
        <StatisticsColumn
          title={byDepartmentTitle}
          heading={t('portal.department')}
          rows={departmentRows}
          option={option}
          bars={bars}
          testId="public-stats-department"
        />
      </Row>
    </Card>
  );
}
