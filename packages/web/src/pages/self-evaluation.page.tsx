import { AppError } from '@jixiao/core/errors/app-error';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import type { GradeBand } from '@jixiao/core/scoring/scoring-scheme.schema';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { IndicatorActual, SelfEvaluationEntry } from '@jixiao/core/scoring/self-evaluation.schema';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api/api-client.ts';
import { evaluationApi } from '../api/evaluation.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { BudgetYearNotice, useSelfEvaluationRefusal } from '../components/budget-year-notice.tsx';
import { IndicatorEntryTable } from '../components/indicator-entry-table.tsx';
import { useShowFailure } from '../components/load-error.tsx';
import { MoneyInput } from '../components/money-input.tsx';
import { RectificationPanel } from '../components/rectification-panel.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSeed } from '../hooks/use-seed.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';

const BANDS: GradeBand[] = ['达成', '部分达成', '未达成'];

function blankActual(index: number): IndicatorActual {
  return { index, actual: null, applicable: true, grade: null, reason: null, measure: null };
}

/** /self-evaluation/:id: year-end actuals, scored live with every formula shown; reviewers adjust scores. */
export default function SelfEvaluationPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const session = useSession();
  const [entry, setEntry] = useState<SelfEvaluationEntry | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [adjusting, setAdjusting] = useState<{
    target: number | 'execution';
    score: number | null;
    reason: string;
  } | null>(null);

  // Through the shared cache (the table as the editor reads it, the stored evaluation under the table's
  // self-evaluation): a write anywhere marks them stale; the form itself starts once from them.
  const tableQuery = useLoad(queryKeys.table(id), () => api.getTable(id));
  const storedQuery = useLoad([...queryKeys.selfEvaluation(id), 'entry'], () =>
    evaluationApi.selfEvaluation(id).then(
      (view) => ({ id, entry: view.entry }),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return { id, entry: null };
        throw e;
      },
    ),
  );
  // The cache shows the last table's data while another loads: a form starts from this table's only.
  const loaded =
    tableQuery.data?.id === id && storedQuery.data?.id === id
      ? { table: tableQuery.data, entry: storedQuery.data.entry }
      : null;
  const ready = useSeed(id, loaded, ({ table, entry: stored }) => {
    setSaved(stored !== null);
    setEntry(
      stored ?? {
        budget: { adjusted: table.table.budget.currentYear ?? null, executed: null, reason: null },
        indicators: table.table.indicators.map((_, i) => blankActual(i)),
        adjustments: [],
        goalCompletion: null,
      },
    );
  });
  const record = ready ? tableQuery.data : null;
  const error = tableQuery.error ?? storedQuery.error;
  useDocumentTitle(record ? t('selfEval.title', { name: record.table.name }) : null);
  // Hooks before the early returns below: the calendar's answer for an author, with the server's words.
  const closed = useSelfEvaluationRefusal(record, session.user?.roles.includes('author') ?? false);

  const scored = useMemo(() => {
    if (!record || !entry) return null;
    try {
      return {
        score: scoreSelfEvaluation(record.table, entry, getScoringScheme(entry.schemeId)),
        problem: null,
      };
    } catch (e) {
      if (e instanceof AppError) return { score: null, problem: e };
      throw e;
    }
  }, [record, entry]);

  if (error) return <Result status="warning" title={pick(error.problem)} />;
  if (!record || !entry || !scored) return <PageLoading />;
  // Actuals are reported on approved targets only (the server refuses the rest): say so before any typing.
  // An evaluation already kept (a past year's form imported with its own table) is shown whatever the status.
  if (!saved && record.status !== 'approved' && record.status !== 'published') {
    return (
      <Result
        status="info"
        data-testid="self-evaluation-not-approved"
        title={t('selfEval.notApprovedTitle', { name: record.table.name })}
        subTitle={t('selfEval.notApproved', { status: t(`status.${record.status}`) })}
        extra={
          <Link to={`/tables/${id}`}>
            <Button type="primary">{t('selfEval.openTable')}</Button>
          </Link>
        }
      />
    );
  }

  const reviewer =
    session.user?.roles.some((r) => r === 'department_reviewer' || r === 'finance_reviewer') ?? false;
  const author = session.user?.roles.includes('author') ?? false;
  const setActual = (index: number, patch: Partial<IndicatorActual>) =>
    setEntry((e) =>
      e
        ? {
            ...e,
            indicators: record.table.indicators.map((_, i) => {
              const current = e.indicators.find((x) => x.index === i) ?? blankActual(i);
              return i === index ? { ...current, ...patch } : current;
            }),
          }
        : e,
    );

  async function save() {
    if (!entry) return;
    setSaving(true);
    try {
      const { adjustments: _kept, ...body } = entry;
      const view = await evaluationApi.saveSelfEvaluation(id, body);
      setEntry(view.entry);
      setSaved(true);
      message.success(t('selfEval.saved'));
    } catch (e) {
      showFailure(e);
    } finally {
      setSaving(false);
    }
  }

  async function adjust() {
    if (!adjusting || adjusting.score === null) return;
    try {
      const view = await evaluationApi.adjustScore(id, {
        target: adjusting.target,
        score: adjusting.score,
        reason: adjusting.reason,
      });
      setEntry(view.entry);
      setAdjusting(null);
    } catch (e) {
      showFailure(e);
    }
  }

  const score = scored.score;
  const adjustCell = (target: number | 'execution') =>
    reviewer && saved ? (
      adjusting?.target === target ? (
        <Space direction="vertical" data-testid="adjust-form">
          <InputNumber
            min={0}
            value={adjusting.score}
            onChange={(v) => setAdjusting({ ...adjusting, score: v })}
            data-testid="adjust-score"
          />
          <Input
            placeholder={t('selfEval.adjustReason')}
            value={adjusting.reason}
            onChange={(e) => setAdjusting({ ...adjusting, reason: e.target.value })}
            data-testid="adjust-reason"
          />
          <Button
            size="small"
            type="primary"
            onClick={adjust}
            disabled={!adjusting.reason.trim()}
            data-testid="adjust-save"
          >
            {t('common.confirm')}
          </Button>
        </Space>
      ) : (
        <Button
          size="small"
          onClick={() => setAdjusting({ target, score: null, reason: '' })}
          data-testid="adjust-open"
        >
          {t('selfEval.adjust')}
        </Button>
      )
    ) : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="self-evaluation-page">
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('selfEval.title', { name: record.table.name })}
        </Typography.Title>
        {saved && (
          <>
            <Link to={`/self-evaluation/${id}/form`} data-testid="self-evaluation-form-link">
              {t('selfEval.form')}
            </Link>
            <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'pdf', locale)}>{t('selfEval.pdf')}</a>
            <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'xlsx', locale)}>{t('selfEval.xlsx')}</a>
            <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'docx', locale)}>{t('print.docx')}</a>
          </>
        )}
      </Space>

      <BudgetYearNotice refusal={closed} calendar={session.user?.roles.includes('author') ?? false} />
      {score && (
        <Alert
          type={score.complete ? 'success' : 'info'}
          showIcon
          data-testid="self-evaluation-total"
          message={
            // A grade is only given for a complete evaluation: "0.00 分，差" for rows not yet filled
            // would read as a verdict.
            score.complete
              ? t('selfEval.total', { total: score.total.toFixed(2), grade: t(`grade.${score.grade}`) })
              : t('selfEval.totalSoFar', { total: score.total.toFixed(2) })
          }
        />
      )}
      {scored.problem && (
        <Alert type="error" showIcon data-testid="score-problem" message={pick(scored.problem)} />
      )}

      <Card title={t('selfEval.budget')}>
        <Space wrap align="start">
          <div>
            <label htmlFor="self-evaluation-adjusted">{t('selfEval.adjusted')}</label>
            <MoneyInput
              id="self-evaluation-adjusted"
              value={entry.budget.adjusted}
              onChange={(adjusted) => setEntry({ ...entry, budget: { ...entry.budget, adjusted } })}
            />
          </div>
          <div>
            <label htmlFor="self-evaluation-executed">{t('selfEval.executed')}</label>
            <MoneyInput
              id="self-evaluation-executed"
              value={entry.budget.executed}
              onChange={(executed) => setEntry({ ...entry, budget: { ...entry.budget, executed } })}
            />
          </div>
          {score && (
            <Space direction="vertical">
              <Typography.Text strong data-testid="execution-score">
                {t('selfEval.score')}: {score.execution.score} / {score.execution.weight}
              </Typography.Text>
              <Typography.Text type="secondary">{pick(score.execution.explanation)}</Typography.Text>
              {adjustCell('execution')}
            </Space>
          )}
        </Space>
        {/* Labelled above, not only by placeholder: once filled, a placeholder no longer says what the text is. */}
        <label htmlFor="self-evaluation-reason" className="field-caption">
          {t('selfEval.reason')}
        </label>
        <Input.TextArea
          id="self-evaluation-reason"
          placeholder={t('selfEval.reason')}
          value={entry.budget.reason ?? ''}
          onChange={(e) => setEntry({ ...entry, budget: { ...entry.budget, reason: e.target.value } })}
          autoSize
        />
        <label htmlFor="self-evaluation-goal" className="field-caption">
          {t('selfEval.goalCompletion')}
        </label>
        <Input.TextArea
          id="self-evaluation-goal"
          placeholder={t('selfEval.goalCompletion')}
          value={entry.goalCompletion ?? ''}
          onChange={(e) => setEntry({ ...entry, goalCompletion: e.target.value })}
          autoSize
          data-testid="goal-completion"
        />
      </Card>

      <IndicatorEntryTable
        indicators={record.table.indicators}
        targetTitle={t('selfEval.target')}
        targetWidth={120}
        rowTestId="self-evaluation-row"
        columns={[
          {
            title: t('selfEval.actual'),
            key: 'actual',
            width: 220,
            render: (_, { index }) => {
              const a = entry.indicators.find((x) => x.index === index) ?? blankActual(index);
              const line = score?.indicators[index];
              const needsGrade =
                line?.status === 'needs_grade' || line?.status === 'graded' || Boolean(a.grade);
              return (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input
                    value={a.actual ?? ''}
                    disabled={!author}
                    onChange={(e) => setActual(index, { actual: e.target.value || null })}
                    data-testid="self-evaluation-actual"
                  />
                  <Checkbox
                    checked={a.applicable}
                    onChange={(e) => setActual(index, { applicable: e.target.checked })}
                  >
                    {t('selfEval.applicable')}
                  </Checkbox>
                  {needsGrade && (
                    <Space.Compact>
                      <Select
                        placeholder={t('selfEval.grade')}
                        style={{ width: locale === 'zh' ? 110 : 150 }}
                        value={a.grade?.band}
                        onChange={(band: GradeBand) =>
                          setActual(index, { grade: { band, score: a.grade?.score ?? 0 } })
                        }
                        options={BANDS.map((b) => ({ value: b, label: t(`band.${b}`) }))}
                        data-testid="grade-band"
                      />
                      <InputNumber
                        min={0}
                        placeholder={t('selfEval.gradeScore')}
                        value={a.grade?.score}
                        onChange={(v) =>
                          setActual(index, {
                            grade: { band: a.grade?.band ?? '达成', score: Number(v ?? 0) },
                          })
                        }
                        data-testid="grade-score"
                      />
                    </Space.Compact>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('selfEval.score'),
            key: 'score',
            width: 110,
            render: (_, { index }) => {
              const line = score?.indicators[index];
              if (!line) return null;
              return (
                <Space direction="vertical">
                  <span data-testid="row-score">
                    {line.score} / {line.weight}
                  </span>
                  {line.adjustment && <Tag color="purple">{t('selfEval.adjust')}</Tag>}
                  {adjustCell(index)}
                </Space>
              );
            },
          },
          {
            title: t('selfEval.explanation'),
            key: 'explanation',
            render: (_, { index }) => {
              const line = score?.indicators[index];
              if (!line) return null;
              // An imported 自评表: the unit's own score beside the rule's, the difference and its cause.
              const claimed = score?.claim?.lines[index + 1];
              return (
                <Space direction="vertical">
                  <span data-testid="row-explanation">{pick(line.explanation)}</span>
                  {claimed && claimed.claimed !== null && (
                    <Typography.Text
                      type={claimed.cause && claimed.cause !== 'qualitative' ? 'warning' : 'secondary'}
                      data-testid="row-claim"
                    >
                      {pick(claimed)}
                    </Typography.Text>
                  )}
                  {line.adjustment && (
                    <Typography.Text type="secondary">
                      {t('selfEval.adjusted.note', {
                        score: line.adjustment.score,
                        reason: line.adjustment.reason,
                      })}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: `${t('selfEval.deviationReason')} / ${t('selfEval.measure')}`,
            key: 'reason',
            width: 240,
            render: (_, { index }) => {
              const a = entry.indicators.find((x) => x.index === index) ?? blankActual(index);
              return (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input
                    placeholder={t('selfEval.deviationReason')}
                    value={a.reason ?? ''}
                    onChange={(e) => setActual(index, { reason: e.target.value || null })}
                    data-testid="self-evaluation-reason"
                  />
                  <Input
                    placeholder={t('selfEval.measure')}
                    value={a.measure ?? ''}
                    onChange={(e) => setActual(index, { measure: e.target.value || null })}
                  />
                </Space>
              );
            },
          },
        ]}
      />
      {score && score.notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="self-evaluation-notes"
          message={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {score.notes.map((n) => (
                <li key={`${n.code}-${n.path ?? ''}`}>{pick(n)}</li>
              ))}
            </ul>
          }
        />
      )}
      {author && (
        <Button
          type="primary"
          loading={saving}
          onClick={save}
          disabled={!score || closed !== null}
          data-testid="self-evaluation-save"
        >
          {t('selfEval.save')}
        </Button>
      )}
      {score && <RectificationPanel tableId={record.id} author={author} reviewer={reviewer} />}
    </Space>
  );
}
