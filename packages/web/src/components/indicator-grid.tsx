import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  BookOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { Indicator } from '@jixiao/core/tables/table.schema';
import type { Target } from '@jixiao/core/targets/target.schema';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import {
  Button,
  ConfigProvider,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
} from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { groupIndicators, moveIndicator, renameGroup } from '../lib/indicator-groups.ts';
import { missingCells } from '../lib/row-edits.ts';
import { AdoptedFromTag } from './adopted-from-tag.tsx';
import { FieldComments } from './review-comments.tsx';

interface IndicatorGridProps {
  indicators: Indicator[];
  onChange: (indicators: Indicator[]) => void;
  /** Messages by field path, e.g. `indicators.3.name`. */
  errors: Record<string, string>;
  /** Opens the indicator library (从指标库添加); no button when the table cannot be edited. */
  onAddFromLibrary?: (() => void) | undefined;
  /** Rows to check by path (`indicators.3`): the importer's guesses a person confirms in the preview. */
  notices?: Record<string, string>;
  /** The import preview: the row whose source lines are shown, told when a row is clicked or focused. */
  activeRow?: number | null;
  onRowFocus?: ((index: number) => void) | undefined;
  /** More buttons beside a row's own (split, merge in the import preview). */
  rowTools?: ((index: number) => ReactNode) | undefined;
  /** A note under a row's target: the editor's unit cost beside the similar projects' (元/人 …). */
  targetNote?: ((index: number) => ReactNode) | undefined;
  /** A self-evaluation: each row also shows its actual value, weight and score. */
  evaluation?: boolean;
  /** Marks the cells the reader left empty, so that a person fills or confirms them. */
  markMissing?: boolean;
  /**
   * A frozen or in-review table: rows are shown, but no add, remove or move buttons exist and every input
   * is disabled, so nothing can be typed that the server would refuse on save.
   */
  readOnly?: boolean;
}

const kindColor: Record<Target['kind'], string> = {
  quantitative: 'blue',
  qualitative: 'purple',
  date: 'cyan',
  period: 'cyan',
  placeholder: 'orange',
  missing: 'red',
};

/** What core's target grammar read from the typed text: kind, operator, value, unit. */
export function ParsedTarget({ target }: { target: Target }) {
  const { t } = useI18n();
  const parts: string[] = [];
  if (target.operator) parts.push(target.operator);
  if (target.value !== null) parts.push(String(target.value));
  if (target.upper !== undefined) parts.push(`~${target.upper}`);
  if (target.unit) parts.push(target.unit);
  if (target.date) parts.push(target.date);
  if (target.period) parts.push(`${target.period.start} → ${target.period.end}`);
  if (target.kind === 'qualitative' && target.text) parts.push(target.text);
  return (
    <div className="parsed-target" data-testid="parsed-target">
      <Tag color={kindColor[target.kind]} bordered={false}>
        {t(`target.${target.kind}`)}
      </Tag>
      {target.operator && (
        <Tooltip title={t('target.operator')}>
          <code className="target-part">{target.operator}</code>
        </Tooltip>
      )}
      {target.value !== null && (
        <Tooltip title={t('target.value')}>
          <code className="target-part">
            {target.value}
            {target.upper !== undefined ? `~${target.upper}` : ''}
          </code>
        </Tooltip>
      )}
      {target.unit && (
        <Tooltip title={t('target.unit')}>
          <code className="target-part">{target.unit}</code>
        </Tooltip>
      )}
      {target.date && <code className="target-part">{target.date}</code>}
      {target.period && (
        <code className="target-part">{`${target.period.start} → ${target.period.end}`}</code>
      )}
    </div>
  );
}

function FieldError({ text }: { text: string | undefined }) {
  return text ? (
    <div className="field-error" role="alert">
      {text}
    </div>
  ) : null;
}

