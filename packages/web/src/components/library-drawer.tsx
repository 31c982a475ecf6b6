import { frameworks } from '@jixiao/core/frameworks/frameworks';
import { type AddFromLibraryResult, addFromLibrary, entryKey } from '@jixiao/core/library/indicator-library';
import type { LibraryEntry } from '@jixiao/core/library/indicator-library.schema';
import type { Indicator } from '@jixiao/core/tables/table.schema';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import { Alert, Button, Drawer, Input, Select, Space, Table, type TableProps, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { libraryApi } from '../api/indicator-library.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ParsedTarget } from './indicator-grid.tsx';

// Loaded lazily by the table editor (its own chunk): most editing sessions never open the library.

const sourceColor: Record<LibraryEntry['source'], string> = {
  builtin: 'blue',
  stored: 'green',
  common: 'gold',
};

/** An entry's source as a tag; 常用 entries and entries used by published tables say how many. */
export function LibrarySourceTag({ entry }: { entry: LibraryEntry }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={sourceColor[entry.source]} bordered={false} data-testid="library-source">
      {t(`library.source.${entry.source}`)}
      {entry.usedBy > 0 ? ` ×${entry.usedBy}` : ''}
    </Tag>
  );
  return entry.usedBy > 0 ? <Tooltip title={t('library.usedBy', { n: entry.usedBy })}>{tag}</Tooltip> : tag;
}

/** The suggested target as typed, and what the target grammar reads from it. */
export function SuggestedTarget({ entry }: { entry: LibraryEntry }) {
  if (!entry.suggestedTarget) return <span className="muted">—</span>;
  return (
    <Space size={4} wrap>
      <code>{entry.suggestedTarget}</code>
      <ParsedTarget
        target={parseTarget(entry.suggestedTarget, { expectDate: nameSuggestsDate(entry.name) })}
      />
    </Space>
  );
}

/**
 * The entries a library search found (a page of 50), or why it failed: the editor's drawer and the
 * administrators' page list them alike, each with its own columns and table options.
 */
export function LibraryResults({
  items,
  error,
  ...table
}: { items: LibraryEntry[] | null; error: string | null } & Omit<
  TableProps<LibraryEntry>,
  'dataSource' | 'loading'
>) {
  const { t } = useI18n();
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<LibraryEntry>
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('library.empty') }}
        {...table}
      />
    </>
  );
}

/** Waits until typing pauses, so a search is not sent per keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

interface LibraryDrawerProps {
  open: boolean;
  /** The framework the table follows: the filter starts there. */
  frameworkId: string;
  /** The table's indicators and year, which the picked entries are added to. */
  indicators: Indicator[];
  year: number;
  /** The table's current-year budget (yuan): a cost entry without a figure takes it as its ceiling. */
  budgetYuan?: number | null | undefined;
  onClose: () => void;
  onAdd: (result: AddFromLibraryResult) => void;
}

/**
 * 从指标库添加: search with framework and level filters, tick one or more entries and add them; the
 * editor places them under their levels with the suggested target, then they are edited as usual.
 */
