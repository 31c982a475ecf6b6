import { Alert, App, Button } from 'antd';
import { type CSSProperties, useCallback } from 'react';
import { type ApiError, toApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A read that failed, shown where its data would be (in the card or section it fills), in the reader's
 * language, with the server's reason and a retry: a failed read is never an empty section, a panel that
 * silently disappears or the previous answer passed off as the current one.
 */
export function LoadError({
  error,
  onRetry,
  style,
  testId = 'load-error',
  description,
}: {
  error: ApiError;
  /** What could not be read, when the place alone does not say it; else a general sentence. */
  description?: string;
  onRetry?: () => void;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={pick(error.problem)}
      description={description ?? t('error.loadFailed')}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      data-testid={testId}
      data-code={error.problem.code}
    />
  );
}

/**
 * Shows a failed write (or any failed action) as the app's error message, in the reader's language: the
 * server's problem, the unreachable server, or the page's own exception (toApiError) — never nothing.
 * Returns the ApiError, for a caller that also marks fields.
 */
export function useShowFailure(): (error: unknown) => ApiError {
  const { pick } = useI18n();
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      const failure = toApiError(error);
      message.error(
        <span data-testid="action-error" data-code={failure.problem.code}>
          {pick(failure.problem)}
        </span>,
      );
      return failure;
    },
    [message, pick],
  );
}