/** A self-evaluation row's printed result: actual value, weight and score. */
function EvaluationCells({
  indicator,
  missing,
  onChange,
}: {
  indicator: Indicator;
  missing: Set<string>;
  onChange: (change: Partial<Indicator>) => void;
}) {
  const { t } = useI18n();
  const number = (v: number | string | null) => (typeof v === 'number' ? v : null);
  return (
    <div className="indicator-evaluation" data-testid="indicator-evaluation">
      <Input
        size="small"
        aria-label={t('selfEval.actual')}
        placeholder={t('selfEval.actual')}
        addonBefore={t('selfEval.actual')}
        value={indicator.actual ?? ''}
        status={missing.has('actual') ? 'warning' : ''}
        onChange={(e) => onChange({ actual: e.target.value || null })}
        data-testid="indicator-actual"
      />
      <InputNumber
        size="small"
        aria-label={t('selfEval.weight')}
        addonBefore={t('selfEval.weight')}
        min={0}
        value={indicator.weight ?? null}
        status={missing.has('weight') ? 'warning' : ''}
        onChange={(v) => onChange({ weight: number(v) })}
        data-testid="indicator-weight"
      />
      <InputNumber
        size="small"
        aria-label={t('selfEval.score')}
        addonBefore={t('selfEval.score')}
        value={indicator.score ?? null}
        status={missing.has('score') ? 'warning' : ''}
        onChange={(v) => onChange({ score: number(v) })}
        data-testid="indicator-score"
      />
    </div>
  );
}

function blankIndicator(level1: string | null, level2: string | null): Indicator {
  return { level1, level2, name: '', target: parseTarget(''), direction: null };
}

/**
 * The indicator grid grouped as the printed form merges it (level 1 → level 2 → indicators), with
 * add, remove and reorder by buttons so it works from the keyboard; targets are parsed as typed.
 */
