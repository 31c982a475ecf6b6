import { Button, Card, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { UploadProgress } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface ImportProgressProps {
  fileName: string;
  /** Bytes sent so far; null before the browser reports any. */
  progress: UploadProgress | null;
  /** When the upload started (Date.now()), for the time spent. */
  startedAt: number;
  onCancel: () => void;
}

/**
 * What an import is doing while the user waits: the upload's percentage while bytes go out, then, while
 * the server reads the file (a large PDF or workbook takes seconds, at most the server's time limit), a
 * running bar with the seconds spent; cancel stops waiting at any point.
 */
export function ImportProgress({ fileName, progress, startedAt, onCancel }: ImportProgressProps) {
  const { t } = useI18n();
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const sending = progress !== null && progress.sent < progress.total;
  const percent = progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  const seconds = Math.max(0, Math.round((now - startedAt) / 1000));
  return (
    <Card data-testid="import-progress">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="import-progress-text">
          {sending || progress === null
            ? t('import.uploading', { name: fileName, percent })
            : t('import.reading', { name: fileName, seconds })}
        </Typography.Text>
        {sending || progress === null ? (
          <Progress percent={percent} />
        ) : (
          // The server does not say how far it has read: a running bar, not a made-up percentage.
          <Progress percent={100} status="active" showInfo={false} />
        )}
        <Button onClick={onCancel} data-testid="import-cancel">
          {t('import.cancel')}
        </Button>
      </Space>
    </Card>
  );
}
