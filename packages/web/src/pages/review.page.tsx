import { CommentOutlined, DeleteOutlined } from '@ant-design/icons';
import { officialLayout } from '@jixiao/core/export/official-layout';
import type { Finding } from '@jixiao/core/review/finding.schema';
import {
  type CommentList,
  REVIEW_CRITERIA,
  type ReviewChanges,
  type ReviewCriterion,
  type ReviewDecision,
  type ReviewGrade,
  type ReviewRecord,
  reviewGradeSchema,
} from '@jixiao/core/review-records/review-record.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Radio,
  Result,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type MouseEvent, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, request, toApiError } from '../api/api-client.ts';
import { queryClient, queryKeys } from '../api/query-client.ts';
import { workflowApi } from '../api/workflow.api.ts';
import { ExAnteCard } from '../components/ex-ante-card.tsx';
import { FindingsPanel } from '../components/findings-panel.tsx';
import { LoadError } from '../components/load-error.tsx';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
import { PageSpinner } from '../components/printed-form-parts.tsx';
import { LinkagePanel } from '../components/rectification-panel.tsx';
import { commentLabel, fieldLabel, ReviewCommentList } from '../components/review-comments.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useI18n } from '../i18n/i18n.tsx';

const criteria = Object.keys(REVIEW_CRITERIA) as ReviewCriterion[];
const grades = reviewGradeSchema.options;
const passing: ReadonlySet<ReviewGrade> = new Set(['优', '良']);

interface DraftComment {
  key: number;
  path: string | null;
  text: string;
}

/** Paths the diff touched, in the layout's own field naming, so changed cells can be marked. */
function changedPaths(changes: ReviewChanges | null): string[] {
  const diff = changes?.diff;
  if (!diff) return [];
  return [
    ...diff.header.map((c) => c.path),
    ...diff.narrative.map((c) => c.path),
    ...diff.budget.map((c) => c.path),
    ...diff.indicators.added.map((a) => `indicators.${a.index}`),
    ...diff.indicators.changed.flatMap((c) => c.changes.map((f) => `indicators.${c.toIndex}.${f.path}`)),
  ];
}

/** CSS marking cells of the layout by their `data-field`: an indicator path marks its whole row. */
function cellRule(path: string, style: string): string {
  const quoted = JSON.stringify(path);
  const row = /^indicators\.\d+$/.test(path)
    ? `,.review-layout [data-field^=${JSON.stringify(`${path}.`)}]`
    : '';
  return `.review-layout [data-field=${quoted}]${row}{${style}}`;
}

const noReviews: ReviewRecord[] = [];

function findingsOf(body: unknown): Finding[] {
  if (Array.isArray(body)) return body as Finding[];
  if (body && typeof body === 'object') {
    const record = body as { findings?: unknown; items?: unknown };
    if (Array.isArray(record.findings)) return record.findings as Finding[];
    if (Array.isArray(record.items)) return record.items as Finding[];
  }
  return [];
}

