import { InputNumber } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { formatWan } from '../lib/money.ts';

interface MoneyInputProps {
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  id?: string;
  status?: 'error' | '';
}

const withSeparators = (text: string) => {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};

/**
 * An amount in 元 typed with thousands separators; 万元 is shown beside it because budgets are
 * discussed in 万元 while the form records 元. Values are not rounded here: the schema reports 分 errors.
 */
export function MoneyInput({ value, onChange, id, status }: MoneyInputProps) {
  const { t } = useI18n();
  return (
    <div className="money-input">
      <InputNumber<number>
        id={id}
        style={{ width: '100%' }}
        value={value ?? null}
        status={status}
        controls={false}
        formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : withSeparators(`${v}`))}
        parser={(text) => {
          const cleaned = (text ?? '').replace(/[,，\s元]/g, '');
          return cleaned === '' ? (null as unknown as number) : Number(cleaned);
        }}
        onChange={(v) => onChange(v === null || v === undefined || Number.isNaN(v) ? null : v)}
        suffix={t('common.yuan')}
        inputMode="decimal"
      />
      <div className="money-hint" data-testid={id ? `${id}-wan` : undefined}>
        {value !== null && value !== undefined ? `≈ ${formatWan(value)} ${t('common.wanyuan')}` : '\u00a0'}
      </div>
    </div>
  );
}
