import { CommentOutlined } from '@ant-design/icons';
import type { PlacedComment } from '@jixiao/core/review-records/review-record.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { Alert, Typography } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldMessageKey } from './field-labels.ts';

type Translate = ReturnType<typeof useI18n>['t'];

/** A human name for a comment's field path: `项目当年预算`, `指标 3「参与者满意度」· 指标目标值`. */
export function fieldLabel(path: string | null, table: PerformanceTable | null, t: Translate): string {
  if (!path) return t('workflow.wholeTable');
  const parts = path.split('.');
  if (parts[0] === 'indicators' && parts[1] !== undefined) {
    const index = Number(parts[1]);
    const name = table?.indicators[index]?.name;
    const row = `#${index + 1}${name ? `「${name}」` : ''}`;
    const key =
      parts[2] === 'name' ? 'field.indicatorName' : parts[2] ? fieldMessageKey(parts[2]) : undefined;
    return key ? `${row} · ${t(key)}` : row;
  }
  const key = fieldMessageKey(path);
  return key ? t(key) : path;
}

/**
 * A comment's field on the version shown, with a note when its indicator moved, changed since, or is
 * gone (a removed indicator's comment belongs to no row, so it names the indicator it was about).
 */
export function commentLabel(comment: PlacedComment, table: PerformanceTable | null, t: Translate): string {
  const { placement } = comment;
  const was = comment.indicator?.name ?? '';
  if (placement.status === 'removed') return t('review.comment.removed', { name: was });
  const label = fieldLabel(placement.path, table, t);
  if (placement.status === 'changed') return `${label}${t('review.comment.changed', { name: was })}`;
  if (placement.status === 'moved' && comment.indicatorIndex !== null) {
    return `${label}${t('review.comment.moved', { n: comment.indicatorIndex + 1 })}`;
  }
  return label;
}

/** Whether a comment on `commentPath` belongs at the field `path` (an indicator row collects its cells). */
export function commentIsAt(commentPath: string | null, path: string): boolean {
  return commentPath === path || (commentPath?.startsWith(`${path}.`) ?? false);
}

const ReviewCommentsContext = createContext<readonly PlacedComment[]>([]);

/** Makes the open review comments available to `FieldComments` anywhere in the form below. */
export function ReviewCommentsProvider({
  comments,
  children,
}: {
  comments: readonly PlacedComment[];
  children: ReactNode;
}) {
  return <ReviewCommentsContext.Provider value={comments}>{children}</ReviewCommentsContext.Provider>;
}

/**
 * The reviewers' comments on one field, shown in place under it (nothing when there are none). Comments
 * come from the prop, else from a surrounding `ReviewCommentsProvider`, and sit where they were placed
 * on the version shown: an indicator's comment follows its row.
 */
export function FieldComments({
  path,
  comments: given,
}: {
  path: string;
  comments?: readonly PlacedComment[];
}) {
  const { t } = useI18n();
  const all = useContext(ReviewCommentsContext);
  const comments = (given ?? all).filter((c) => commentIsAt(c.placement.path, path));
  if (comments.length === 0) return null;
  return (
    <div className="field-review-comments" data-testid="field-comment" data-field={path}>
      {comments.map((comment) => (
        <Typography.Text
          key={comment.id}
          type="warning"
          style={{ display: 'block', fontSize: 12 }}
          data-status={comment.placement.status}
        >
          <CommentOutlined /> {comment.text}
          {comment.authorName ? <span className="muted"> — {comment.authorName}</span> : null}
          {comment.placement.status === 'changed' ? (
            <span className="muted">
              {t('review.comment.changed', { name: comment.indicator?.name ?? '' })}
            </span>
          ) : null}
        </Typography.Text>
      ))}
    </div>
  );
}

/** Open comments shown with their fields; `onSelect` (if given) makes each field a link to its place. */
interface CommentListProps {
  comments: readonly PlacedComment[];
  table: PerformanceTable | null;
  onSelect?: (path: string | null) => void;
}

/**
 * The comments as a list, each with its field on the version shown; clicking one calls `onSelect` with
 * that path. A comment whose indicator was removed says so and links nowhere.
 */
export function ReviewCommentList({ comments, table, onSelect }: CommentListProps) {
  const { t } = useI18n();
  if (comments.length === 0) return null;
  return (
    <ul
      className="review-comment-list"
      data-testid="review-comment-list"
      style={{ margin: 0, paddingLeft: 18 }}
    >
      {comments.map((comment) => {
        const label = commentLabel(comment, table, t);
        const removed = comment.placement.status === 'removed';
        return (
          <li
            key={comment.id}
            data-testid="review-comment"
            data-status={comment.placement.status}
            data-field={comment.placement.path ?? ''}
          >
            {onSelect && !removed ? (
              <Typography.Link onClick={() => onSelect(comment.placement.path)}>{label}</Typography.Link>
            ) : (
              <strong className={removed ? 'muted' : undefined}>{label}</strong>
            )}
            ：{comment.text}
            {comment.authorName ? <span className="muted"> — {comment.authorName}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Open comments as a warning block at the top of the editor. */
export function OpenCommentsAlert({ comments, table, onSelect }: CommentListProps) {
  const { t } = useI18n();
  if (comments.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="open-comments"
      title={t('workflow.openComments', { n: comments.length })}
      description={
        <ReviewCommentList comments={comments} table={table} {...(onSelect ? { onSelect } : {})} />
      }
    />
  );
}
