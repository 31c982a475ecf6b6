import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  evidenceAccept,
  evidenceMaxBytes,
  evidenceMaxFiles,
} from '@jixiao/core/rectification/evidence-files.limits';
import type {
  BudgetLinkage,
  LinkageDecisionInput,
  RectificationTask,
} from '@jixiao/core/rectification/rectification.schema';
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useState } from 'react';
import { saveFile } from '../api/api-client.ts';
import { rectificationApi } from '../api/rectification.api.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { LoadError, useShowFailure } from './load-error.tsx';

const statusColor: Record<RectificationTask['status'], string> = {
  open: 'red',
  answered: 'orange',
  closed: 'green',
};

/** One task: the problem, its deadline and status, the unit's measures; the form its user may fill. */
function TaskItem({
  task,
  author,
  reviewer,
  onChanged,
}: {
  task: RectificationTask;
  author: boolean;
  reviewer: boolean;
  onChanged: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const [measures, setMeasures] = useState('');
  const [note, setNote] = useState('');
  const run = async (work: () => Promise<unknown>, done: MessageKey) => {
    try {
      await work();
      message.success(t(done));
      onChanged();
    } catch (e) {
      showFailure(e);
    }
  };
  return (
    <List.Item data-testid="rectification-task" data-status={task.status}>
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space wrap size={4}>
          <Tag color={statusColor[task.status]}>{t(`rect.status.${task.status}`)}</Tag>
          <Tag bordered={false}>{t(`rect.source.${task.source}`)}</Tag>
          <span className="muted">{t('rect.due', { date: task.deadline })}</span>
        </Space>
        <span>{pick(task)}</span>
        {task.measures && (
          <span data-testid="rectification-measures">
            <Typography.Text strong>{t('rect.measures')}：</Typography.Text>
            {task.measures}
          </span>
        )}
        <EvidenceFiles task={task} editable={author && task.status !== 'closed'} onChanged={onChanged} />
        {task.returnNote && task.status !== 'closed' && (
          <span data-testid="rectification-return-note">
            <Typography.Text type="warning">{t('rect.returnNote')}：</Typography.Text>
            {task.returnNote}
          </span>
        )}
        {task.closeNote && <span className="muted">{task.closeNote}</span>}
        {author && task.status !== 'closed' && (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={t('rect.measures')}
              value={measures}
              onChange={(e) => setMeasures(e.target.value)}
              data-testid="rectification-measures-input"
            />
            <Button
              type="primary"
              disabled={measures.trim() === ''}
              onClick={() =>
                run(
                  () => rectificationApi.answer(task.tableId, task.id, measures.trim(), null),
                  'rect.answered',
                )
              }
              data-testid="rectification-answer"
            >
              {t('rect.answer')}
            </Button>
          </Space.Compact>
        )}
        {reviewer && task.status === 'answered' && (
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={t('rect.closeNote')} value={note} onChange={(e) => setNote(e.target.value)} />
            <Button
              onClick={() =>
                run(() => rectificationApi.close(task.tableId, task.id, note.trim() || null), 'rect.closed')
              }
              data-testid="rectification-close"
            >
              {t('rect.close')}
            </Button>
            <Button
              danger
              disabled={note.trim() === ''}
              title={t('rect.sendBackHint')}
              onClick={() =>
                run(() => rectificationApi.sendBack(task.tableId, task.id, note.trim()), 'rect.sentBack')
              }
              data-testid="rectification-return"
            >
              {t('rect.sendBack')}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </List.Item>
  );
}

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/**
 * 佐证材料 of a task: its files, each a download (the reviewer's way to see them); while the task is open to the
 * unit, an upload (PDF, images, Office; the size checked here for a quick answer, the kind by the server from
 * the bytes) and a remove per file.
 */
function EvidenceFiles({
  task,
  editable,
  onChanged,
}: {
  task: RectificationTask;
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const failed = useShowFailure();
  const download = async (fileId: string, name: string) => {
    try {
      saveFile(await rectificationApi.evidenceFile(task.tableId, task.id, fileId), name);
    } catch (e) {
      failed(e);
    }
  };
  const upload = async (file: File) => {
    if (file.size > evidenceMaxBytes) {
      message.error(t('rect.fileTooLarge', { name: file.name, max: sizeText(evidenceMaxBytes) }));
      return;
    }
    setBusy(true);
    try {
      await rectificationApi.addEvidence(task.tableId, task.id, file);
      message.success(t('rect.fileAdded', { name: file.name }));
      onChanged();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (fileId: string) => {
    try {
      await rectificationApi.removeEvidence(task.tableId, task.id, fileId);
      onChanged();
    } catch (e) {
      failed(e);
    }
  };
  if (task.files.length === 0 && !editable) return null;
  return (
    <div data-testid="rectification-evidence">
      <Typography.Text strong>{t('rect.evidence')}：</Typography.Text>
      {task.files.length === 0 ? <span className="muted">{t('rect.noFiles')}</span> : null}
      {task.files.map((file) => (
        <span key={file.id} className="evidence-file">
          <Button
            type="link"
            size="small"
            className="evidence-file-name"
            icon={<PaperClipOutlined />}
            onClick={() => download(file.id, file.name)}
            data-testid="rectification-file"
          >
            {file.name}
          </Button>
          <span className="muted">{sizeText(file.size)}</span>
          {editable ? (
            <Popconfirm
              title={t('rect.removeFileConfirm', { name: file.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(file.id)}
            >
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('rect.removeFile', { name: file.name })}
                data-testid="rectification-file-remove"
              />
            </Popconfirm>
          ) : null}
        </span>
      ))}
      {editable && task.files.length < evidenceMaxFiles ? (
        <div>
          <Upload
            accept={evidenceAccept}
            showUploadList={false}
            // The request is ours (the API client: CSRF, problem+json); antd only picks the file.
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="rectification-upload">
              {t('rect.addFile')}
            </Button>
          </Upload>
          <span className="muted" style={{ marginLeft: 8 }}>
            {t('rect.fileHint', { max: sizeText(evidenceMaxBytes), n: evidenceMaxFiles })}
          </span>
        </div>
      ) : null}
    </div>
  );
}

/**
 * 整改任务 of a table: reviewers open them (one per problem of the scored self-evaluation, or of the
 * monitoring report of `monitoringMonth`: red lights, targets marked 完全不可能; with a deadline) and close
 * answered ones, the unit's authors answer with measures. Every task of the table is listed, whatever
 * opened it. The server checks each action again.
 */
export function RectificationPanel({
  tableId,
  author,
  reviewer,
  monitoringMonth,
}: {
  tableId: string;
  author: boolean;
  reviewer: boolean;
  monitoringMonth?: number;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const load = useCallback(() => rectificationApi.ofTable(tableId), [tableId]);
  // Under the table's key: any write to the table (its tasks included) marks it stale.
  const { data, error, reload } = useLoad(['table', tableId, 'rectifications'], load);
  const [deadline, setDeadline] = useState(() => `${new Date().getFullYear()}-12-31`);
  const open = async () => {
    try {
      const opened = await rectificationApi.open(
        tableId,
        deadline,
        monitoringMonth === undefined ? undefined : { monitoring: monitoringMonth },
      );
      message.success(t('rect.opened', { n: opened.items.length }));
      reload();
    } catch (e) {
      showFailure(e);
    }
  };
  return (
    <Card
      size="small"
      title={t('rect.title')}
      data-testid="rectification-panel"
      extra={
        reviewer ? (
          <Space.Compact>
            <Input
              aria-label={t('rect.deadline')}
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              style={{ width: 120 }}
              data-testid="rectification-deadline"
            />
            <Button onClick={open} data-testid="rectification-open">
              {t(monitoringMonth === undefined ? 'rect.open' : 'rect.openFromMonitoring')}
            </Button>
          </Space.Compact>
        ) : null
      }
    >
      {error ? (
        // Not "no tasks": the list could not be read.
        <LoadError error={error} onRetry={reload} />
      ) : data && data.items.length > 0 ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(task) => (
            <TaskItem key={task.id} task={task} author={author} reviewer={reviewer} onChanged={reload} />
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rect.none')} />
      )}
    </Card>
  );
}

const decisions: LinkageDecisionInput['decision'][] = [
  'priority',
  'keep',
  'reduce',
  'reduce_or_stop',
  'stop',
];

/** 结果应用 on next year's review: last year's grade, open tasks, the suggestion, and the decision. */
export function LinkagePanel({ tableId, canDecide }: { tableId: string; canDecide: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const load = useCallback(() => rectificationApi.linkage(tableId), [tableId]);
  const { data, error, reload } = useLoad<BudgetLinkage>(['table', tableId, 'linkage'], load);
  const [decision, setDecision] = useState<LinkageDecisionInput['decision'] | null>(null);
  const [reason, setReason] = useState('');
  // Unread, the card cannot know whether last year's results apply: it says so instead of vanishing.
  if (error)
    return (
      <Card size="small" title={t('linkage.title')} style={{ marginBottom: 12 }} data-testid="linkage-panel">
        <LoadError error={error} onRetry={reload} />
      </Card>
    );
  if (!data?.previous) return null;
  const suggestion = data.suggestion;
  const save = async () => {
    const chosen = decision ?? suggestion?.kind ?? 'keep';
    try {
      await rectificationApi.decide(tableId, { decision: chosen, reason: reason.trim() });
      message.success(t('linkage.saved'));
      reload();
    } catch (e) {
      showFailure(e);
    }
  };
  return (
    <Card size="small" title={t('linkage.title')} style={{ marginBottom: 12 }} data-testid="linkage-panel">
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <span data-testid="linkage-previous">
          {t('linkage.previous', {
            year: data.previous.year,
            grade: data.previous.grade,
            total: data.previous.total,
          })}
          {' · '}
          {t('linkage.openTasks', { n: data.openTasks.length })}
        </span>
        {data.openTasks.map((task) => (
          <span key={task.id} className="muted">
            · {pick(task)}
          </span>
        ))}
        {suggestion && (
          <span data-testid="linkage-suggestion">
            <Typography.Text strong>{t('linkage.suggestion')}</Typography.Text>
            {pick(suggestion)}
          </span>
        )}
        {data.decision && (
          <Tag color="blue" data-testid="linkage-decision">
            {t('linkage.recorded', {
              decision: t(`linkage.kind.${data.decision.decision}` as MessageKey),
              reason: data.decision.reason,
            })}
          </Tag>
        )}
        {canDecide && (
          <Space.Compact style={{ width: '100%' }}>
            <Select
              aria-label={t('linkage.decision')}
              style={{ width: 160 }}
              value={decision ?? suggestion?.kind ?? 'keep'}
              onChange={setDecision}
              options={decisions.map((d) => ({ value: d, label: t(`linkage.kind.${d}` as MessageKey) }))}
              data-testid="linkage-choice"
            />
            <Input
              placeholder={t('linkage.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="linkage-reason"
            />
            <Button type="primary" disabled={reason.trim() === ''} onClick={save} data-testid="linkage-save">
              {t('linkage.save')}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </Card>
  );
}
