import { Select } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** A clearable year filter ("all years" when cleared) over the years the data has. */
export function YearSelect({
  years,
  value,
  onChange,
  testId,
}: {
  years: readonly number[];
  value: number | undefined;
  onChange: (year: number | undefined) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      placeholder={t('dashboard.allYears')}
      style={{ width: 140 }}
      value={value}
      onChange={(v: number | undefined) => onChange(v)}
      options={years.map((y) => ({ value: y, label: String(y) }))}
      data-testid={testId}
    />
  );
}
