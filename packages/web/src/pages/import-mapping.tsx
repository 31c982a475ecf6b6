import { SaveOutlined } from '@ant-design/icons';
import {
  type CellSeparator,
  type ColumnMapping,
  type ColumnRole,
  columnRoleSchema,
} from '@jixiao/core/tables/column-mapping.schema';
import { detectSeparator, isCaptionRow, splitCells } from '@jixiao/core/tables/table-cells';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** The mapping being made: lines, separator (auto when null) and one role per column. */
export interface MappingDraft {
  line: number | null;
  endLine: number | null;
  separator: CellSeparator | null;
  roles: ColumnRole[];
}

export const emptyDraft: MappingDraft = { line: null, endLine: null, separator: null, roles: [] };

/** A draft complete enough to read with. */
export function draftMapping(draft: MappingDraft, kind?: ColumnMapping['kind']): ColumnMapping | null {
  if (draft.line === null || draft.endLine === null || draft.endLine < draft.line) return null;
  if (!draft.roles.some((role) => role === 'level3' || role === 'level2')) return null;
  return {
    region: { line: draft.line, endLine: draft.endLine },
    ...(draft.separator ? { separator: draft.separator } : {}),
    roles: draft.roles,
    ...(kind ? { kind } : {}),
  };
}

/** The cells of the chosen lines, as the columns to assign: the widest data row and a sample of each column. */
export function columnsOf(
  text: string,
  draft: MappingDraft,
  sourceCells?: readonly ({ cells: string[] } | null)[],
): { separator: CellSeparator; count: number; samples: string[] } {
  const lines = text.split(/\r\n|\r|\n/);
  if (draft.line === null || draft.endLine === null) return { separator: 'tab', count: 0, samples: [] };
  const chosen = lines.slice(draft.line - 1, draft.endLine);
  const separator = draft.separator ?? detectSeparator(chosen);
  // A workbook's range is read by its cells, column by column.
  const cellsOf = (line: string, k: number) =>
    sourceCells?.[(draft.line ?? 1) - 1 + k]?.cells.map((c) => c.trim()) ?? splitCells(line, separator);
  const rows = chosen.map(cellsOf).filter((cells) => cells.some((c) => c !== ''));
  let data = rows.filter((cells) => !isCaptionRow(cells));
  // A first line wider than every other is the table's caption row (in a script or with a label cell
  // the caption test does not know): the columns are those of the rows under it.
  const [first, ...rest] = data;
  if (first && rest.length > 0 && rest.every((cells) => cells.length < first.length)) data = rest;
  const count = Math.max(0, ...data.map((cells) => cells.length));
  const widest = data.find((cells) => cells.length === count) ?? [];
  return { separator, count, samples: widest };
}

/** Guesses roles for columns a person has not assigned yet: levels, name and target from the left. */
function defaultRoles(count: number): ColumnRole[] {
  const order: ColumnRole[] = ['level1', 'level2', 'level3', 'target'];
  return Array.from({ length: count }, (_, i) => order[i] ?? 'ignore');
}

/** The draft with a role for every column of the chosen lines (guessed until the user assigns them). */
export function withRoles(
  text: string,
  draft: MappingDraft,
  sourceCells?: readonly ({ cells: string[] } | null)[],
): MappingDraft {
  const { count } = columnsOf(text, draft, sourceCells);
  return draft.roles.length === count ? draft : { ...draft, roles: defaultRoles(count) };
}

/**
 * Column mapping: the user picks the table's first and last line (typed, or clicked in the
 * source beside it) and gives each column a role; the page re-reads the preview on every change.
 */