export function IndicatorGrid({
  indicators,
  onChange,
  errors,
  onAddFromLibrary,
  notices = {},
  activeRow = null,
  onRowFocus,
  rowTools,
  targetNote,
  evaluation = false,
  markMissing = false,
  readOnly = false,
}: IndicatorGridProps) {
  const { t } = useI18n();
  const groups = groupIndicators(indicators);
  const grid = useRef<HTMLDivElement>(null);
  // After a move by keyboard the focus follows the moved row, so pressing again keeps moving it.
  const [follow, setFollow] = useState<{ index: number; button: 'up' | 'down' } | null>(null);
  useEffect(() => {
    if (!follow || !grid.current) return;
    const row = grid.current.querySelector(`[data-index="${follow.index}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-move="${follow.button}"]`);
    (button && !button.disabled ? button : row?.querySelector<HTMLElement>('input'))?.focus();
    setFollow(null);
  }, [follow]);
  const move = (from: number, to: number, button: 'up' | 'down') => {
    onChange(moveIndicator(indicators, from, to));
    setFollow({ index: to, button });
  };

  const insertAt = (index: number, indicator: Indicator) => {
    const next = [...indicators];
    next.splice(index, 0, indicator);
    onChange(next);
  };
  const libraryButton =
    onAddFromLibrary && !readOnly ? (
      <Button icon={<BookOutlined />} onClick={onAddFromLibrary} data-testid="add-from-library">
        {t('library.add')}
      </Button>
    ) : null;
  const patch = (index: number, change: Partial<Indicator>) =>
    onChange(indicators.map((indicator, i) => (i === index ? { ...indicator, ...change } : indicator)));

  if (indicators.length === 0) {
    if (readOnly) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicator.empty')} />;
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicator.empty')}>
        <Space>
          <Button
            icon={<PlusOutlined />}
            onClick={() => onChange([blankIndicator(t('indicator.newLevel1'), null)])}
          >
            {t('indicator.addLevel1')}
          </Button>
          {libraryButton}
        </Space>
      </Empty>
    );
  }

  return (
    <ConfigProvider componentDisabled={readOnly || undefined}>
      <div
        className={`indicator-grid${readOnly ? ' is-readonly' : ''}${rowTools && !readOnly ? ' has-row-tools' : ''}`}
        data-testid="indicator-grid"
        ref={grid}
      >
        {/* The columns' headings, as the printed form has them over its indicator rows. */}
        <div className="indicator-grid-head" data-testid="indicator-grid-head" aria-hidden="true">
          <span>{t('field.indicatorName')}</span>
          <span>{t('field.target')}</span>
          <span>{t('indicator.col.parsed')}</span>
          <span>{readOnly ? t('field.direction') : t('indicator.col.directionTools')}</span>
        </div>
        {groups.map((group) => {
          const groupIndices = group.groups.flatMap((sub) => sub.indices);
          return (
            <section className="indicator-group" key={group.start} data-testid="indicator-group">
              <div className="indicator-group-head">
                <span className="level-badge">{t('field.level1')}</span>
                <Input
                  aria-label={t('field.level1')}
                  value={group.level1 ?? ''}
                  style={{ maxWidth: 240, fontWeight: 600 }}
                  onChange={(e) => onChange(renameGroup(indicators, groupIndices, 'level1', e.target.value))}
                />
                <span className="muted">{t('indicator.count', { n: groupIndices.length })}</span>
                <span style={{ flex: 1 }} />
                {!readOnly && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      insertAt(group.end + 1, blankIndicator(group.level1, t('indicator.newLevel2')))
                    }
                  >
                    {t('indicator.addLevel2')}
                  </Button>
                )}
              </div>
              {group.groups.map((sub) => {
                const last = sub.indices.at(-1) ?? group.end;
                return (
                  <div key={sub.indices[0]} className="indicator-subgroup">
                    <div className="indicator-subgroup-head">
                      <span className="level-badge level2">{t('field.level2')}</span>
                      <Input
                        size="small"
                        aria-label={t('field.level2')}
                        value={sub.level2 ?? ''}
                        style={{ maxWidth: 200 }}
                        onChange={(e) =>
                          onChange(renameGroup(indicators, sub.indices, 'level2', e.target.value))
                        }
                      />
                      <span style={{ flex: 1 }} />
                      {!readOnly && (
                        <Button
                          size="small"
                          type="link"
                          icon={<PlusOutlined />}
                          onClick={() => insertAt(last + 1, blankIndicator(group.level1, sub.level2))}
                          data-testid="add-indicator"
                        >
                          {t('indicator.add')}
                        </Button>
                      )}
                    </div>
                    {sub.indices.map((index, position) => {
                      const indicator = indicators[index];
                      const remove = () => onChange(indicators.filter((_, i) => i !== index));
                      if (!indicator) return null;
                      const path = `indicators.${index}`;
                      const nameError = errors[`${path}.name`];
                      const targetError = errors[`${path}.target`] ?? errors[`${path}.target.raw`];
                      const notice = notices[path];
                      const missing = new Set(markMissing ? missingCells(indicator, evaluation) : []);
                      const rowClass = `indicator-row${activeRow === index ? ' is-active' : ''}${
                        missing.size > 0 ? ' has-missing' : ''
                      }${notice ? ' has-notice' : ''}`;
                      return (
                        // The row itself is no control: a click or focus inside it shows its source lines.
                        // biome-ignore lint/a11y/noStaticElementInteractions: its inputs and buttons are the controls
                        // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard focus is caught by onFocus
                        <div
                          className={rowClass}
                          key={index}
                          data-testid="indicator-row"
                          data-index={index}
                          data-missing={[...missing].join(' ') || undefined}
                          onClick={onRowFocus ? () => onRowFocus(index) : undefined}
                          onFocus={onRowFocus ? () => onRowFocus(index) : undefined}
                        >
                          <div>
                            <Input
                              aria-label={t('field.indicatorName')}
                              placeholder={t('field.indicatorName')}
                              value={indicator.name}
                              status={nameError ? 'error' : notice || missing.has('name') ? 'warning' : ''}
                              onChange={(e) => {
                                const name = e.target.value;
                                patch(index, {
                                  name,
                                  target: parseTarget(indicator.target.raw, {
                                    expectDate: nameSuggestsDate(name),
                                  }),
                                });
                              }}
                              data-testid="indicator-name"
                            />
                            <FieldError text={nameError} />
                            {notice && !nameError ? (
                              <div className="field-notice" data-testid="indicator-notice">
                                {notice}
                              </div>
                            ) : null}
                            {/* Reviewers' comments on this indicator, placed on it wherever it moved. */}
                            <FieldComments path={path} />
                            {indicator.adoptedFrom ? <AdoptedFromTag source={indicator.adoptedFrom} /> : null}
                          </div>
                          <div>
                            <Input
                              aria-label={t('field.target')}
                              placeholder={t('field.target')}
                              value={indicator.target.raw}
                              status={targetError ? 'error' : missing.has('target') ? 'warning' : ''}
                              onChange={(e) =>
                                patch(index, {
                                  target: parseTarget(e.target.value, {
                                    expectDate: nameSuggestsDate(indicator.name),
                                  }),
                                })
                              }
                              data-testid="indicator-target"
                            />
                            <FieldError text={targetError} />
                            {targetNote?.(index)}
                          </div>
                          <ParsedTarget target={indicator.target} />
                          <Space size={0}>
                            <Select
                              size="small"
                              aria-label={t('field.direction')}
                              prefix={<span className="muted">{t('field.direction')}</span>}
                              style={{ width: 'var(--jx-direction-width)' }}
                              value={indicator.direction ?? ''}
                              onChange={(v: string) =>
                                patch(index, { direction: v === '正向' || v === '反向' ? v : null })
                              }
                              data-testid="indicator-direction"
                              options={[
                                { value: '', label: t('direction.none') },
                                { value: '正向', label: t('direction.positive') },
                                { value: '反向', label: t('direction.negative') },
                              ]}
                            />
                            {!readOnly && rowTools?.(index)}
                            {!readOnly && (
                              <>
                                <Tooltip title={t('indicator.up')}>
                                  <Button
                                    size="small"
                                    type="text"
                                    aria-label={t('indicator.up')}
                                    icon={<ArrowUpOutlined />}
                                    disabled={position === 0}
                                    data-move="up"
                                    onClick={() => move(index, index - 1, 'up')}
                                  />
                                </Tooltip>
                                <Tooltip title={t('indicator.down')}>
                                  <Button
                                    size="small"
                                    type="text"
                                    aria-label={t('indicator.down')}
                                    icon={<ArrowDownOutlined />}
                                    disabled={position === sub.indices.length - 1}
                                    data-move="down"
                                    onClick={() => move(index, index + 1, 'down')}
                                  />
                                </Tooltip>
                                {/* A filled row asks first: one stray click would lose typed text with no undo. */}
                                <Popconfirm
                                  title={t('indicator.removeConfirm', {
                                    name: indicator.name || t('indicator.unnamed'),
                                  })}
                                  disabled={!indicator.name && !indicator.target.raw}
                                  okText={t('common.delete')}
                                  cancelText={t('common.cancel')}
                                  okButtonProps={{ danger: true }}
                                  onConfirm={remove}
                                >
                                  <Tooltip title={t('indicator.remove')}>
                                    <Button
                                      size="small"
                                      type="text"
                                      danger
                                      aria-label={t('indicator.remove')}
                                      icon={<DeleteOutlined />}
                                      onClick={!indicator.name && !indicator.target.raw ? remove : undefined}
                                    />
                                  </Tooltip>
                                </Popconfirm>
                              </>
                            )}
                          </Space>
                          {evaluation && (
                            <EvaluationCells
                              indicator={indicator}
                              missing={missing}
                              onChange={(change) => patch(index, change)}
                            />
                          )}
                        </div>
                      );
                    })}
                  </div>
                );
              })}
            </section>
          );
        })}
        {!readOnly && (
          <Space>
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                onChange([...indicators, blankIndicator(t('indicator.newLevel1'), t('indicator.newLevel2'))])
              }
            >
              {t('indicator.addLevel1')}
            </Button>
            {libraryButton}
          </Space>
        )}
      </div>
    </ConfigProvider>
  );
}
