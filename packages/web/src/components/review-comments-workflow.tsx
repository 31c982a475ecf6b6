import {
  AuditOutlined,
  EditOutlined,
  GlobalOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { countBySeverity, reviewTable } from '@jixiao/core/review/review-table';
import { ruleSetFor } from '@jixiao/core/review/rule-sets';
import { indicatorKey, placeComments } from '@jixiao/core/review-records/comment-anchor';
import type { CommentList, PlacedComment } from '@jixiao/core/review-records/review-record.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { WorkflowAction, WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, Modal, Space } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { workflowApi } from '../api/workflow.api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { LoadError } from './load-error.tsx';
import { MoneyText } from './money-text.tsx';
import { OpenCommentsAlert } from './review-comments.tsx';

export interface TableWorkflow {
  state: WorkflowState | null;
  /**
   * Comments of the latest return, which the author must act on (empty unless the table was returned),
   * placed by the server on the saved version.
   */
  openComments: readonly PlacedComment[];
  /** The server's comment list, to place the comments again on unsaved edits (`usePlacedComments`). */
  comments: CommentList | null;
  /** Why the state or the comments could not be read (the bar shows it where its buttons would be). */
  error: ApiError | null;
  reload: () => void;
}

/**
 * A table's workflow state and open comments, through the shared query cache: any write to the table (a
 * save, a workflow step here or in another view) marks them stale and they load again.
 */
export function useTableWorkflow(tableId: string | undefined, version: number | undefined): TableWorkflow {
  const enabled = Boolean(tableId);
  const stateQuery = useQuery({
    queryKey: [...queryKeys.workflow(tableId ?? ''), 'state', version ?? null],
    queryFn: () => workflowApi.state(tableId as string),
    enabled,
  });
  // Comments are for signed-in users; the public simply sees none.
  const commentsQuery = useQuery({
    queryKey: [...queryKeys.workflow(tableId ?? ''), 'comments', version ?? null],
    queryFn: () => workflowApi.comments(tableId as string),
    enabled,
  });
  const { refetch: refetchState } = stateQuery;
  const { refetch: refetchComments } = commentsQuery;
  const reload = useCallback(() => {
    void refetchState();
    void refetchComments();
  }, [refetchState, refetchComments]);
  const state = stateQuery.isError ? null : (stateQuery.data ?? null);
  const comments = commentsQuery.isError ? null : (commentsQuery.data ?? null);
  const returned = state?.status === 'returned';
  const error = [stateQuery.error, commentsQuery.error].find((e) => e instanceof ApiError) ?? null;
  return {
    state,
    openComments: returned ? (comments?.open ?? []) : [],
    comments: returned ? comments : null,
    error,
    reload,
  };
}

/**
 * The open comments placed on the rows being edited: as the author adds, removes or reorders indicators
 * before saving, each comment follows its indicator (core's placeComments, from the saved version on).
 */
export function usePlacedComments(
  workflow: TableWorkflow,
  indicators: PerformanceTable['indicators'] | undefined,
): readonly PlacedComment[] {
  const { comments } = workflow;
  return useMemo(() => {
    if (!comments || !indicators) return workflow.openComments;
    return placeComments(
      comments.open,
      comments.indicatorsByVersion,
      indicators.map(indicatorKey),
      comments.version,
    );
  }, [comments, indicators, workflow.openComments]);
}

/** Scrolls the editor to a commented field (`#f-<path>`) or indicator row, and focuses it. */
export function focusField(path: string | null): void {
  if (!path) return;
  const parts = path.split('.');
  let element: Element | null = null;
  if (parts[0] === 'indicators' && parts[1] !== undefined) {
    // Rows are grouped by level, so the n-th row on screen need not be indicator n.
    element = document.querySelector(`[data-testid="indicator-row"][data-index="${Number(parts[1])}"]`);
  } else {
    element = document.getElementById(`f-${path}`);
  }
  element?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  if (element instanceof HTMLElement) element.focus({ preventScroll: true });
}

/**
 * The author's side of the workflow in the editor: why the table cannot be edited (frozen, in review),
 * the reviewers' open comments, and the buttons the server says this user may use now.
 */
export function WorkflowBar({
  workflow,
  table,
  comments = workflow.openComments,
  dirty,
  submitBlocked = false,
  onChanged,
}: {
  workflow: TableWorkflow;
  table: PerformanceTable | null;
  /** The open comments placed on `table` (default: as the server placed them on the saved version). */
  comments?: readonly PlacedComment[];
  dirty: boolean;
  /** The table's budget year refuses submission (the page says why). */
  submitBlocked?: boolean;
  /** Called after a step went through (the table's own views reload by themselves). */
  onChanged?: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<WorkflowAction | null>(null);
  // The step waiting for the user's confirmation in the dialog (every step here is hard to undo).
  const [confirming, setConfirming] = useState<ConfirmedAction | null>(null);
  const [reason, setReason] = useState('');
  const { state } = workflow;
  // Without its state the bar cannot say what may be done: it says why, rather than offering nothing.
  if (workflow.error)
    return (
      <LoadError
        error={workflow.error}
        onRetry={workflow.reload}
        style={{ marginBottom: 12 }}
        testId="workflow-error"
      />
    );
  if (!state) return null;
  const can = (action: WorkflowAction) => state.available.some((a) => a.action === action);

  const fire = async (action: WorkflowAction, extra: { reason?: string } = {}) => {
    setBusy(action);
    try {
      const next = await workflowApi.transition(state.tableId, {
        action,
        expectedVersion: state.version,
        ...extra,
      });
      message.success(t('workflow.done', { status: t(`status.${next.status}`) }));
      setConfirming(null);
      setReason('');
      // The step was a write: the table's state, comments and lists reload through the query cache.
      onChanged?.();
    } catch (e) {
      message.error(pick(toApiError(e).problem));
    } finally {
      setBusy(null);
    }
  };

  const reviewable = can('forward') || can('approve') || can('return');
  return (
    <div className="workflow-bar" data-testid="workflow-bar" style={{ marginBottom: 12 }}>
      {(state.status === 'approved' || state.status === 'published') && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('workflow.frozen')} />
      )}
      {(state.status === 'submitted' || state.status === 'department_reviewed') && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('workflow.inReview')} />
      )}
      <OpenCommentsAlert comments={comments} table={table} onSelect={focusField} />
      <Space wrap>
        {can('submit') && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy === 'submit'}
            disabled={dirty || submitBlocked}
            onClick={() => setConfirming('submit')}
            data-testid="workflow-submit"
          >
            {state.status === 'returned' ? t('workflow.action.resubmit') : t('workflow.action.submit')}
          </Button>
        )}
        {can('withdraw') && (
          <Button
            icon={<RollbackOutlined />}
            loading={busy === 'withdraw'}
            onClick={() => setConfirming('withdraw')}
            data-testid="workflow-withdraw"
          >
            {t('workflow.action.withdraw')}
          </Button>
        )}
        {reviewable && (
          <Button
            icon={<AuditOutlined />}
            onClick={() => navigate(`/review/${state.tableId}`)}
            data-testid="workflow-review"
          >
            {t('review.open')}
          </Button>
        )}
        {can('publish') && (
          <Button
            icon={<GlobalOutlined />}
            loading={busy === 'publish'}
            onClick={() => setConfirming('publish')}
            data-testid="workflow-publish"
          >
            {t('workflow.action.publish')}
          </Button>
        )}
        {can('adjust') && (
          <Button
            icon={<EditOutlined />}
            onClick={() => setConfirming('adjust')}
            data-testid="workflow-adjust"
          >
            {t('workflow.action.adjust')}
          </Button>
        )}
        {can('unpublish') && (
          <Button
            danger
            icon={<StopOutlined />}
            onClick={() => setConfirming('unpublish')}
            data-testid="workflow-unpublish"
          >
            {t('workflow.action.unpublish')}
          </Button>
        )}
      </Space>
      <Modal
        open={confirming !== null}
        title={confirming ? t(confirmTitles[confirming]) : null}
        okText={confirming ? t(`workflow.action.${confirming}`) : t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{
          disabled: confirming !== null && needsReason(confirming) && reason.trim() === '',
          danger: confirming === 'unpublish',
          loading: busy !== null,
        }}
        onOk={() =>
          confirming && void fire(confirming, needsReason(confirming) ? { reason: reason.trim() } : {})
        }
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        <div data-testid="workflow-confirm" data-action={confirming ?? undefined}>
          {(confirming === 'submit' || confirming === 'publish') && table && (
            <TransitionSummary table={table} />
          )}
          {confirming && <p className="muted">{t(confirmHints[confirming])}</p>}
          {confirming && needsReason(confirming) && (
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t(confirming === 'unpublish' ? 'workflow.unpublishReason' : 'workflow.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid={confirming === 'adjust' ? 'adjust-reason' : 'workflow-reason'}
            />
          )}
        </div>
      </Modal>
    </div>
  );
}

