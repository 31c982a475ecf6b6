import type { PeerProject, UnitCost } from '@jixiao/core/peers/peer.schema';
import { adoptPeerIndicator } from '@jixiao/core/peers/peer-project';
import type { Indicator } from '@jixiao/core/tables/table.schema';
import { Button, Card, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { peerCostRanges } from '../lib/peer-costs.ts';
import { MoneyText } from './money-text.tsx';

// Loaded lazily by the table editor (its own chunk), like the indicator library.

const gradeColor: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

function CostTag({ cost }: { cost: UnitCost }) {
  const { t } = useI18n();
  return (
    <Tag bordered={false} data-testid="peer-unit-cost">
      {yuan(cost.yuan)}元/{cost.per}（{t(`peers.basis.${cost.basis}` as MessageKey)}）
    </Tag>
  );
}

/** The peers' unit costs per unit of output (元/人 …): lowest to highest, with how many peers show one. */
function CostSummary({ peers }: { peers: readonly PeerProject[] }) {
  const { t } = useI18n();
  const ranges = [...peerCostRanges(peers).values()];
  if (ranges.length === 0) return null;
  return (
    <div data-testid="peer-cost-summary" style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('peers.unitCostsSummary')}：</Typography.Text>
      <Space size={4} wrap>
        {ranges.map((r) => (
          <Tag key={r.per} color="geekblue" bordered={false}>
            {yuan(r.low)}–{yuan(r.high)}元/{r.per}（{r.count}）
          </Tag>
        ))}
      </Space>
    </div>
  );
}

interface PeersDrawerProps {
  open: boolean;
  peers: readonly PeerProject[];
  /** False when the table cannot be edited: the list is for reading then. */
  editable: boolean;
  onClose: () => void;
  onAdopt: (indicator: Indicator) => void;
}

/** 同类项目: each similar project with its indicators, targets, actuals and grade; 采用 adds a row. */
export default function PeersDrawer({ open, peers, editable, onClose, onAdopt }: PeersDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer title={t('peers.title')} open={open} onClose={onClose} size="large" data-testid="peers-drawer">
      <Typography.Paragraph type="secondary">{t('peers.intro')}</Typography.Paragraph>
      <CostSummary peers={peers} />
      {peers.length === 0 ? (
        <Empty description={t('peers.none')} />
      ) : (
        peers.map((peer) => (
          <Card
            key={peer.tableId}
            size="small"
            className="editor-card"
            data-testid="peer-project"
            title={
              <Space size={6} wrap>
                <span>{peer.name}</span>
                <span className="muted">
                  {peer.year} · {peer.unit}
                </span>
              </Space>
            }
            extra={
              <span className="muted">{t('peers.similarity', { p: Math.round(peer.similarity * 100) })}</span>
            }
          >
            <Space size={4} wrap style={{ marginBottom: 8 }}>
              {peer.evaluation ? (
                <Tag color={gradeColor[peer.evaluation.grade]} data-testid="peer-grade">
                  {t('peers.grade', { grade: peer.evaluation.grade, total: yuan(peer.evaluation.total) })}
                </Tag>
              ) : (
                <Tag bordered={false}>{t('peers.notEvaluated')}</Tag>
              )}
              {peer.currentYearBudget !== null && (
                <span className="muted">
                  {t('peers.budget', { amount: '' })}
                  <MoneyText amount={peer.currentYearBudget} />
                </span>
              )}
              {peer.unitCosts.length > 0 && <span className="muted">{t('peers.unitCosts')}：</span>}
              {peer.unitCosts.map((cost) => (
                <CostTag key={`${cost.indicatorIndex}-${cost.basis}`} cost={cost} />
              ))}
            </Space>
            <Table
              size="small"
              rowKey="index"
              pagination={false}
              dataSource={peer.indicators}
              columns={[
                {
                  title: t('peers.indicator'),
                  key: 'name',
                  render: (_, i) => (
                    <span>
                      <span className="muted">{i.level2 ?? i.level1 ?? ''} </span>
                      {i.name}
                    </span>
                  ),
                },
                { title: t('peers.target'), dataIndex: 'target', width: 110 },
                {
                  title: t('peers.actual'),
                  key: 'actual',
                  width: 110,
                  render: (_, i) => <span data-testid="peer-actual">{i.actual ?? '—'}</span>,
                },
                {
                  title: '',
                  key: 'adopt',
                  width: 72,
                  render: (_, i) => (
                    <Button
                      size="small"
                      disabled={!editable}
                      data-testid="adopt-peer-indicator"
                      onClick={() => onAdopt(adoptPeerIndicator(peer, i.index))}
                    >
                      {t('peers.adopt')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        ))
      )}
    </Drawer>
  );
}
