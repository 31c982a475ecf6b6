import { formatYuan } from '@jixiao/core/money/money';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan } from '../lib/money.ts';

/** An amount in 元 with separators, and under it the same in 万元 (how budgets are discussed). */
export function MoneyText({ amount }: { amount: number | null | undefined }) {
  const { t } = useI18n();
  if (amount === null || amount === undefined) return <span className="muted">—</span>;
  return (
    <span className="money-text">
      <span className="money">{formatYuan(amount)}</span>
      <span className="money-hint">
        {formatWan(amount)} {t('common.wanyuan')}
      </span>
    </span>
  );
}
