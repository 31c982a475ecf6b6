import type { Organisation } from '@jixiao/core/accounts/account.schema';
import {
  CLAIM_CAUSE_LABELS,
  type ClaimCause,
  type ClaimLine,
} from '@jixiao/core/scoring/self-evaluation-claim.schema';
import {
  App,
  Button,
  Card,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, toApiError } from '../api/api-client.ts';
import { evaluationApi, type SelfEvaluationView } from '../api/evaluation.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { type RecheckItem, type RecheckQuery, recheckApi } from '../api/recheck.api.ts';
import { OrganisationSelect } from '../components/organisation-select.tsx';
import { PageHead } from '../components/page-head.tsx';
import { nameColumn, unitColumn, yearColumn } from '../components/table-columns.tsx';
import { YearSelect } from '../components/year-select.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useOrganisationTree } from '../hooks/use-organisation-name.ts';
import { useI18n } from '../i18n/i18n.tsx';

const CAUSES = Object.keys(CLAIM_CAUSE_LABELS) as ClaimCause[];

function points(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(Number(n.toFixed(2)));
}

function signed(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n > 0 ? `+${points(n)}` : points(n);
}

interface Decision {
  tableId: string;
  target: 'execution' | number;
  accept: 'claim' | 'rule';
}

/** The compared rows of one evaluation, with the reviewer's decision per row. */
function ClaimRows({ item, onDecided }: { item: RecheckItem; onDecided: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const load = useLoad([...queryKeys.selfEvaluation(item.tableId), 'with-table'], () =>
    Promise.all([evaluationApi.selfEvaluation(item.tableId), api.getTable(item.tableId)]),
  );
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const view: SelfEvaluationView | null = load.data?.[0] ?? null;
  const indicators = load.data?.[1].table.indicators ?? [];
  if (load.error) return <Result status="warning" title={pick(load.error.problem)} />;
  const claim = view?.score.claim;
  // The adjustments carry the decision of the re-check; the latest one per row is in force.
  const decided = new Map<string, { decision: string | null; score: number; reason: string }>();
  for (const a of view?.adjustments ?? []) {
    decided.set(String(a.target), { decision: a.decision ?? null, score: a.score, reason: a.reason });
  }

  const submit = async () => {
    if (!deciding) return;
    if (!reason.trim()) {
      message.error(t('recheck.reasonRequired'));
      return;
    }
    setSaving(true);
    try {
      const result = await recheckApi.decide(deciding.tableId, {
        target: deciding.target,
        accept: deciding.accept,
        reason: reason.trim(),
      });
      message.success(t('recheck.saved', { total: points(result.total) }));
      setDeciding(null);
      setReason('');
      load.reload();
      onDecided();
    } catch (error) {
      message.error(pick(toApiError(error).problem));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableProps<ClaimLine>['columns'] = [
    {
      title: t('recheck.indicator'),
      key: 'indicator',
      render: (_: unknown, line) =>
        line.target === 'execution'
          ? t('recheck.execution')
          : `${line.target + 1}. ${indicators[line.target]?.name ?? ''}`,
    },
    { title: t('recheck.printedWeight'), dataIndex: 'printedWeight', width: 90, render: points },
    { title: t('recheck.claimed'), dataIndex: 'claimed', width: 90, render: points },
    { title: t('recheck.rule'), dataIndex: 'rule', width: 90, render: points },
    {
      title: t('recheck.difference'),
      dataIndex: 'difference',
      width: 90,
      render: (d: number | null) => (
        <span className={d !== null && Math.abs(d) > 0.1 ? 'recheck-gap' : undefined}>{signed(d)}</span>
      ),
    },
    {
      title: t('recheck.explanation'),
      key: 'explanation',
      render: (_: unknown, line) => (
        <Space direction="vertical" size={2}>
          {line.cause && <Tag color="orange">{pick(CLAIM_CAUSE_LABELS[line.cause])}</Tag>}
          <Typography.Text type="secondary">{pick(line)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('recheck.decision'),
      key: 'decision',
      width: 220,
      render: (_: unknown, line) => {
        const done = decided.get(String(line.target));
        if (line.cause === 'not_scored') return null;
        return (
          <Space direction="vertical" size={4}>
            {done?.decision && (
              <Typography.Text data-testid="recheck-decided">
                {t(done.decision === 'claim' ? 'recheck.decidedClaim' : 'recheck.decidedRule', {
                  score: points(done.score),
                })}
                ：{done.reason}
              </Typography.Text>
            )}
            {line.claimed !== null && Math.abs(line.difference ?? 0) > 0 && (
              <Space size={4}>
                {/* A claim above the row's weight cannot stand: only the rule's score can be accepted. */}
                {line.claimed <= line.weight && (
                  <Button
                    size="small"
                    data-testid="accept-claim"
                    onClick={() =>
                      setDeciding({ tableId: item.tableId, target: line.target, accept: 'claim' })
                    }
                  >
                    {t('recheck.acceptClaim')}
                  </Button>
                )}
                <Button
                  size="small"
                  data-testid="accept-rule"
                  onClick={() => setDeciding({ tableId: item.tableId, target: line.target, accept: 'rule' })}
                >
                  {t('recheck.acceptRule')}
                </Button>
              </Space>
            )}
          </Space>
        );
      },
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="recheck-rows">
      {claim && claim.notes.length > 0 && (
        <Space direction="vertical" size={2}>
          {claim.notes.map((n) => (
            <Typography.Text key={`${n.code}-${n.zh}`} type="warning" data-testid="recheck-note">
              {pick(n)}
            </Typography.Text>
          ))}
        </Space>
      )}
      <Table
        rowKey={(line) => String(line.target)}
        size="small"
        loading={load.loading}
        columns={columns}
        dataSource={claim?.lines ?? []}
        pagination={false}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.accept === 'claim' ? 'recheck.acceptClaim' : 'recheck.acceptRule') : ''}
        okText={t(deciding?.accept === 'claim' ? 'recheck.acceptClaim' : 'recheck.acceptRule')}
        onOk={submit}
        confirmLoading={saving}
        onCancel={() => setDeciding(null)}
        okButtonProps={{ 'data-testid': 'recheck-decide-ok' } as Record<string, string>}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('recheck.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="recheck-reason"
        />
      </Modal>
    </Space>
  );
}

/** /recheck: 财政复核 of the self-evaluations that carry a unit's claim, largest gap first. */
export default function RecheckPage() {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState<RecheckQuery>({});
  // Through the shared cache, as every page names organisations; when they cannot be read the filter says
  // so (with a retry) and the list still shows every organisation's tables.
  const organisationTree = useOrganisationTree();
  const organisations: Organisation[] = organisationTree.data ?? [];
  const list = useLoad(queryKeys.recheck(query), () => recheckApi.list(query));
  const items = list.data?.items ?? [];
  const years = useMemo(
    () =>
      [...new Set([...items.map((i) => i.year), ...(query.year ? [query.year] : [])])].sort((a, b) => b - a),
    [items, query.year],
  );

  if (list.error) return <Result status="warning" title={pick(list.error.problem)} />;

  const columns: TableProps<RecheckItem>['columns'] = [
    nameColumn(t, (row) => `/self-evaluation/${row.tableId}`, 'recheck-link'),
    unitColumn(t),
    yearColumn(t, 70),
    { title: t('recheck.claimedTotal'), dataIndex: 'claimedTotal', width: 110, render: points },
    { title: t('recheck.ruleTotal'), dataIndex: 'ruleTotal', width: 90, render: points },
    {
      title: t('recheck.gap'),
      dataIndex: 'gap',
      width: 80,
      render: (gap: number | null) => <strong data-testid="recheck-gap">{signed(gap)}</strong>,
    },
    { title: t('recheck.total'), dataIndex: 'total', width: 100, render: points },
    {
      title: t('recheck.causes'),
      dataIndex: 'causes',
      render: (causes: ClaimCause[]) => (
        <Space size={[4, 4]} wrap>
          {causes.map((c) => (
            <Tag key={c}>{pick(CLAIM_CAUSE_LABELS[c] ?? { zh: c, en: c })}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('recheck.decisions'), dataIndex: 'decisions', width: 80 },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="recheck-page">
      <PageHead title={t('recheck.title')} subtitle={t('recheck.subtitle')}>
        <Button href={recheckApi.exportUrl(query)} data-testid="recheck-export">
          {t('recheck.export')}
        </Button>
      </PageHead>
      <Card
        extra={
          <Space wrap>
            <YearSelect
              years={years}
              value={query.year}
              onChange={(year) => setQuery((q) => ({ ...q, year }))}
              testId="recheck-year"
            />
            <OrganisationSelect
              organisations={organisations}
              placeholder={t('recheck.department')}
              value={query.organisationId}
              onChange={(organisationId) => setQuery((q) => ({ ...q, organisationId }))}
              testId="recheck-organisation"
              error={organisationTree.error}
              onRetry={organisationTree.reload}
            />
            <Select
              allowClear
              placeholder={t('recheck.cause')}
              style={{ width: 240 }}
              value={query.cause}
              onChange={(cause?: ClaimCause) => setQuery((q) => ({ ...q, cause }))}
              options={CAUSES.map((c) => ({ value: c, label: pick(CLAIM_CAUSE_LABELS[c]) }))}
              data-testid="recheck-cause"
            />
          </Space>
        }
      >
        <Table
          rowKey="tableId"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('recheck.empty') }}
          expandable={{
            expandedRowRender: (row) => <ClaimRows item={row} onDecided={list.reload} />,
            rowExpandable: () => true,
          }}
          data-testid="recheck-list"
        />
      </Card>
    </Space>
  );
}