/**
 * /review/:id — the review workspace: the table in the official layout beside the automatic findings and
 * the changes since the last round; click a field or an indicator to comment on it, grade the four
 * criteria and the whole, and decide (return / forward / approve).
 */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const colon = locale === 'zh' ? '：' : ': ';
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Everything shown comes through the shared query cache: a write to this table anywhere (the author
  // withdrawing it, another reviewer deciding) marks it stale and the workspace shows the new state.
  const tableQuery = useQuery({ queryKey: queryKeys.table(id), queryFn: () => api.getTable(id) });
  const stateQuery = useQuery({
    queryKey: [...queryKeys.workflow(id), 'state'],
    queryFn: () => workflowApi.state(id),
  });
  const reviewsQuery = useQuery({
    queryKey: [...queryKeys.workflow(id), 'reviews'],
    queryFn: () => workflowApi.reviews(id),
  });
  const changesQuery = useQuery({
    queryKey: [...queryKeys.workflow(id), 'changes'],
    queryFn: () => workflowApi.changes(id),
  });
  // Earlier rounds' comments, placed by the server on the current version (they follow their indicators).
  const placedQuery = useQuery({
    queryKey: [...queryKeys.workflow(id), 'comments'],
    queryFn: () => workflowApi.comments(id),
  });
  // The automatic review is another module's endpoint: the workspace works without it, and its card says
  // when it could not be read.
  const findingsQuery = useQuery({
    queryKey: [...queryKeys.table(id), 'findings'],
    queryFn: () => request<unknown>('GET', `/api/tables/${encodeURIComponent(id)}/findings`).then(findingsOf),
  });
  const record: TableRecord | null = tableQuery.data ?? null;
  const state: WorkflowState | null = stateQuery.data ?? null;
  const reviews: ReviewRecord[] = reviewsQuery.data?.items ?? noReviews;
  const changes: ReviewChanges | null = changesQuery.data ?? null;
  const placed: CommentList | null = placedQuery.data ?? null;
  const findings: Finding[] | null = findingsQuery.isSuccess ? findingsQuery.data : null;
  const loadError =
    [tableQuery, stateQuery, reviewsQuery, changesQuery, placedQuery]
      .map((q) => q.error)
      .find((e): e is ApiError => e instanceof ApiError) ?? null;
  useDocumentTitle(record ? t('review.title', { name: record.table.name }) : null);
  const [grading, setGrading] = useState<Partial<Record<ReviewCriterion, ReviewGrade>>>({});
  const [overall, setOverall] = useState<ReviewGrade | null>(null);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [summary, setSummary] = useState('');
  const [approveReason, setApproveReason] = useState('');
  const [comments, setComments] = useState<DraftComment[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const layout = useMemo(() => (record ? officialLayout(record.table, locale) : null), [record, locale]);
  const changed = useMemo(() => changedPaths(changes), [changes]);
  const placedById = useMemo(() => new Map((placed?.items ?? []).map((c) => [c.id, c])), [placed]);
  // The comments of the latest review round, on the rows their indicators are on now.
  const lastRound = useMemo(() => {
    let latest: ReviewRecord | null = null;
    for (const review of reviews) if (!latest || review.createdAt > latest.createdAt) latest = review;
    return (latest?.comments ?? []).flatMap((c) => placedById.get(c.id) ?? []);
  }, [reviews, placedById]);
  const marks = useMemo(
    () =>
      [
        ...changed.map((p) => cellRule(p, 'background:#e6f4ff')),
        ...lastRound.map((c) =>
          c.placement.path
            ? cellRule(c.placement.path, 'outline:1px dashed #fa8c16;outline-offset:-2px')
            : '',
        ),
        ...comments.map((c) => (c.path ? cellRule(c.path, 'box-shadow:inset 0 0 0 2px #faad14') : '')),
        selected ? cellRule(selected, 'box-shadow:inset 0 0 0 2px #1677ff') : '',
        '.review-layout [data-field]{cursor:pointer}',
        '.review-layout [data-field]:hover{background:#fffbe6}',
      ].join('\n'),
    [changed, lastRound, comments, selected],
  );

  if (loadError) {
    return (
      <Result
        status="warning"
        title={pick(loadError.problem)}
        extra={
          <Link to="/review">
            <Button>{t('review.queueTitle')}</Button>
          </Link>
        }
      />
    );
  }
  if (!record || !state || !layout) {
    return <PageSpinner />;
  }

  const stage =
    state.status === 'submitted' ? 'department' : state.status === 'department_reviewed' ? 'finance' : null;
  const canDecide = state.available.some(
    (a) => a.action === 'forward' || a.action === 'approve' || a.action === 'return',
  );
  const decisions: ReviewDecision[] = stage === 'finance' ? ['return', 'approve'] : ['return', 'forward'];
  const blocked = overall !== null && !passing.has(overall);
  const complete = criteria.every((c) => grading[c]) && overall !== null && decision !== null;
  const needsComment = decision === 'return' && summary.trim() === '' && !comments.some((c) => c.text.trim());
  // Approving over open errors of the automatic review is allowed, with a reason the audit log keeps.
  const openErrors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const needsApproveReason = decision === 'approve' && openErrors > 0 && approveReason.trim() === '';

  const addComment = (path: string | null) => {
    setSelected(path);
    setComments((list) =>
      list.some((c) => c.path === path && c.text === '')
        ? list
        : [...list, { key: Date.now(), path, text: '' }],
    );
  };

  const onLayoutClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!canDecide) return;
    const cell = (event.target as HTMLElement).closest('[data-field]');
    const path = cell?.getAttribute('data-field');
    if (path) addComment(path);
  };

  const submit = async () => {
    if (!decision || !overall) return;
    setSubmitting(true);
    try {
      await workflowApi.createReview(id, {
        expectedVersion: state.version,
        criteria: grading as Record<ReviewCriterion, ReviewGrade>,
        overall,
        decision,
        ...(summary.trim() ? { summary } : {}),
        ...(decision === 'approve' && approveReason.trim() ? { reason: approveReason.trim() } : {}),
        comments: comments.filter((c) => c.text.trim()).map((c) => ({ path: c.path, text: c.text })),
      });
      message.success(t('review.submitted'));
      navigate('/review');
    } catch (e) {
      message.error(pick(toApiError(e).problem));
      // Someone else moved the table on: show what it is now.
      if (e instanceof ApiError && e.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.table(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.workflow(id) });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const diff = changes?.diff;
  return (
    <div data-testid="review-page">
      <style>{marks}</style>
      <div className="page-head">
        <div>
          <h1>
            {t('review.title', { name: record.table.name })} <StatusTag status={state.status} />{' '}
            <Tag bordered={false}>{t('editor.version', { v: state.version })}</Tag>
          </h1>
          <p>
            {record.table.unit} · {record.table.year}
            {stage ? ` · ${t(`review.stage.${stage}`)}` : ''}
          </p>
        </div>
        <Space>
          <Link to="/review">
            <Button>{t('review.queueTitle')}</Button>
          </Link>
          <Link to={`/tables/${id}`}>
            <Button>{t('common.open')}</Button>
          </Link>
        </Space>
      </div>
      {!canDecide && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('review.notPending')} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {canDecide && <p className="muted">{t('review.clickToComment')}</p>}
          {/* Clicks land on the layout's cells, which carry their field path in data-field. */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: comment buttons in the side panel give keyboard users the same */}
          <div className="review-layout" onClick={onLayoutClick} data-testid="review-layout">
            <OfficialLayoutView layout={layout} />
          </div>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('review.changes')}
            style={{ marginBottom: 12 }}
            data-testid="review-changes"
          >
            {changes?.fromVersion == null ? (
              <span className="muted">{t('review.firstRound')}</span>
            ) : !diff || diff.changeCount === 0 ? (
              <span className="muted">{t('review.noChanges')}</span>
            ) : (
              <>
                <p>
                  {t('editor.version', { v: changes.fromVersion })} →{' '}
                  {t('editor.version', { v: changes.toVersion })}
                  {' · '}
                  {t('review.changedFields', { n: diff.changeCount })}
                </p>
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {changed.map((path) => (
                    <li key={path}>
                      <Typography.Link onClick={() => setSelected(path)}>
                        {fieldLabel(path, record.table, t)}
                      </Typography.Link>
                    </li>
                  ))}
                  {diff.indicators.removed.map((r) => (
                    <li key={`removed-${r.index}`}>
                      {t('review.removed')}
                      {colon}
                      {r.indicator.name}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {lastRound.length > 0 && (
              <div data-testid="last-round-comments" style={{ marginTop: 8 }}>
                <strong>{t('review.lastRoundComments')}</strong>
                <ReviewCommentList comments={lastRound} table={record.table} onSelect={setSelected} />
              </div>
            )}
          </Card>

          <LinkagePanel tableId={record.id} canDecide={canDecide} />
          <ExAnteCard tableId={record.id} />

          <Card
            size="small"
            title={t('review.findings')}
            style={{ marginBottom: 12 }}
            data-testid="review-findings"
          >
            {findingsQuery.error instanceof ApiError ? (
              <LoadError error={findingsQuery.error} onRetry={() => void findingsQuery.refetch()} />
            ) : findings === null ? (
              <span className="muted">{t('review.findingsPending')}</span>
            ) : (
              <FindingsPanel
                findings={findings}
                onSelect={(path) => (canDecide ? addComment(path) : setSelected(path))}
              />
            )}
          </Card>

          {canDecide && (
            <Card
              size="small"
              title={t('review.criteria')}
              style={{ marginBottom: 12 }}
              data-testid="review-form"
            >
              {criteria.map((criterion) => (
                <div key={criterion} style={{ display: 'flex', alignItems: 'center', marginBottom: 8 }}>
                  <span style={{ width: 160 }}>{t(`review.criterion.${criterion}`)}</span>
                  <Radio.Group
                    optionType="button"
                    size="small"
                    value={grading[criterion]}
                    onChange={(e) =>
                      setGrading((g) => ({ ...g, [criterion]: e.target.value as ReviewGrade }))
                    }
                    options={grades.map((g) => ({ label: t(`grade.${g}`), value: g }))}
                    data-testid={`grade-${criterion}`}
                  />
                </div>
              ))}
              <div style={{ display: 'flex', alignItems: 'center', marginBottom: 4 }}>
                <strong style={{ width: 160 }}>{t('review.overall')}</strong>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={overall}
                  onChange={(e) => {
                    const grade = e.target.value as ReviewGrade;
                    setOverall(grade);
                    if (!passing.has(grade)) setDecision('return');
                  }}
                  options={grades.map((g) => ({ label: t(`grade.${g}`), value: g }))}
                  data-testid="grade-overall"
                />
              </div>
              <p className="muted" style={{ fontSize: 12 }}>
                {t('review.gradeHint')}
              </p>
              <div style={{ display: 'flex', alignItems: 'center', marginBottom: 12 }}>
                <strong style={{ width: 160 }}>{t('review.decision')}</strong>
                <Radio.Group
                  value={decision}
                  onChange={(e) => setDecision(e.target.value as ReviewDecision)}
                  options={decisions.map((d) => ({
                    label: t(`workflow.action.${d}`),
                    value: d,
                    disabled: d !== 'return' && blocked,
                  }))}
                  data-testid="decision"
                />
              </div>
              <Input.TextArea
                rows={2}
                maxLength={2000}
                placeholder={t('review.summary')}
                value={summary}
                onChange={(e) => setSummary(e.target.value)}
                data-testid="review-summary"
                style={{ marginBottom: 12 }}
              />
              <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
                <strong>{t('review.comments')}</strong>
                <Button size="small" icon={<CommentOutlined />} onClick={() => addComment(null)}>
                  {t('workflow.wholeTable')}
                </Button>
              </div>
              {comments.map((comment) => (
                <div key={comment.key} style={{ marginBottom: 8 }} data-testid="comment-draft">
                  <Space style={{ marginBottom: 4 }}>
                    <Typography.Link onClick={() => setSelected(comment.path)}>
                      {fieldLabel(comment.path, record.table, t)}
                    </Typography.Link>
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('review.removeComment')}
                      onClick={() => setComments((list) => list.filter((c) => c.key !== comment.key))}
                    />
                  </Space>
                  <Input.TextArea
                    rows={2}
                    maxLength={2000}
                    autoFocus
                    placeholder={t('review.commentPlaceholder', {
                      field: fieldLabel(comment.path, record.table, t),
                    })}
                    value={comment.text}
                    onChange={(e) =>
                      setComments((list) =>
                        list.map((c) => (c.key === comment.key ? { ...c, text: e.target.value } : c)),
                      )
                    }
                    data-testid="comment-input"
                  />
                </div>
              ))}
              {decision === 'approve' && openErrors > 0 && (
                <div data-testid="approve-over-errors" style={{ marginBottom: 12 }}>
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={t('workflow.approveOverErrors', { n: openErrors })}
                  />
                  <Input.TextArea
                    rows={2}
                    maxLength={2000}
                    placeholder={t('workflow.approveReason')}
                    value={approveReason}
                    onChange={(e) => setApproveReason(e.target.value)}
                    data-testid="approve-reason"
                  />
                </div>
              )}
              <Button
                type="primary"
                block
                loading={submitting}
                disabled={!complete || needsComment || needsApproveReason}
                onClick={() => void submit()}
                data-testid="review-submit"
              >
                {t('review.submit')}
              </Button>
            </Card>
          )}

          <Card size="small" title={t('review.history')} data-testid="review-history">
            {reviews.length === 0 && state.history.length === 0 ? (
              <span className="muted">{t('review.noHistory')}</span>
            ) : (
              <Timeline
                items={state.history.map((event) => {
                  const review = reviews.find((r) => r.version === event.fromVersion);
                  return {
                    key: event.id,
                    content: (
                      <div>
                        <strong>{t(`workflow.action.${event.action}`)}</strong>{' '}
                        <span className="muted">
                          {event.actorName ?? ''} · {dayjs(event.createdAt).format('YYYY-MM-DD HH:mm')}
                        </span>
                        {review && (
                          <div data-testid="history-grades">
                            {t('review.overall')}
                            {colon}
                            <Tag>{t(`grade.${review.overall}`)}</Tag>
                            {criteria
                              .map((c) => `${pick(REVIEW_CRITERIA[c])} ${t(`grade.${review.criteria[c]}`)}`)
                              .join(' · ')}
                          </div>
                        )}
                        {review
                          ? review.summary && <div>{review.summary}</div>
                          : event.comment && <div>{event.comment}</div>}
                        {event.reason && <div>{event.reason}</div>}
                        {review?.comments.map((c) => {
                          const here = placedById.get(c.id);
                          return (
                            <div key={c.id} className="muted" data-testid="history-comment">
                              {here
                                ? commentLabel(here, record.table, t)
                                : fieldLabel(c.path, record.table, t)}
                              {colon}
                              {c.text}
                            </div>
                          );
                        })}
                      </div>
                    ),
                  };
                })}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
