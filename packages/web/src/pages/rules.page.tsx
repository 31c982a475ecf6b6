import { frameworks } from '@jixiao/core/frameworks/frameworks';
import { DEFAULT_MONITORING_SCHEME, LIGHT_LABELS } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { RuleCategory, RuleSummary, Severity } from '@jixiao/core/review/finding.schema';
import {
  type RuleParamsOverride,
  type RuleSetDefinitionInput,
  type RuleSetListItem,
  requiredBudgetSchema,
  requiredFieldSchema,
  requiredNarrativeSchema,
  ruleParamKeys,
} from '@jixiao/core/review/rule-set-version.schema';
import { allRules, ruleSets } from '@jixiao/core/review/rule-sets';
import { SCORING_CATEGORY_LABELS, type ScoringCategory } from '@jixiao/core/scoring/scoring-scheme.schema';
import { SCORING_SCHEMES } from '@jixiao/core/scoring/scoring-schemes';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { toApiError } from '../api/api-client.ts';
import {
  reloadRuleSetCatalogue,
  ruleSetRef,
  ruleSetsApi,
  useRuleSetCatalogue,
  useRuleSetCatalogueError,
} from '../api/rule-sets.api.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { LibraryAdmin } from '../components/library-admin.tsx';
import { LoadError, useShowFailure } from '../components/load-error.tsx';
import { PageHead } from '../components/page-head.tsx';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { formatDateTime } from '../lib/dates.ts';

const severityColor: Record<Severity, string> = { error: 'red', warning: 'orange', hint: 'blue' };
const severities: readonly Severity[] = ['error', 'warning', 'hint'];

function refOf(item: { id: string; version: number }): string {
  return ruleSetRef(item);
}

