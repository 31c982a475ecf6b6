import { formatYuan } from '@jixiao/core/money/money';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { MonitoringMatch } from '@jixiao/core/tables/table-record.schema';
import { Alert, Descriptions, Select, Space, Table, Tag } from 'antd';
import type { ApiError } from '../api/api-client.ts';
import { ImportTableChoice, ImportTargetCard } from '../components/import-table-choice.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** A 绩效运行监控表 as read: period, money spent, and per indicator target | progress | expected | likelihood | cause | measure. */
export function MonitoringFormPreview({ table }: { table: PerformanceTable }) {
  const { t } = useI18n();
  const month = table.monitoring?.cutOffMonth ?? null;
  const money = (value: number | null | undefined) => (value == null ? '—' : formatYuan(value));
  const text = (value: string | null | undefined) => value?.trim() || '—';
  return (
    <div data-testid="imported-monitoring">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="purple" data-testid="import-kind">
          {t('monitoringImport.kind')}
        </Tag>
        <strong>{table.name}</strong>
        <span className="muted">
          {table.unit} · {table.year}
        </span>
      </Space>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('monitoringImport.period')}>
          <span data-testid="monitoring-period">
            {month === null
              ? t('monitoringImport.periodMissing')
              : t('monitoringImport.periodValue', { m: month })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoringImport.annual')}>
          {money(table.budget.currentYear)}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoringImport.executed')}>
          <span data-testid="monitoring-executed">{money(table.monitoring?.executed)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoringImport.expectedExecuted')}>
          {money(table.monitoring?.expectedExecuted)}
        </Descriptions.Item>
      </Descriptions>
      <Table<Indicator & { key: number }>
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={table.indicators.map((indicator, key) => ({ ...indicator, key }))}
        data-testid="monitoring-rows"
        columns={[
          {
            title: t('monitoringImport.indicator'),
            key: 'name',
            width: 200,
            render: (_, i) => (
              <div>
                <div>{i.name}</div>
                <div className="muted">{[i.level1, i.level2].filter(Boolean).join(' / ')}</div>
              </div>
            ),
          },
          { title: t('monitoringImport.target'), key: 'target', render: (_, i) => i.target.raw },
          {
            title: t('monitoringImport.progress'),
            key: 'progress',
            render: (_, i) => text(i.progress?.value),
          },
          {
            title: t('monitoringImport.expected'),
            key: 'expected',
            render: (_, i) => text(i.progress?.expectedValue),
          },
          {
            title: t('monitoringImport.likelihood'),
            key: 'likelihood',
            render: (_, i) => text(i.progress?.likelihood),
          },
          { title: t('monitoringImport.cause'), key: 'cause', render: (_, i) => text(i.progress?.cause) },
          {
            title: t('monitoringImport.measure'),
            key: 'measure',
            render: (_, i) => text(i.progress?.measure),
          },
        ]}
      />
    </div>
  );
}

/** Which table and month the form goes to: the matched table, else a choice among the unit's tables that year. */
export function MonitoringTarget({
  match,
  error = null,
  onRetry,
  tableId,
  month,
  onTable,
  onMonth,
}: {
  match: MonitoringMatch | null;
  /** Why the look-up of the table failed (not a missing match), with its retry. */
  error?: ApiError | null;
  onRetry?: () => void;
  tableId: string | null;
  month: number | null;
  onTable: (id: string) => void;
  onMonth: (month: number) => void;
}) {
  const { t, pick } = useI18n();
  const matched = match?.tableId ? match.candidates.find((c) => c.tableId === match.tableId) : undefined;
  return (
    <ImportTargetCard title={t('monitoringImport.into')} testId="monitoring" error={error} onRetry={onRetry}>
      {match && !matched && (
        <Alert
          type={match.candidates.length > 0 ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          title={t(
            match.candidates.length > 0 ? 'monitoringImport.noMatch' : 'monitoringImport.noCandidates',
          )}
        />
      )}
      <Space wrap align="center">
        <ImportTableChoice
          matched={matched}
          candidates={match?.candidates ?? []}
          tableId={tableId}
          onTable={onTable}
          testId="monitoring"
          minWidth={320}
          disabled={!match || match.candidates.length === 0}
        />
        <span>
          <label htmlFor="monitoring-import-month" className="mini-label" style={{ marginRight: 6 }}>
            {t('monitoringImport.month')}
          </label>
          <Select
            id="monitoring-import-month"
            style={{ width: 130 }}
            placeholder={t('monitoringImport.month')}
            value={month ?? undefined}
            onChange={onMonth}
            options={Array.from({ length: 12 }, (_, i) => ({
              value: i + 1,
              label: t('monitoringImport.periodValue', { m: i + 1 }),
            }))}
            data-testid="monitoring-import-month"
          />
        </span>
      </Space>
      {match && match.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('monitoringImport.leftOut', { n: match.problems.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="monitoring-import-problems">
              {match.problems.map((p) => (
                <li key={`${p.code}|${p.path ?? ''}`}>{pick(p)}</li>
              ))}
            </ul>
          }
        />
      )}
    </ImportTargetCard>
  );
}