export function MappingPanel({
  sourceText,
  sourceCells,
  draft,
  onDraft,
  picking,
  onPicking,
  reading,
  rows,
  templateName,
  onTemplateName,
  onSaveTemplate,
  saving,
}: {
  sourceText: string;
  /** A workbook's lines as cells: the columns of a sheet range. */
  sourceCells?: readonly ({ cells: string[] } | null)[] | undefined;
  draft: MappingDraft;
  onDraft: (draft: MappingDraft) => void;
  picking: boolean;
  onPicking: (picking: boolean) => void;
  reading: boolean;
  /** Rows the last re-read found, or null before one. */
  rows: number | null;
  templateName: string;
  onTemplateName: (name: string) => void;
  onSaveTemplate: () => void;
  saving: boolean;
}) {
  const { t } = useI18n();
  const columns = useMemo(() => columnsOf(sourceText, draft, sourceCells), [sourceText, draft, sourceCells]);
  const roles = withRoles(sourceText, draft, sourceCells).roles;
  const setRole = (index: number, role: ColumnRole) =>
    onDraft({ ...draft, roles: roles.map((r, i) => (i === index ? role : r)) });
  const separators: CellSeparator[] = ['tab', 'pipe', 'spaces', 'space', 'comma'];
  return (
    <Card size="small" title={t('mapping.title')} style={{ marginBottom: 12 }} data-testid="mapping-panel">
      <div className="muted" style={{ marginBottom: 8 }}>
        {t('mapping.intro')}
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <span className="mini-label">{t('mapping.from')}</span>
        <InputNumber
          size="small"
          min={1}
          value={draft.line}
          onChange={(v) => onDraft({ ...draft, line: typeof v === 'number' ? v : null, roles: [] })}
          data-testid="mapping-from"
        />
        <span className="mini-label">{t('mapping.to')}</span>
        <InputNumber
          size="small"
          min={1}
          value={draft.endLine}
          onChange={(v) => onDraft({ ...draft, endLine: typeof v === 'number' ? v : null, roles: [] })}
          data-testid="mapping-to"
        />
        <Button
          size="small"
          type={picking ? 'primary' : 'default'}
          onClick={() => onPicking(!picking)}
          data-testid="mapping-pick"
        >
          {picking ? t('mapping.picking') : t('mapping.pick')}
        </Button>
        <span className="mini-label">{t('mapping.separator')}</span>
        <Select
          size="small"
          style={{ width: 150 }}
          value={draft.separator ?? 'auto'}
          onChange={(v: string) =>
            onDraft({ ...draft, separator: v === 'auto' ? null : (v as CellSeparator), roles: [] })
          }
          options={[
            {
              value: 'auto',
              label: t('mapping.separator.auto', { found: t(`mapping.separator.${columns.separator}`) }),
            },
            ...separators.map((s) => ({ value: s, label: t(`mapping.separator.${s}`) })),
          ]}
          data-testid="mapping-separator"
        />
      </Space>
      {columns.count > 0 && (
        <div className="mapping-columns" data-testid="mapping-columns">
          {roles.map((role, index) => (
            // Columns are positional: their number is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: positional
            <div className="mapping-column" key={index} data-testid="mapping-column">
              <Tag>{t('mapping.column', { n: index + 1 })}</Tag>
              <div className="mapping-sample" title={columns.samples[index]}>
                {columns.samples[index] || '—'}
              </div>
              <Select
                size="small"
                style={{ width: '100%' }}
                aria-label={t('mapping.column', { n: index + 1 })}
                value={role}
                onChange={(v: ColumnRole) => setRole(index, v)}
                // Thirteen roles: all listed at once, none hidden below a scroll.
                virtual={false}
                listHeight={400}
                options={columnRoleSchema.options.map((r) => ({ value: r, label: t(`mapping.role.${r}`) }))}
                data-testid="mapping-role"
              />
            </div>
          ))}
        </div>
      )}
      {rows !== null && (
        <Alert
          style={{ marginTop: 8 }}
          type={rows > 0 ? 'success' : 'warning'}
          showIcon
          title={reading ? t('mapping.reading') : t('mapping.rows', { n: rows })}
          data-testid="mapping-result"
        />
      )}
      <Space style={{ marginTop: 8 }} wrap>
        <Input
          size="small"
          style={{ width: 240 }}
          placeholder={t('mapping.templateName')}
          value={templateName}
          onChange={(e) => onTemplateName(e.target.value)}
          data-testid="template-name"
        />
        <Button
          size="small"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={!templateName.trim() || !rows}
          onClick={onSaveTemplate}
          data-testid="template-save"
        >
          {t('mapping.saveTemplate')}
        </Button>
      </Space>
    </Card>
  );
}
