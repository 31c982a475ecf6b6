import { Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan, formatYuan } from '../lib/money.ts';

/** An amount in 元 with separators; hovering shows it in 万元. */
export function MoneyText({ amount }: { amount: number | null | undefined }) {
  const { t } = useI18n();
  if (amount === null || amount === undefined) return <span className="muted">—</span>;
  return (
    <Tooltip title={`${formatWan(amount)} ${t('common.wanyuan')}`}>
      <span className="money">{formatYuan(amount)}</span>
    </Tooltip>
  );
}
