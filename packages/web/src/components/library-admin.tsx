import { frameworks } from '@jixiao/core/frameworks/frameworks';
import type { LibraryEntry, LibraryEntryFields } from '@jixiao/core/library/indicator-library.schema';
import { App, Button, Form, Input, Modal, Select, Space, Switch, type TableProps, Tag, Tooltip } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { ApiError, toApiError } from '../api/api-client.ts';
import { libraryApi } from '../api/indicator-library.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LibraryResults, LibrarySourceTag, SuggestedTarget } from './library-drawer.tsx';

type Draft = LibraryEntryFields;

function blank(frameworkId: string): Draft {
  return {
    frameworkId,
    level1: '',
    level2: '',
    name: '',
    suggestedTarget: null,
    direction: null,
    noteZh: null,
    noteEn: null,
    tags: [],
    active: true,
  };
}

function fieldsOf(entry: LibraryEntry): Draft {
  const { id: _id, source: _source, usedBy: _usedBy, updatedAt: _updatedAt, ...fields } = entry;
  return fields;
}

/** The entry form of an administrator: new or a stored entry; server problems shown at their field. */
function EntryForm({
  initial,
  id,
  onClose,
  onSaved,
}: {
  initial: Draft;
  id: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const framework = frameworks.get(draft.frameworkId);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const text = (key: 'level1' | 'level2' | 'name', label: string) => (
    <Form.Item label={label} required validateStatus={errors[key] ? 'error' : undefined} help={errors[key]}>
      <Input
        aria-label={label}
        value={draft[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        data-testid={`library-form-${key}`}
      />
    </Form.Item>
  );

  const save = async () => {
    const missing: Record<string, string> = {};
    for (const [key, label] of [
      ['level1', t('library.level1')],
      ['level2', t('library.level2')],
      ['name', t('library.name')],
    ] as const)
      if (draft[key].trim() === '') missing[key] = t('library.required', { field: label });
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    try {
      if (id) await libraryApi.update(id, draft);
      else await libraryApi.create(draft);
      message.success(t('library.saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        message.error(pick(toApiError(e).problem));
        return;
      }
      const byPath: Record<string, string> = {};
      for (const issue of e.problem.issues ?? []) byPath[issue.path] = pick(issue);
      if (e.problem.path) byPath[e.problem.path] = pick(e.problem);
      setErrors(byPath);
      message.error(pick(e.problem));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={id ? t('library.editTitle') : t('library.newTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, 'data-testid': 'library-form-save' } as never}
      width={640}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('library.framework')}>
          <Select
            value={draft.frameworkId}
            onChange={(frameworkId: string) => set({ frameworkId })}
            options={[...frameworks.values()].map((f) => ({ value: f.id, label: pick(f) }))}
          />
        </Form.Item>
        <Space.Compact block>
          <div style={{ flex: 1 }}>{text('level1', t('library.level1'))}</div>
          <div style={{ flex: 1 }}>{text('level2', t('library.level2'))}</div>
        </Space.Compact>
        {framework && (
          <div className="muted" style={{ fontSize: 12, marginTop: -12, marginBottom: 12 }}>
            {framework.level1.map((c) => `${c.name}：${c.level2.map((l) => l.name).join('、')}`).join('；')}
          </div>
        )}
        {text('name', t('library.name'))}
        <Space wrap>
          <Form.Item label={t('library.target')}>
            <Input
              aria-label={t('library.target')}
              value={draft.suggestedTarget ?? ''}
              onChange={(e) => set({ suggestedTarget: e.target.value || null })}
              data-testid="library-form-target"
            />
          </Form.Item>
          <Form.Item label={t('library.direction')}>
            <Select
              style={{ width: 100 }}
              value={draft.direction ?? ''}
              onChange={(v: string) => set({ direction: v === '正向' || v === '反向' ? v : null })}
              options={[
                { value: '', label: '—' },
                { value: '正向', label: t('direction.positive') },
                { value: '反向', label: t('direction.negative') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('library.active')}>
            <Switch checked={draft.active} onChange={(active) => set({ active })} />
          </Form.Item>
        </Space>
        <Form.Item label={t('library.tags')}>
          <Select
            mode="tags"
            value={draft.tags}
            onChange={(tags: string[]) => set({ tags })}
            tokenSeparators={[',', '，', ' ']}
          />
        </Form.Item>
        <Form.Item label={t('library.noteZh')}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={draft.noteZh ?? ''}
            onChange={(e) => set({ noteZh: e.target.value || null })}
          />
        </Form.Item>
        <Form.Item label={t('library.noteEn')}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={draft.noteEn ?? ''}
            onChange={(e) => set({ noteEn: e.target.value || null })}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The 指标库 tab of /rules: the whole library for everyone signed in (read-only), and for administrators
 * (library.manage) new entries, edits and switching entries off. Built-in and 常用 entries are not edited.
 */
export function LibraryAdmin() {
  const { t, pick } = useI18n();
  const session = useSession();
  const { message } = App.useApp();
  const manage = session.can('library.manage');
  const [q, setQ] = useState('');
  const [frameworkId, setFrameworkId] = useState('');
  const [editing, setEditing] = useState<{ id: string | null; initial: Draft } | null>(null);

  const list = useLoad(queryKeys.library({ q, frameworkId, includeInactive: manage, limit: 500 }), () =>
    libraryApi.search({ q, frameworkId, includeInactive: manage, limit: 500 }),
  );
  const load = list.reload;
  const items = list.data?.items ?? null;
  const error = list.error ? pick(list.error.problem) : null;

  const toggle = useCallback(
    async (entry: LibraryEntry) => {
      try {
        await libraryApi.update(entry.id, { ...fieldsOf(entry), active: !entry.active });
        message.success(t('library.saved'));
        void load();
      } catch (e) {
        message.error(pick(toApiError(e).problem));
      }
    },
    [load, message, pick, t],
  );

  const columns = useMemo<TableProps<LibraryEntry>['columns']>(
    () => [
      {
        title: t('library.framework'),
        dataIndex: 'frameworkId',
        render: (id: string) => {
          const f = frameworks.get(id);
          return f ? pick(f) : id;
        },
      },
      { title: t('library.levels'), key: 'levels', render: (_: unknown, e) => `${e.level1} / ${e.level2}` },
      { title: t('library.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
      { title: t('library.target'), key: 'target', render: (_: unknown, e) => <SuggestedTarget entry={e} /> },
      {
        title: t('library.source'),
        key: 'source',
        render: (_: unknown, e) => <LibrarySourceTag entry={e} />,
      },
      {
        title: t('library.status'),
        key: 'active',
        render: (_: unknown, e) =>
          e.active ? <Tag color="green">{t('library.active')}</Tag> : <Tag>{t('library.inactive')}</Tag>,
      },
      ...(manage
        ? [
            {
              title: t('library.actions'),
              key: 'actions',
              render: (_: unknown, e: LibraryEntry) =>
                e.source === 'stored' ? (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing({ id: e.id, initial: fieldsOf(e) })}
                    >
                      {t('library.edit')}
                    </Button>
                    <Button type="link" size="small" onClick={() => void toggle(e)}>
                      {e.active ? t('library.deactivate') : t('library.activate')}
                    </Button>
                  </Space>
                ) : (
                  // A built-in or 常用 entry is not edited in place: saved as the administrators' own entry it
                  // takes the other's place in the list (and, switched off, hides it).
                  <Tooltip title={t('library.overrideHint')}>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing({ id: null, initial: fieldsOf(e) })}
                      data-testid="library-override"
                    >
                      {t('library.override')}
                    </Button>
                  </Tooltip>
                ),
            },
          ]
        : []),
    ],
    [manage, pick, t, toggle],
  );

  return (
    <div data-testid="library-admin">
      <p className="muted">
        {t('library.intro')} {manage ? '' : t('library.readOnly')}
      </p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('library.search')}
          aria-label={t('library.search')}
          onSearch={setQ}
          data-testid="library-admin-search"
        />
        <Select
          style={{ minWidth: 260 }}
          aria-label={t('library.framework')}
          value={frameworkId}
          onChange={setFrameworkId}
          options={[
            { value: '', label: `${t('library.framework')}：${t('library.allLevels')}` },
            ...[...frameworks.values()].map((f) => ({ value: f.id, label: pick(f) })),
          ]}
        />
        {manage && (
          <Button
            type="primary"
            onClick={() => setEditing({ id: null, initial: blank(frameworkId || 'shanghai-2020') })}
            data-testid="library-new"
          >
            {t('library.new')}
          </Button>
        )}
      </Space>
      <LibraryResults items={items} error={error} columns={columns} />
      {editing && (
        <EntryForm
          initial={editing.initial}
          id={editing.id}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
