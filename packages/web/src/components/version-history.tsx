import type { FieldChange, TableDiff } from '@jixiao/core/tables/table-diff';
import { Alert, Empty, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
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
  // Under the table's key in the shared cache: a save (a write to the table) lists the new version.
  const listed = useLoad([...queryKeys.table(tableId), 'versions'], () =>
    api.listVersions(tableId).then((list) => ({
      tableId,
      versions: [...list].sort((a, b) => b.version - a.version),
    })),
  );
  const versions = listed.data?.tableId === tableId ? listed.data.versions : null;
  // The two compared: the user's choice, until a newer version arrives; then the newest two again.
  const newest = versions?.[0]?.version ?? null;
  const [chosen, setChosen] = useState<{ newest: number | null; from: number | null; to: number | null }>();
  const pair =
    chosen?.newest === newest ? chosen : { newest, from: versions?.[1]?.version ?? null, to: newest };
  const { from, to } = pair;
  const choose = (change: { from?: number | null; to?: number | null }) => setChosen({ ...pair, ...change });
  const compared = useLoad(
    [...queryKeys.table(tableId), 'diff', from, to],
    () => api.diff(tableId, from ?? 0, to ?? 0),
    { enabled: from !== null && to !== null && from !== to },
  );
  const diff = from !== null && to !== null && from !== to ? compared.data : null;
  const failure = listed.error ?? compared.error;
  const error = failure ? pick(failure.problem) : null;

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
            <Select
              size="small"
              style={{ width: 110 }}
              value={from}
              onChange={(v: number) => choose({ from: v })}
              options={options}
            />
            <span>→</span>
            <Select
              size="small"
              style={{ width: 110 }}
              value={to}
              onChange={(v: number) => choose({ to: v })}
              options={options}
            />
          </Space>
          {diff && <DiffView diff={diff} />}
        </div>
      )}
    </div>
  );
}