type ConfirmedAction = Extract<WorkflowAction, 'submit' | 'withdraw' | 'publish' | 'adjust' | 'unpublish'>;
const needsReason = (action: ConfirmedAction) => action === 'adjust' || action === 'unpublish';
const confirmTitles = {
  submit: 'workflow.submitConfirmTitle',
  withdraw: 'workflow.withdrawConfirmTitle',
  publish: 'workflow.publishConfirmTitle',
  adjust: 'workflow.action.adjust',
  unpublish: 'workflow.action.unpublish',
} as const satisfies Record<ConfirmedAction, MessageKey>;
const confirmHints = {
  submit: 'workflow.submitConfirmBody',
  withdraw: 'workflow.withdrawHint',
  publish: 'workflow.publishConfirmBody',
  adjust: 'workflow.reasonHint',
  unpublish: 'workflow.unpublishHint',
} as const satisfies Record<ConfirmedAction, MessageKey>;

/**
 * What is about to leave the author's hands or go public: the project, unit and year, the budget, the
 * number of indicators and what the automatic review (the built-in rules of the table's framework) says.
 */
export function TransitionSummary({ table }: { table: PerformanceTable }) {
  const { t } = useI18n();
  const counts = useMemo(() => countBySeverity(reviewTable(table, ruleSetFor(table))), [table]);
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginBottom: 12 }}
      data-testid="transition-summary"
    >
      <Descriptions.Item label={t('workflow.summary.table')}>{table.name}</Descriptions.Item>
      <Descriptions.Item label={t('workflow.summary.unit')}>
        {table.unit} · {table.year}
      </Descriptions.Item>
      <Descriptions.Item label={t('workflow.summary.budget')}>
        <MoneyText amount={table.budget.currentYear} />
      </Descriptions.Item>
      <Descriptions.Item label={t('workflow.summary.indicators')}>
        {t('workflow.summary.indicatorCount', { n: table.indicators.length })}
      </Descriptions.Item>
      <Descriptions.Item label={t('workflow.summary.findings')}>
        <span data-testid="summary-findings" data-errors={counts.error}>
          {t('workflow.summary.findingCounts', counts)}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}
