import type { ImportCandidate } from '@jixiao/core/tables/table-record.schema';
import { Card, Select } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadError } from './load-error.tsx';

/**
 * The card where the user says which table an uploaded form goes into, with the failure of the server's
 * match shown first (a failed look-up is not "no match"). `testId` names the card (`<testId>-target`) and
 * the failure (`<testId>-match-error`).
 */
export function ImportTargetCard({
  title,
  testId,
  error,
  onRetry,
  children,
}: {
  title: string;
  testId: string;
  error: ApiError | null;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={`${testId}-target`}>
      {error && (
        <LoadError
          error={error}
          onRetry={onRetry}
          description={t('error.matchFailed')}
          style={{ marginBottom: 8 }}
          testId={`${testId}-match-error`}
        />
      )}
      {children}
    </Card>
  );
}

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
