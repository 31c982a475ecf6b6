import type { UnitCost } from '@jixiao/core/peers/peer.schema';
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { PeerCostRange } from '../lib/peer-costs.ts';

const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * Under a row that gives the table a unit cost (a cost indicator, or the budget ÷ an output target): that
 * cost beside the similar projects' range for the same unit of output, orange when it falls outside.
 */
export function PeerCostNote({ own, range }: { own: UnitCost; range: PeerCostRange }) {
  const { t } = useI18n();
  const outside = own.yuan < range.low || own.yuan > range.high;
  return (
    <Tag
      color={outside ? 'orange' : 'default'}
      bordered={false}
      data-testid="peer-cost-note"
      style={{ marginTop: 4, whiteSpace: 'normal' }}
    >
      {t('peers.costNote', {
        own: yuan(own.yuan),
        per: own.per,
        basis: t(`peers.basis.${own.basis}` as MessageKey),
        low: yuan(range.low),
        high: yuan(range.high),
        n: range.count,
      })}
    </Tag>
  );
}