export default function LibraryDrawer({
  open,
  frameworkId: initialFramework,
  indicators,
  year,
  budgetYuan,
  onClose,
  onAdd,
}: LibraryDrawerProps) {
  const { t, pick } = useI18n();
  const [q, setQ] = useState('');
  const [frameworkId, setFrameworkId] = useState(initialFramework);
  const [level1, setLevel1] = useState('');
  const [level2, setLevel2] = useState('');
  const [selected, setSelected] = useState<LibraryEntry[]>([]);
  const query = useDebounced(q, 250);
  const framework = frameworks.get(frameworkId);
  const level1Options = framework?.level1 ?? [];
  const level2Options = level1Options.find((c) => c.name === level1)?.level2 ?? [];

  // Mounted on the first opening and kept while closed, when its filters do not change.
  const list = useLoad(queryKeys.library({ q: query, frameworkId, level1, level2 }), () =>
    libraryApi.search({ q: query, frameworkId, level1, level2 }),
  );
  const items = list.data?.items ?? null;
  // The table's own indicators as library keys: an entry the table already has is marked and not
  // ticked again (adding it would be skipped anyway).
  const inTable = useMemo(
    () => new Set(indicators.map((indicator) => entryKey(frameworkId, indicator))),
    [indicators, frameworkId],
  );
  const error = list.error ? pick(list.error.problem) : null;

  const columns = useMemo<TableProps<LibraryEntry>['columns']>(
    () => [
      {
        title: t('library.name'),
        dataIndex: 'name',
        render: (_: unknown, entry) => {
          // The definition on hover: the list stays one line per indicator.
          const note = pick({ zh: entry.noteZh ?? '', en: entry.noteEn ?? entry.noteZh ?? '' });
          const name = <strong data-testid="library-name">{entry.name}</strong>;
          return note ? (
            <Tooltip title={note}>
              <span style={{ borderBottom: '1px dotted #8c8c8c', cursor: 'help' }}>{name}</span>
            </Tooltip>
          ) : (
            name
          );
        },
      },
      {
        title: t('library.levels'),
        key: 'levels',
        render: (_: unknown, entry) => `${entry.level1} / ${entry.level2}`,
      },
      {
        title: t('library.target'),
        key: 'target',
        render: (_: unknown, entry) => <SuggestedTarget entry={entry} />,
      },
      {
        title: t('library.source'),
        key: 'source',
        render: (_: unknown, entry) => (
          <Space size={4} wrap>
            <LibrarySourceTag entry={entry} />
            {inTable.has(entryKey(entry.frameworkId, entry)) && (
              <Tag bordered={false} data-testid="library-in-table">
                {t('library.inTable')}
              </Tag>
            )}
          </Space>
        ),
      },
    ],
    [t, pick, inTable],
  );

  return (
    <Drawer
      title={t('library.title')}
      open={open}
      onClose={onClose}
      size={1000}
      data-testid="library-drawer"
      extra={
        <Button
          type="primary"
          disabled={selected.length === 0}
          onClick={() => {
            onAdd(addFromLibrary(indicators, selected, { year, budgetYuan }));
            setSelected([]);
          }}
          data-testid="library-add-selected"
        >
          {t('library.addSelected', { n: selected.length })}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('library.search')}
          aria-label={t('library.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="library-search"
        />
        <Select
          style={{ minWidth: 240 }}
          aria-label={t('library.framework')}
          value={frameworkId}
          onChange={(id: string) => {
            setFrameworkId(id);
            setLevel1('');
            setLevel2('');
          }}
          options={[...frameworks.values()].map((f) => ({ value: f.id, label: pick(f) }))}
          data-testid="library-framework"
        />
        <Select
          style={{ minWidth: 130 }}
          aria-label={t('library.level1')}
          value={level1}
          onChange={(v: string) => {
            setLevel1(v);
            setLevel2('');
          }}
          options={[
            { value: '', label: `${t('library.level1')}：${t('library.allLevels')}` },
            ...level1Options.map((c) => ({ value: c.name, label: c.name })),
          ]}
          data-testid="library-level1"
        />
        <Select
          style={{ minWidth: 130 }}
          aria-label={t('library.level2')}
          value={level2}
          disabled={level1 === ''}
          onChange={(v: string) => setLevel2(v)}
          options={[
            { value: '', label: `${t('library.level2')}：${t('library.allLevels')}` },
            ...level2Options.map((c) => ({ value: c.name, label: c.name })),
          ]}
          data-testid="library-level2"
        />
      </Space>
      <LibraryResults
        items={items}
        error={error}
        columns={columns}
        rowSelection={{
          selectedRowKeys: selected.map((e) => e.id),
          preserveSelectedRowKeys: true,
          onChange: (_keys, rows) => setSelected(rows.filter((r): r is LibraryEntry => r !== undefined)),
          getCheckboxProps: (entry) =>
            ({
              'aria-label': entry.name,
              disabled: inTable.has(entryKey(entry.frameworkId, entry)),
            }) as never,
        }}
        data-testid="library-results"
      />
    </Drawer>
  );
}