/** Whether a rule matches the search words (id, texts and guidance, in both languages). */
function matches(rule: RuleSummary, query: string, categoryLabel: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [rule.id, rule.zh, rule.en, rule.fixZh, rule.fixEn, rule.category, categoryLabel]
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** One set's heading facts: region, year, version, framework, where it comes from. */
function SetFacts({ set }: { set: RuleSetListItem }) {
  const { t, locale, pick } = useI18n();
  // Names, not ids: the framework's title and the set a version derives from, as people call them.
  const framework = frameworks.get(set.frameworkId);
  const base = ruleSets.get(set.baseId);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="rule-set-facts">
      <Descriptions.Item label={t('rules.region')}>{set.region}</Descriptions.Item>
      <Descriptions.Item label={t('rules.year')}>{set.year}</Descriptions.Item>
      <Descriptions.Item label={t('rules.version')}>
        v{set.version}{' '}
        {set.builtIn ? <Tag>{t('rules.builtIn')}</Tag> : <Tag color="purple">{t('rules.derived')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.framework')}>
        {framework ? pick(framework) : set.frameworkId}
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.base')}>
        {base ? `${pick(base)} v${base.version}` : set.baseId}
      </Descriptions.Item>
      {set.createdAt && (
        <Descriptions.Item label={t('rules.createdAt')}>
          {formatDateTime(set.createdAt, locale)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function RulesTable({ set }: { set: RuleSetListItem }) {
  const { t, pick, locale } = useI18n();
  const [query, setQuery] = useState('');
  const categoryLabel = (c: RuleCategory) => t(`rules.category.${c}` as MessageKey);
  const rows = set.rules.filter((r) => matches(r, query, categoryLabel(r.category)));
  const columns: TableProps<RuleSummary>['columns'] = [
    {
      title: t('rules.id'),
      dataIndex: 'id',
      width: 130,
      render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
    },
    { title: t('rules.category'), dataIndex: 'category', width: 100, render: categoryLabel },
    {
      title: t('rules.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (s: Severity) => <Tag color={severityColor[s]}>{t(`findings.severity.${s}`)}</Tag>,
    },
    { title: t('rules.description'), key: 'description', render: (_, r) => pick(r) },
    { title: t('rules.fix'), key: 'fix', render: (_, r) => (locale === 'zh' ? r.fixZh : r.fixEn) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('rules.search')}
          aria-label={t('rules.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 360 }}
          data-testid="rules-search"
        />
        <Typography.Text type="secondary">{t('rules.count', { n: rows.length })}</Typography.Text>
      </Space>
      <Table<RuleSummary>
        size="small"
        rowKey="id"
        data-testid="rules-table"
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ 'data-rule': r.id }) as React.HTMLAttributes<HTMLElement>}
      />
    </>
  );
}

interface EditorRule {
  code: string;
  enabled: boolean;
  severity: Severity;
}

/** The editor's starting point: the chosen set's effective rules over every shared rule. */
function initialRules(set: RuleSetListItem): EditorRule[] {
  const bySet = new Map(set.rules.map((r) => [r.code, r]));
  return allRules.map((rule) => ({
    code: rule.code,
    enabled: bySet.has(rule.code),
    severity: bySet.get(rule.code)?.severity ?? rule.severity,
  }));
}

/** The overrides that make `rules` from the built-in base (only what differs is stored). */
function overridesOf(
  baseId: string,
  rules: readonly EditorRule[],
): NonNullable<RuleSetDefinitionInput['rules']> {
  const base = ruleSets.get(baseId);
  const inBase = new Map(base?.rules.map((e) => [e.rule.code, e.severity]));
  return rules.flatMap((r): NonNullable<RuleSetDefinitionInput['rules']> => {
    const baseSeverity = inBase.get(r.code);
    const enabledInBase = baseSeverity !== undefined;
    if (!r.enabled) return enabledInBase ? [{ code: r.code, enabled: false }] : [];
    const defaultSeverity = baseSeverity ?? allRules.find((a) => a.code === r.code)?.severity;
    if (enabledInBase && r.severity === defaultSeverity) return [];
    return [
      r.severity === defaultSeverity
        ? { code: r.code, enabled: true }
        : { code: r.code, enabled: true, severity: r.severity },
    ];
  });
}

function initialParams(set: RuleSetListItem): Required<RuleParamsOverride> {
  const base = ruleSets.get(set.baseId);
  const p = set.definition?.params ?? {};
  return {
    requiredFields: [...(p.requiredFields ?? base?.params.requiredFields ?? [])],
    requiredBudget: [...(p.requiredBudget ?? base?.params.requiredBudget ?? [])],
    requiredNarratives: [...(p.requiredNarratives ?? base?.params.requiredNarratives ?? [])],
    budgetGrowthThreshold: p.budgetGrowthThreshold ?? base?.params.budgetGrowthThreshold ?? 0.1,
    peerLowRatio: p.peerLowRatio ?? base?.params.peerLowRatio ?? 0.5,
    peerHighRatio: p.peerHighRatio ?? base?.params.peerHighRatio ?? 2,
    peerUnitCostRatio: p.peerUnitCostRatio ?? base?.params.peerUnitCostRatio ?? 2,
    peerMinCount: p.peerMinCount ?? base?.params.peerMinCount ?? 2,
    linkageReduceShare: p.linkageReduceShare ?? base?.params.linkageReduceShare ?? 0.1,
    rectificationRecheckGap: p.rectificationRecheckGap ?? base?.params.rectificationRecheckGap ?? 5,
    exAnteNewProjectMin:
      p.exAnteNewProjectMin === undefined
        ? (base?.params.exAnteNewProjectMin ?? null)
        : p.exAnteNewProjectMin,
    exAnteAnyProjectMin:
      p.exAnteAnyProjectMin === undefined
        ? (base?.params.exAnteAnyProjectMin ?? null)
        : p.exAnteAnyProjectMin,
    exAnteSupportScore: p.exAnteSupportScore ?? base?.params.exAnteSupportScore ?? 80,
    exAntePartialScore: p.exAntePartialScore ?? base?.params.exAntePartialScore ?? 60,
  };
}

/** The evidence rules' numeric parameters (P01–P03) and their bounds, as the schema has them. */
const peerNumbers = [
  { key: 'peerLowRatio', min: 0, max: 1, step: 0.05 },
  { key: 'peerHighRatio', min: 1, max: 100, step: 0.5 },
  { key: 'peerUnitCostRatio', min: 1, max: 100, step: 0.5 },
  { key: 'peerMinCount', min: 1, max: 20, step: 1 },
  { key: 'exAnteSupportScore', min: 0, max: 100, step: 5 },
  { key: 'exAntePartialScore', min: 0, max: 100, step: 5 },
] as const;

/** The ex-ante thresholds (元): empty switches the trigger off (null). */
const exAnteAmounts = ['exAnteNewProjectMin', 'exAnteAnyProjectMin'] as const;

function ParamsForm({
  value,
  onChange,
  keys,
}: {
  value: Required<RuleParamsOverride>;
  onChange: (next: Required<RuleParamsOverride>) => void;
  keys: readonly (keyof RuleParamsOverride)[];
}) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={4}>
      {keys.includes('requiredFields') && (
        <Checkbox.Group
          aria-label={t('rules.editor.requiredFields')}
          value={value.requiredFields}
          onChange={(v) => onChange({ ...value, requiredFields: v as typeof value.requiredFields })}
          options={requiredFieldSchema.options.map((f) => ({
            value: f,
            label: t(`rules.field.${f}` as MessageKey),
          }))}
        />
      )}
      {keys.includes('requiredBudget') && (
        <Checkbox.Group
          aria-label={t('rules.editor.requiredBudget')}
          value={value.requiredBudget}
          onChange={(v) => onChange({ ...value, requiredBudget: v as typeof value.requiredBudget })}
          options={requiredBudgetSchema.options.map((f) => ({
            value: f,
            label: t(`rules.budget.${f}` as MessageKey),
          }))}
        />
      )}
      {keys.includes('requiredNarratives') && (
        <Checkbox.Group
          aria-label={t('rules.editor.requiredNarratives')}
          value={value.requiredNarratives}
          onChange={(v) => onChange({ ...value, requiredNarratives: v as typeof value.requiredNarratives })}
          options={requiredNarrativeSchema.options.map((f) => ({
            value: f,
            label: t(`rules.narrative.${f}` as MessageKey),
          }))}
        />
      )}
      {keys.includes('budgetGrowthThreshold') && (
        <InputNumber
          aria-label={t('rules.editor.budgetGrowthThreshold')}
          data-testid="param-budgetGrowthThreshold"
          min={0}
          max={10}
          step={0.05}
          value={value.budgetGrowthThreshold}
          onChange={(v) => onChange({ ...value, budgetGrowthThreshold: v ?? 0 })}
        />
      )}
      {peerNumbers
        .filter((n) => keys.includes(n.key))
        .map((n) => (
          <InputNumber
            key={n.key}
            addonBefore={t(`rules.editor.${n.key}`)}
            aria-label={t(`rules.editor.${n.key}`)}
            data-testid={`param-${n.key}`}
            min={n.min}
            max={n.max}
            step={n.step}
            value={value[n.key]}
            onChange={(v) => onChange({ ...value, [n.key]: v ?? n.min })}
          />
        ))}
      {exAnteAmounts
        .filter((key) => keys.includes(key))
        .map((key) => (
          <InputNumber
            key={key}
            addonBefore={t(`rules.editor.${key}`)}
            addonAfter={t('rules.editor.yuan')}
            aria-label={t(`rules.editor.${key}`)}
            data-testid={`param-${key}`}
            min={0}
            step={1_000_000}
            value={value[key]}
            onChange={(v) => onChange({ ...value, [key]: v ?? null })}
          />
        ))}
    </Space>
  );
}

/**
 * The administrator's editor: every shared rule with an on/off switch and a severity, the parameters
 * beside the rules that read them, the new version's id, region, year and names; publishing asks first.
 */
function VersionEditor({
  source,
  onClose,
  onPublished,
}: {
  source: RuleSetListItem;
  onClose: () => void;
  onPublished: (item: RuleSetListItem) => void;
}) {
  const { t, pick } = useI18n();
  const { modal, message } = App.useApp();
  const [rules, setRules] = useState(() => initialRules(source));
  const [params, setParams] = useState(() => initialParams(source));
  const [head, setHead] = useState({
    id: source.id,
    prefix: source.prefix,
    region: source.region,
    year: source.year,
    zh: source.zh,
    en: source.en,
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const texts = new Map(allRules.map((r) => [r.code, r]));
  const prefix = head.prefix || source.prefix;

  const update = (code: string, change: Partial<EditorRule>) =>
    setRules((all) => all.map((r) => (r.code === code ? { ...r, ...change } : r)));

  function definition(): RuleSetDefinitionInput {
    return {
      id: head.id.trim(),
      baseId: source.baseId,
      ...(head.prefix && head.prefix !== ruleSets.get(source.baseId)?.prefix ? { prefix: head.prefix } : {}),
      region: head.region,
      year: head.year,
      zh: head.zh,
      en: head.en,
      rules: overridesOf(source.baseId, rules),
      params,
      derivedFrom: { id: source.id, version: source.version },
    };
  }

  function publish() {
    const body = definition();
    const start = initialRules(source);
    const off = rules.filter((r) => !r.enabled).length;
    const severity = rules.filter(
      (r, i) => r.enabled && start[i]?.enabled && r.severity !== start[i]?.severity,
    ).length;
    modal.confirm({
      title: t('rules.editor.confirmTitle', { id: body.id }),
      content: t('rules.editor.confirmBody', { off, severity }),
      okText: t('rules.editor.save'),
      okButtonProps: { 'data-testid': 'confirm-publish' } as Record<string, string>,
      onOk: async () => {
        setSaving(true);
        setError(null);
        try {
          const item = await ruleSetsApi.derive(body);
          message.success(t('rules.editor.published', { id: item.id, version: item.version }));
          onPublished(item);
        } catch (e) {
          const failure = toApiError(e);
          setError(`${pick(failure.problem)}${failure.problem.path ? ` (${failure.problem.path})` : ''}`);
        } finally {
          setSaving(false);
        }
      },
    });
  }

  const columns: TableProps<EditorRule>['columns'] = [
    {
      title: t('rules.id'),
      dataIndex: 'code',
      width: 120,
      render: (code: string) => <Typography.Text code>{`${prefix}-${code}`}</Typography.Text>,
    },
    {
      title: t('rules.editor.enabled'),
      key: 'enabled',
      width: 70,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.enabled}
          aria-label={`${r.code} ${t('rules.editor.enabled')}`}
          data-testid={`rule-enabled-${r.code}`}
          onChange={(enabled) => update(r.code, { enabled })}
        />
      ),
    },
    {
      title: t('rules.severity'),
      key: 'severity',
      width: 110,
      render: (_, r) => (
        <Select
          size="small"
          disabled={!r.enabled}
          value={r.severity}
          aria-label={`${r.code} ${t('rules.severity')}`}
          data-testid={`rule-severity-${r.code}`}
          style={{ width: 96 }}
          onChange={(severity: Severity) => update(r.code, { severity })}
          options={severities.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))}
        />
      ),
    },
    {
      title: t('rules.description'),
      key: 'description',
      render: (_, r) => {
        const rule = texts.get(r.code);
        const keys = ruleParamKeys[r.code];
        return (
          <Space direction="vertical" size={4}>
            <span>{rule ? pick(rule) : r.code}</span>
            {keys && <ParamsForm value={params} onChange={setParams} keys={keys} />}
          </Space>
        );
      },
    },
  ];

  return (
    <Drawer
      open
      size="large"
      width={960}
      title={t('rules.editor.title', { name: `${pick(source)} v${source.version}` })}
      onClose={onClose}
      destroyOnHidden
      data-testid="rule-set-editor"
      extra={
        <Button type="primary" loading={saving} onClick={publish} data-testid="publish-version">
          {t('rules.editor.save')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('rules.editor.hint')}</Typography.Paragraph>
      {error && (
        <Typography.Paragraph type="danger" data-testid="editor-error">
          {error}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          addonBefore={t('rules.editor.id')}
          value={head.id}
          onChange={(e) => setHead({ ...head, id: e.target.value })}
          data-testid="editor-id"
          style={{ width: 280 }}
        />
        <Input
          addonBefore={t('rules.editor.prefix')}
          value={head.prefix}
          onChange={(e) => setHead({ ...head, prefix: e.target.value.toUpperCase() })}
          style={{ width: 220 }}
        />
        <Input
          addonBefore={t('rules.region')}
          value={head.region}
          onChange={(e) => setHead({ ...head, region: e.target.value })}
          style={{ width: 200 }}
        />
        <InputNumber
          addonBefore={t('rules.year')}
          value={head.year}
          min={1990}
          max={2100}
          onChange={(v) => setHead({ ...head, year: v ?? head.year })}
          data-testid="editor-year"
        />
        <Input
          addonBefore={t('rules.editor.zh')}
          value={head.zh}
          onChange={(e) => setHead({ ...head, zh: e.target.value })}
          style={{ width: 420 }}
        />
        <Input
          addonBefore={t('rules.editor.en')}
          value={head.en}
          onChange={(e) => setHead({ ...head, en: e.target.value })}
          style={{ width: 420 }}
        />
      </Space>
      <Space wrap style={{ marginBottom: 12 }} data-testid="linkage-params">
        <Typography.Text strong>{t('rules.editor.linkage')}</Typography.Text>
        <InputNumber
          addonBefore={t('rules.editor.linkageReduceShare')}
          aria-label={t('rules.editor.linkageReduceShare')}
          data-testid="param-linkageReduceShare"
          min={0}
          max={1}
          step={0.05}
          value={params.linkageReduceShare}
          onChange={(v) => setParams({ ...params, linkageReduceShare: v ?? 0 })}
        />
        <InputNumber
          addonBefore={t('rules.editor.rectificationRecheckGap')}
          addonAfter={t('rules.editor.points')}
          aria-label={t('rules.editor.rectificationRecheckGap')}
          data-testid="param-rectificationRecheckGap"
          min={0}
          max={100}
          step={1}
          value={params.rectificationRecheckGap}
          onChange={(v) => setParams({ ...params, rectificationRecheckGap: v ?? 0 })}
        />
        <Typography.Text type="secondary">{t('rules.editor.linkageHint')}</Typography.Text>
      </Space>
      <Table<EditorRule>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={rules}
        pagination={false}
        onRow={(r) => ({ 'data-rule-code': r.code }) as React.HTMLAttributes<HTMLElement>}
      />
    </Drawer>
  );
}

/** Which set reviews which region's year, with the administrator's form to change it. */
function Assignments({
  items,
  manage,
  selected,
}: {
  items: RuleSetListItem[];
  manage: boolean;
  /** The set on screen: the form starts with its region, year and itself. */
  selected: RuleSetListItem;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const catalogue = useRuleSetCatalogue();
  const [draft, setDraft] = useState<{ region: string; year: number; ref: string | null }>({
    region: selected.region,
    year: selected.year,
    ref: refOf(selected),
  });
  const label = (id: string, version: number) => {
    const item = items.find((i) => i.id === id && i.version === version);
    return item ? `${pick(item)} v${version}` : `${id} v${version}`;
  };
  async function assign(region: string, year: number, ref: string | null) {
    const at = ref?.lastIndexOf('@') ?? -1;
    const ruleSetId = ref === null ? null : at < 0 ? ref : ref.slice(0, at);
    const version =
      ref !== null && at >= 0 ? Number(ref.slice(at + 1)) : ruleSets.get(ruleSetId ?? '')?.version;
    try {
      const { assignment } = await ruleSetsApi.assign({
        region,
        year,
        ruleSetId,
        ...(version ? { version } : {}),
      });
      await reloadRuleSetCatalogue();
      message.success(
        assignment
          ? t('rules.assigned', { region, year, set: label(assignment.ruleSetId, assignment.version) })
          : t('rules.unassigned', { region, year }),
      );
    } catch (e) {
      showFailure(e);
    }
  }
  const assignments = catalogue?.assignments ?? [];
  return (
    <section data-testid="rule-set-assignments" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('rules.assignments')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rules.assignments.hint')}</Typography.Paragraph>
      {assignments.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('rules.assignments.none')}</Typography.Paragraph>
      ) : (
        <Table
          size="small"
          rowKey={(a) => `${a.region}/${a.year}`}
          pagination={false}
          dataSource={assignments}
          onRow={(a) => ({ 'data-assignment': `${a.region}/${a.year}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('rules.region'), dataIndex: 'region' },
            { title: t('rules.year'), dataIndex: 'year' },
            { title: t('rules.set'), key: 'set', render: (_, a) => label(a.ruleSetId, a.version) },
            ...(manage
              ? [
                  {
                    key: 'remove',
                    render: (_: unknown, a: (typeof assignments)[number]) => (
                      <Button size="small" onClick={() => void assign(a.region, a.year, null)}>
                        {t('rules.unassign')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {manage && (
        <Space wrap style={{ marginTop: 12 }} data-testid="assignment-form">
          <Input
            addonBefore={t('rules.region')}
            value={draft.region}
            onChange={(e) => setDraft({ ...draft, region: e.target.value })}
            style={{ width: 200 }}
            data-testid="assign-region"
          />
          <InputNumber
            addonBefore={t('rules.year')}
            value={draft.year}
            min={1990}
            max={2100}
            onChange={(v) => setDraft({ ...draft, year: v ?? draft.year })}
            data-testid="assign-year"
          />
          <Select
            style={{ minWidth: 320 }}
            placeholder={t('rules.set')}
            aria-label={t('rules.set')}
            value={draft.ref}
            onChange={(ref: string) => setDraft({ ...draft, ref })}
            data-testid="assign-set"
            options={items.map((i) => ({
              value: refOf(i),
              label: `${pick(i)} v${i.version}`,
            }))}
          />
          <Button
            type="primary"
            disabled={!draft.ref || !draft.region}
            onClick={() => void assign(draft.region.trim(), draft.year, draft.ref)}
            data-testid="assign-save"
          >
            {t('rules.assign')}
          </Button>
        </Space>
      )}
    </section>
  );
}

function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

/** The scoring schemes (评分办法) as data, read-only. */
function ScoringTab() {
  const { t, pick } = useI18n();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="scoring-schemes">
      {Object.values(SCORING_SCHEMES).map((scheme) => (
        <Descriptions
          key={scheme.id}
          bordered
          size="small"
          column={1}
          title={`${pick(scheme.name)} v${scheme.version}`}
          data-scheme={scheme.id}
        >
          <Descriptions.Item label={t('rules.scoring.basis')}>{scheme.basis}</Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.execution')}>{scheme.executionWeight}</Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.executionReason')}>
            {percent(scheme.executionReasonBelow)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.categories')}>
            {Object.entries(scheme.categoryWeights)
              .map(([c, w]) => `${pick(SCORING_CATEGORY_LABELS[c as ScoringCategory])} ${w}`)
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.reverse')}>
            {t(`rules.scoring.reverse.${scheme.reverseDecline}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.bands')}>
            {Object.entries(scheme.qualitativeBands)
              .map(([band, b]) => `${band} ${percent(b.min)}–${percent(b.max)}`)
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('rules.scoring.grades')}>
            {scheme.grades
              .map((g) => t('rules.scoring.gradeFrom', { grade: g.grade, min: g.min }))
              .join('；')}
          </Descriptions.Item>
        </Descriptions>
      ))}
    </Space>
  );
}

/** The monitoring lights' thresholds (绩效运行监控), read-only. */
function MonitoringTab() {
  const { t, pick } = useI18n();
  const s = DEFAULT_MONITORING_SCHEME;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title={`${pick(s.name)} v${s.version}`}
      data-testid="monitoring-thresholds"
    >
      <Descriptions.Item label={t('rules.monitoring.cutOff')}>
        {t('rules.monitoring.month', { month: s.cutOffMonth })}
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.monitoring.spending')}>
        <Space wrap>
          <Tag color="red">{t('rules.monitoring.red', { value: percent(s.spending.red) })}</Tag>
          <Tag color="gold">{t('rules.monitoring.yellow', { value: percent(s.spending.yellow) })}</Tag>
          <Tag color="green">{pick(LIGHT_LABELS.green)}</Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.monitoring.positive')}>
        <Space wrap>
          <Tag color="red">{t('rules.monitoring.red', { value: percent(s.positive.red) })}</Tag>
          <Tag color="gold">{t('rules.monitoring.yellow', { value: percent(s.positive.yellow) })}</Tag>
          <Tag color="green">{pick(LIGHT_LABELS.green)}</Tag>
          <Tag color="blue">{t('rules.monitoring.blue', { value: percent(s.positive.blue) })}</Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.monitoring.levelUnits')}>
        {s.levelUnits.join('  ')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * /rules (审核规则): for everyone signed in, what the automatic review checks in each rule set and how
 * to fix it, searchable; the scoring schemes and monitoring thresholds; for administrators
 * (ruleset.manage) the editor that publishes new versions and the choice of set per region and year.
 */
export default function RulesPage() {
  const { t, pick } = useI18n();
  const session = useSession();
  const catalogue = useRuleSetCatalogue();
  const catalogueError = useRuleSetCatalogueError();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const manage = session.can('ruleset.manage');
  const items = catalogue?.items ?? [];
  const set = useMemo(() => items.find((i) => refOf(i) === selected) ?? items[0] ?? null, [items, selected]);
  if (catalogueError)
    return (
      <div data-testid="rules-page">
        <PageHead title={t('rules.title')} subtitle={t('rules.subtitle')} />
        <LoadError error={catalogueError} onRetry={() => void reloadRuleSetCatalogue()} />
      </div>
    );
  if (!catalogue || !set) return <PageLoading />;
  return (
    <div data-testid="rules-page">
      <PageHead title={t('rules.title')} subtitle={t('rules.subtitle')} />
      <Tabs
        items={[
          {
            key: 'sets',
            label: t('rules.tab.sets'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    style={{ minWidth: 420 }}
                    aria-label={t('rules.set')}
                    value={refOf(set)}
                    onChange={setSelected}
                    data-testid="rule-set-select"
                    options={items.map((i) => ({
                      value: refOf(i),
                      label: `${pick(i)} · ${i.region} ${i.year} · v${i.version}`,
                    }))}
                  />
                  {manage && (
                    <Button onClick={() => setEditing(true)} data-testid="derive-version">
                      {t('rules.derive')}
                    </Button>
                  )}
                </Space>
                <SetFacts set={set} />
                <RulesTable key={refOf(set)} set={set} />
                <Assignments key={`assign-${refOf(set)}`} items={items} manage={manage} selected={set} />
                {editing && (
                  <VersionEditor
                    source={set}
                    onClose={() => setEditing(false)}
                    onPublished={(item) => {
                      setEditing(false);
                      void reloadRuleSetCatalogue().then(() => setSelected(refOf(item)));
                    }}
                  />
                )}
              </>
            ),
          },
          { key: 'scoring', label: t('rules.tab.scoring'), children: <ScoringTab /> },
          { key: 'monitoring', label: t('rules.tab.monitoring'), children: <MonitoringTab /> },
          { key: 'library', label: t('library.tab'), children: <LibraryAdmin /> },
        ]}
      />
    </div>
  );
}
