import type { ImportCandidate } from '@jixiao/core/tables/table-record.schema';
import { Select } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Which stored table an uploaded form (a monitoring form, a filled 自评表) goes into: the table the server
 * matched, named with its unit, year and status, else a choice among `candidates` after `extraOptions`.
 * `testId` names both (`<testId>-matched`, `<testId>-table-select`).
 */
export function ImportTableChoice({
  matched,
  candidates,
  tableId,
  onTable,
  testId,
  minWidth,
  disabled = false,
  extraOptions = [],
}: {
  matched: ImportCandidate | undefined;
  candidates: readonly ImportCandidate[];
  tableId: string | null;
  onTable: (id: string) => void;
  testId: string;
  minWidth: number;
  disabled?: boolean;
  extraOptions?: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  if (matched) {
    return (
      <span data-testid={`${testId}-matched`}>
        {t('monitoringImport.matched')} <strong>{matched.name}</strong>{' '}
        <span className="muted">
          {matched.unit} · {matched.year} · {t(`status.${matched.status}`)}
        </span>
      </span>
    );
  }
  return (
    <Select
      style={{ minWidth }}
      placeholder={t('monitoringImport.chooseTable')}
      aria-label={t('monitoringImport.chooseTable')}
      value={tableId ?? undefined}
      onChange={onTable}
      disabled={disabled}
      options={[
        ...extraOptions,
        ...candidates.map((c) => ({
          value: c.tableId,
          label: `${c.name}（${c.year} · ${t(`status.${c.status}`)}）`,
        })),
      ]}
      data-testid={`${testId}-table-select`}
    />
  );
}
