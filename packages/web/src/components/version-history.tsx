import type { FieldChange, TableDiff } from '@jixiao/core/tables/table-diff';
import type { TableVersionSummary } from '@jixiao/core/tables/table-record.schema';
import { Alert, Empty, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';
import { fieldMessageKey } from './field-labels.ts';
import { StatusTag } from './status-tag.tsx';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object' && value !== null && 'raw' in value)
    return String((value as { raw: unknown }).raw);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ChangeLine({ change, label }: { change: FieldChange; label: string }) {
  return (
    <div className="diff-line">
      <span className="diff-field">{label}</span>
      <del className="diff-before">{show(change.before)}</del>
      <span className="muted">→</span>
      <ins className="diff-after">{show(change.after)}</ins>
    </div>
  );
}

/** What changed between two saved versions, read from the API's structural diff. */
export function DiffView({ diff }: { diff: TableDiff }) {
  const { t } = useI18n();
  const label = (path: string) => {
    const key = fieldMessageKey(path);
    return key ? t(key) : path;
  };
  if (diff.changeCount === 0) return <Alert type="info" showIcon title={t('diff.none')} />;
  const { added, removed, changed, reordered } = diff.indicators;
  return (
    <div className="diff-view" data-testid="diff-view">
      {[...diff.header, ...diff.narrative, ...diff.budget].map((change) => (
        <ChangeLine key={change.path} change={change} label={label(change.path)} />
      ))}
      {changed.map((c) => (
        <div key={`c${c.toIndex}`} className="diff-indicator">
          <Tag color="blue">{t('diff.changed')}</Tag>
          <strong>{c.after.name}</strong>
          {c.changes.map((change) => (
            <ChangeLine
              key={change.path}
              change={change}
              label={label(change.path.split('.').at(-1) ?? '')}
            />
          ))}
        </div>
      ))}
      {added.map((a) => (
        <div key={`a${a.index}`} className="diff-indicator">
          <Tag color="green">{t('diff.added')}</Tag>
          {a.indicator.level1} / {a.indicator.level2} / <strong>{a.indicator.name}</strong>{' '}
          {a.indicator.target.raw}
        </div>
      ))}
      {removed.map((r) => (
        <div key={`r${r.index}`} className="diff-indicator">
          <Tag color="red">{t('diff.removed')}</Tag>
          <del>
            {r.indicator.name} {r.indicator.target.raw}
          </del>
        </div>
      ))}
      {reordered && <Tag>{t('diff.reordered')}</Tag>}
    </div>
  );
}

/** The saved versions of a table, newest first, and a comparison of any two. */
export function VersionHistory({ tableId, currentVersion }: { tableId: string; currentVersion: number }) {
  const { t, pick, locale } = useI18n();
  const [versions, setVersions] = useState<TableVersionSummary[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<TableDiff | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: currentVersion changes after a save: reload the list
  useEffect(() => {
    let live = true;
    api
      .listVersions(tableId)
      .then((list) => {
        if (!live) return;
        const sorted = [...list].sort((a, b) => b.version - a.version);
        setVersions(sorted);
        setTo(sorted[0]?.version ?? null);
        setFrom(sorted[1]?.version ?? null);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? pick(e.problem) : t('error.unknown')));
    return () => {
      live = false;
    };
  }, [tableId, currentVersion, pick, t]);

  useEffect(() => {
    if (from === null || to === null || from === to) {
      setDiff(null);
      return;
    }
    let live = true;
    api
      .diff(tableId, from, to)
      .then((d) => live && setDiff(d))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? pick(e.problem) : t('error.unknown')));
    return () => {
      live = false;
    };
  }, [tableId, from, to, pick, t]);

  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!versions) return <Spin />;
  if (versions.length === 0) return <Empty description={t('versions.empty')} />;
  const options = versions.map((v) => ({ value: v.version, label: t('editor.version', { v: v.version }) }));
  return (
    <div data-testid="version-history">
      <List
        size="small"
        dataSource={versions}
        renderItem={(v) => (
          <List.Item>
            <Space wrap>
              <strong>{t('editor.version', { v: v.version })}</strong>
              {v.version === currentVersion && <Tag color="blue">{t('versions.current')}</Tag>}
              <StatusTag status={v.status} />
              <span className="muted">{formatDateTime(v.savedAt, locale)}</span>
              {/* A bare user id tells a reader nothing; names come with the audit view. */}
              {v.savedBy && !uuidPattern.test(v.savedBy) && <span className="muted">{v.savedBy}</span>}
              {v.reason && <Typography.Text type="secondary">“{v.reason}”</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {versions.length > 1 && (
        <div className="diff-panel">
          <Space wrap style={{ marginBottom: 8 }}>
            <span>{t('versions.compare')}</span>
            <Select size="small" style={{ width: 110 }} value={from} onChange={setFrom} options={options} />
            <span>→</span>
            <Select size="small" style={{ width: 110 }} value={to} onChange={setTo} options={options} />
          </Space>
          {diff && <DiffView diff={diff} />}
        </div>
      )}
    </div>
  );
}
