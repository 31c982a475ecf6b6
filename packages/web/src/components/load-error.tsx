import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import type { ApiError } from '../api/api-client.ts';
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
}: {
  error: ApiError;
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
      description={t('error.loadFailed')}
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
