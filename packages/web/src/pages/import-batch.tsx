import { FolderOpenOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, List, Progress, Space, Tag, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api, toApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  type BatchFile,
  type BatchStatus,
  batchCounts,
  batchExtensions,
  confirmationReason,
  confirmFailure,
  fileKey,
  mergeBatch,
} from '../lib/import-batch.ts';
import { validateTable } from '../lib/table-validation.ts';
import { readZip } from '../lib/zip-entries.ts';

const storageKey = 'jixiao.importBatch';

/** The batch kept from a visit before (a closed tab, a lost connection): files being read start again. */
function storedBatch(): BatchFile[] {
  try {
    const files = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as BatchFile[];
    return files.map((f) => (f.status === 'running' ? { ...f, status: 'pending', progress: 0 } : f));
  } catch {
    return [];
  }
}

const statusColor: Record<BatchStatus, string> = {
  pending: 'default',
  running: 'processing',
  imported: 'success',
  'needs-confirmation': 'warning',
  refused: 'error',
};

/**
 * 批量导入: a folder, several files or a .zip, read one file after another. Each file is
 * previewed and, when nothing needs a person, confirmed in one transaction (all or nothing); otherwise it
 * waits for confirmation on the import page, or is refused with the reason. The batch is kept in the
 * browser, so picking the same files again after an interruption skips those already done.
 */
export function BatchImport() {
  const { t, pick } = useI18n();
  const [files, setFiles] = useState<BatchFile[]>(storedBatch);
  const blobs = useRef(new Map<string, File>());
  const [running, setRunning] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);

  useEffect(() => {
    localStorage.setItem(storageKey, JSON.stringify(files));
  }, [files]);

  const update = (key: string, change: Partial<BatchFile>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));

  async function expand(picked: File[]): Promise<File[]> {
    const out: File[] = [];
    for (const file of picked) {
      if (/\.zip$/i.test(file.name)) {
        const entries = await readZip(new Uint8Array(await file.arrayBuffer()));
        for (const entry of entries) {
          if (batchExtensions.test(entry.name)) {
            out.push(new File([entry.bytes as BlobPart], entry.name, { lastModified: file.lastModified }));
          }
        }
      } else if (batchExtensions.test(file.name)) out.push(file);
    }
    return out;
  }

  async function choose(picked: File[]) {
    setPickError(null);
    let list: File[];
    try {
      list = await expand(picked);
    } catch (error) {
      setPickError(error instanceof Error ? error.message : String(error));
      return;
    }
    blobs.current = new Map(list.map((file) => [fileKey(file), file]));
    const entries: BatchFile[] = list.map((file) => ({
      key: fileKey(file),
      name: file.name,
      size: file.size,
      status: 'pending',
      progress: 0,
    }));
    const merged = mergeBatch(storedBatch(), entries);
    setFiles(merged);
    void run(merged);
  }

  async function importOne(entry: BatchFile, file: File): Promise<void> {
    update(entry.key, { status: 'running', progress: 0 });
    try {
      const preview = await api.importFile(file, {
        onProgress: ({ sent, total }) =>
          update(entry.key, { progress: total > 0 ? Math.round((sent / total) * 90) : 0 }),
      });
      const reason = confirmationReason(preview, (table) => validateTable(table).map((issue) => issue.path));
      if (reason) {
        update(entry.key, {
          status: 'needs-confirmation',
          progress: 100,
          importId: preview.importId,
          reason,
        });
        return;
      }
      try {
        const result = await api.confirmImport(preview.importId, preview.tables);
        update(entry.key, {
          status: 'imported',
          progress: 100,
          importId: preview.importId,
          tables: result.records.length,
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        update(entry.key, { progress: 100, importId: preview.importId, ...confirmFailure(error.problem) });
      }
    } catch (error) {
      const { zh, en } = toApiError(error).problem;
      const reason = { zh, en };
      update(entry.key, { status: 'refused', progress: 100, reason });
    }
  }

  async function run(list: BatchFile[]) {
    setRunning(true);
    try {
      for (const entry of list) {
        if (entry.status !== 'pending') continue;
        const file = blobs.current.get(entry.key);
        if (file) await importOne(entry, file);
      }
    } finally {
      setRunning(false);
    }
  }

  const counts = batchCounts(files);
  const done = files.length - counts.pending - counts.running;
  const waiting = files.some((f) => f.status === 'pending' && !blobs.current.has(f.key));
  return (
    <div data-testid="batch-import">
      <Upload.Dragger
        multiple
        accept=".txt,.text,.csv,.pdf,.docx,.doc,.xlsx,.xls,.json,.zip"
        showUploadList={false}
        disabled={running}
        beforeUpload={(file, fileList) => {
          // Called once per file: the whole selection is taken on the first.
          if (file === fileList[0]) void choose(fileList as unknown as File[]);
          return false;
        }}
        data-testid="batch-drop"
      >
        <p className="ant-upload-drag-icon">
          <FolderOpenOutlined />
        </p>
        <p className="ant-upload-text">{t('batch.drop')}</p>
        <p className="ant-upload-hint">{t('batch.dropHint')}</p>
      </Upload.Dragger>
      <Space style={{ marginTop: 8 }}>
        <Upload
          directory
          showUploadList={false}
          disabled={running}
          beforeUpload={(file, fileList) => {
            if (file === fileList[0]) void choose(fileList as unknown as File[]);
            return false;
          }}
        >
          <Button icon={<FolderOpenOutlined />} disabled={running}>
            {t('batch.folder')}
          </Button>
        </Upload>
        {waiting && !running && <span className="muted">{t('batch.resumeHint')}</span>}
        {files.length > 0 && !running && (
          <Button onClick={() => setFiles([])} data-testid="batch-clear">
            {t('batch.clear')}
          </Button>
        )}
      </Space>
      {pickError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={t('batch.zipError', { detail: pickError })}
        />
      )}
      {files.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <Progress
            percent={Math.round((done / files.length) * 100)}
            status={running ? 'active' : 'normal'}
            format={() => `${done} / ${files.length}`}
            data-testid="batch-progress"
          />
          <Space wrap style={{ margin: '8px 0' }} data-testid="batch-summary">
            <Tag color="success">{t('batch.imported', { n: counts.imported })}</Tag>
            <Tag color="warning">{t('batch.needsConfirmation', { n: counts['needs-confirmation'] })}</Tag>
            <Tag color="error">{t('batch.refused', { n: counts.refused })}</Tag>
            {counts.pending + counts.running > 0 && (
              <Tag icon={<PlayCircleOutlined />}>
                {t('batch.pending', { n: counts.pending + counts.running })}
              </Tag>
            )}
          </Space>
          <List
            size="small"
            bordered
            dataSource={files}
            data-testid="batch-files"
            renderItem={(file) => (
              <List.Item data-testid="batch-file" data-status={file.status}>
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color={statusColor[file.status]}>{t(`batch.status.${file.status}`)}</Tag>
                    <strong>{file.name}</strong>
                    {file.status === 'imported' && (
                      <span className="muted">{t('batch.tables', { n: file.tables ?? 0 })}</span>
                    )}
                    {file.status === 'needs-confirmation' && file.importId && (
                      <Link to={`/import?id=${file.importId}`}>{t('batch.confirm')}</Link>
                    )}
                  </Space>
                  {file.reason && <div className="muted batch-reason">{pick(file.reason)}</div>}
                  {file.status === 'running' && <Progress size="small" percent={file.progress} />}
                </div>
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}
