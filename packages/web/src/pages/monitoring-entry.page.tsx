import { assessMonitoring } from '@jixiao/core/monitoring/assess-monitoring';
import type { Deviation, MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { GradeBand } from '@jixiao/core/scoring/scoring-scheme.schema';
import { cutOffMonthFor } from '@jixiao/core/years/budget-year';
import { Alert, App, Button, Card, Input, Result, Select, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api/api-client.ts';
import { budgetYearsApi } from '../api/budget-years.api.ts';
import { evaluationApi } from '../api/evaluation.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { IndicatorEntryTable } from '../components/indicator-entry-table.tsx';
import { useShowFailure } from '../components/load-error.tsx';
import { MoneyInput } from '../components/money-input.tsx';
import { RectificationPanel } from '../components/rectification-panel.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSeed } from '../hooks/use-seed.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LightTag } from './monitoring-light-tag.tsx';

const CAUSES = ['经费', '制度', '人员', '硬件', '其他'] as const;
const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
const BANDS: GradeBand[] = ['达成', '部分达成', '未达成'];

interface RowState {
  value: string;
  note: string;
  judgement: GradeBand | null;
  deviation: Deviation;
}

function emptyRow(): RowState {
  return { value: '', note: '', judgement: null, deviation: {} };
}

/** Cause, expected value, likelihood and measure of a deviation (asked for every red or yellow light). */
function DeviationFields({
  value,
  onChange,
  askExpected,
}: {
  value: Deviation;
  onChange: (next: Deviation) => void;
  askExpected: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="deviation" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 8px' }}>
      {/* Labels stay visible once a choice is made (a placeholder would vanish and leave 「硬件」 unexplained). */}
      <LabelledChoice
        label={t('monitoring.cause')}
        width={locale === 'zh' ? 110 : 190}
        value={value.cause ?? undefined}
        onChange={(cause) => onChange({ ...value, cause })}
        options={CAUSES.map((c) => ({ value: c, label: t(`cause.${c}`) }))}
        testId="deviation-cause"
      />
      {askExpected && (
        <Labelled label={t('monitoring.expected')}>
          <Input
            placeholder={t('monitoring.expected')}
            aria-label={t('monitoring.expected')}
            style={{ width: 150 }}
            value={value.expectedValue ?? ''}
            onChange={(e) => onChange({ ...value, expectedValue: e.target.value })}
            data-testid="deviation-expected"
          />
        </Labelled>
      )}
      <LabelledChoice
        label={t('monitoring.likelihood')}
        width={locale === 'zh' ? 140 : 170}
        value={value.likelihood ?? undefined}
        onChange={(likelihood) => onChange({ ...value, likelihood })}
        options={LIKELIHOODS.map((c) => ({ value: c, label: t(`likelihood.${c}`) }))}
        testId="deviation-likelihood"
      />
      <Labelled label={t('monitoring.measure')} grow>
        <Input.TextArea
          placeholder={t('monitoring.measure')}
          aria-label={t('monitoring.measure')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={value.measure ?? ''}
          onChange={(e) => onChange({ ...value, measure: e.target.value })}
          data-testid="deviation-measure"
        />
      </Labelled>
    </div>
  );
}

/** A choice from a fixed list, its name above it and, for screen readers, on it. */
function LabelledChoice<T extends string>({
  label,
  width,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  width: number;
  value: T | undefined;
  onChange: (next: T) => void;
  options: { value: T; label: string }[];
  testId: string;
}) {
  return (
    <Labelled label={label}>
      <Select
        placeholder={label}
        aria-label={label}
        style={{ width }}
        value={value}
        onChange={onChange}
        options={options}
        data-testid={testId}
      />
    </Labelled>
  );
}

/** A field with its name written small above it. */
function Labelled({ label, grow, children }: { label: string; grow?: boolean; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: grow ? '1 1 240px' : '0 0 auto' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/** /monitoring/:id: progress at a cut-off month, with the lights recomputed as the author types. */
export default function MonitoringEntryPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const session = useSession();
  const monthParam = params.get('month');
  const month = Number(monthParam ?? DEFAULT_MONITORING_SCHEME.cutOffMonth);
  const [annual, setAnnual] = useState<number | null>(null);
  const [executed, setExecuted] = useState<number | null>(null);
  const [budgetDeviation, setBudgetDeviation] = useState<Deviation>({});
  const [rows, setRows] = useState<RowState[]>([]);
  const [saving, setSaving] = useState(false);
  const [defaulted, setDefaulted] = useState<{ month: number; error: ApiError } | null>(null);

  // Through the shared cache (the table as the editor reads it, the stored report under monitoring): a
  // write anywhere marks them stale; the form itself starts once per table and month from them.
  const tableQuery = useLoad(queryKeys.table(id), () => api.getTable(id));
  const yearsQuery = useLoad(queryKeys.budgetYears, () => budgetYearsApi.list().then((l) => l.items), {
    enabled: monthParam === null,
  });
  const reportQuery = useLoad(
    queryKeys.monitoring(['report', id, month]),
    () =>
      evaluationApi.monitoring(id, month).then(
        (view) => ({ id, month, report: view.report }),
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return { id, month, report: null };
          throw e;
        },
      ),
    { enabled: monthParam !== null },
  );
  const table = tableQuery.data?.id === id ? tableQuery.data : null;
  useEffect(() => {
    // Opened without a period: the cut-off month of the table's budget year (预算年度设置), else July
    // (also when the calendar cannot be read).
    // A month chosen without the calendar is said under the period (defaulted), since July may not be the
    // year's cut-off and the report is stored under the month shown.
    if (monthParam !== null || !table || (yearsQuery.data === null && yearsQuery.error === null)) return;
    const chosen = cutOffMonthFor(yearsQuery.data ?? [], table.table);
    setDefaulted(yearsQuery.error ? { month: chosen, error: yearsQuery.error } : null);
    setParams({ month: String(chosen) }, { replace: true });
  }, [monthParam, table, yearsQuery.data, yearsQuery.error, setParams]);
  // The cache shows the last table's or month's report while another loads: a form starts from its own only.
  const stored = reportQuery.data?.id === id && reportQuery.data.month === month ? reportQuery.data : null;
  const ready = useSeed(
    `${id}:${month}`,
    table && stored && monthParam !== null ? { table, saved: stored.report } : null,
    ({ table, saved }) => {
      setAnnual(saved?.budget.annual ?? table.table.budget.currentYear ?? null);
      setExecuted(saved?.budget.executed ?? null);
      setBudgetDeviation(saved?.budget.deviation ?? {});
      setRows(
        table.table.indicators.map((_, index) => {
          const p = saved?.indicators.find((x) => x.index === index);
          return p
            ? {
                value: p.value ?? '',
                note: p.note ?? '',
                judgement: p.judgement ?? null,
                deviation: p.deviation ?? {},
              }
            : emptyRow();
        }),
      );
    },
  );
  const record = ready ? table : null;
  const error = tableQuery.error ?? reportQuery.error;
  useDocumentTitle(record ? t('monitoring.entryTitle', { name: record.table.name }) : null);

  const report: MonitoringReport = useMemo(
    () => ({
      cutOffMonth: month,
      budget: { annual, executed, deviation: budgetDeviation },
      indicators: rows.map((r, index) => ({
        index,
        value: r.value.trim() || null,
        note: r.note.trim() || null,
        judgement: r.judgement,
        deviation: r.deviation,
      })),
    }),
    [month, annual, executed, budgetDeviation, rows],
  );
  const assessment = useMemo(
    () => (record ? assessMonitoring(record.table, report, DEFAULT_MONITORING_SCHEME) : null),
    [record, report],
  );

  if (error) return <Result status="warning" title={pick(error.problem)} />;
  if (!record || !assessment) return <PageLoading />;
  const reviewer =
    session.user?.roles.some((r) => r === 'department_reviewer' || r === 'finance_reviewer') ?? false;
  const mayReport =
    record.organisationId !== null &&
    session.user?.roles.includes('author') === true &&
    record.organisationId === session.user.organisationId;

  const setRow = (index: number, patch: Partial<RowState>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  async function save() {
    setSaving(true);
    try {
      const { cutOffMonth: _month, ...body } = report;
      await evaluationApi.saveMonitoring(id, month, body);
      message.success(t('monitoring.saved'));
    } catch (e) {
      showFailure(e);
    } finally {
      setSaving(false);
    }
  }

  const indicators = record.table.indicators;
  const spendingOff = assessment.spending.light === 'red' || assessment.spending.light === 'yellow';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="monitoring-entry">
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('monitoring.entryTitle', { name: record.table.name })}
        </Typography.Title>
        <Select
          value={month}
          style={{ width: 130 }}
          onChange={(m: number) => setParams({ month: String(m) })}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t('monitoring.month', { m: i + 1 }),
          }))}
          data-testid="monitoring-month"
        />
        {defaulted?.month === month && (
          <Typography.Text
            type="warning"
            data-testid="monitoring-month-defaulted"
            data-code={defaulted.error.problem.code}
          >
            {t('error.monthDefaulted', { reason: pick(defaulted.error.problem), m: month })}
          </Typography.Text>
        )}
        <span>
          {t('monitoring.projectLight')}
          <LightTag light={assessment.light} testId="project-light" />
        </span>
      </Space>

      <Card title={t('monitoring.budget')}>
        <Space wrap align="start">
          <div>
            <label htmlFor="monitoring-annual">{t('monitoring.annual')}</label>
            <MoneyInput id="monitoring-annual" value={annual} onChange={setAnnual} />
          </div>
          <div>
            <label htmlFor="monitoring-executed">{t('monitoring.executed')}</label>
            <MoneyInput id="monitoring-executed" value={executed} onChange={setExecuted} />
          </div>
          <Space direction="vertical">
            <LightTag light={assessment.spending.light} testId="spending-light" />
            <Typography.Text type="secondary">{pick(assessment.spending.explanation)}</Typography.Text>
          </Space>
        </Space>
        {spendingOff && (
          <div style={{ marginTop: 12 }}>
            <DeviationFields value={budgetDeviation} onChange={setBudgetDeviation} askExpected={false} />
          </div>
        )}
      </Card>

      <Card title={t('monitoring.indicators')}>
        <IndicatorEntryTable
          indicators={indicators}
          targetTitle={t('monitoring.target')}
          targetWidth={130}
          rowTestId="monitoring-row"
          columns={[
            {
              title: t('monitoring.value'),
              key: 'value',
              width: 170,
              render: (_, { indicator, index }) => {
                const row = rows[index] ?? emptyRow();
                const judged = indicator.target.kind !== 'quantitative' && indicator.target.kind !== 'date';
                return judged ? (
                  <Select
                    placeholder={t('monitoring.judgement')}
                    style={{ width: '100%' }}
                    value={row.judgement ?? undefined}
                    onChange={(judgement: GradeBand) => setRow(index, { judgement })}
                    options={BANDS.map((b) => ({ value: b, label: t(`band.${b}`) }))}
                    data-testid="monitoring-judgement"
                  />
                ) : (
                  <Input
                    value={row.value}
                    onChange={(e) => setRow(index, { value: e.target.value })}
                    data-testid="monitoring-value"
                  />
                );
              },
            },
            {
              title: t('monitoring.light'),
              key: 'light',
              width: 90,
              render: (_, { index }) => {
                const line = assessment.indicators[index];
                return line ? <LightTag light={line.light} testId="row-light" /> : null;
              },
            },
            {
              title: t('monitoring.note'),
              key: 'note',
              render: (_, { index }) => {
                const row = rows[index] ?? emptyRow();
                const line = assessment.indicators[index];
                const off = line?.light === 'red' || line?.light === 'yellow';
                return (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">{line ? pick(line.explanation) : ''}</Typography.Text>
                    <Input
                      placeholder={t('monitoring.note')}
                      value={row.note}
                      onChange={(e) => setRow(index, { note: e.target.value })}
                      data-testid="monitoring-note"
                    />
                    {off && (
                      <DeviationFields
                        value={row.deviation}
                        onChange={(deviation) => setRow(index, { deviation })}
                        askExpected
                      />
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>

      {assessment.notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="monitoring-notes"
          message={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {assessment.notes.map((n) => (
                <li key={`${n.code}-${n.path ?? ''}`} data-code={n.code}>
                  {pick(n)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {/* The server takes reports only from authors of the table's own unit (authorization matrix):
          everyone else reads, and is told so instead of meeting a refusal after typing. */}
      {mayReport ? (
        <Button type="primary" loading={saving} onClick={save} data-testid="monitoring-save">
          {t('monitoring.save')}
        </Button>
      ) : (
        <Alert type="info" showIcon title={t('monitoring.readOnly')} data-testid="monitoring-read-only" />
      )}
      {/* 纠偏 before the year ends: reviewers above the unit open 整改 tasks from the saved report's red
          lights, the unit answers them here or on the self-evaluation page. */}
      {(reviewer || mayReport) && (
        <RectificationPanel
          tableId={record.id}
          author={mayReport}
          reviewer={reviewer}
          monitoringMonth={month}
        />
      )}
    </Space>
  );
}
