import { Alert, Select, Space } from 'antd';
import type { ApiError } from '../api/api-client.ts';
import type { SelfEvaluationMatch } from '../api/recheck.api.ts';
import { ImportTableChoice, ImportTargetCard } from '../components/import-table-choice.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The choice of a filled 自评表's own table (a past year's form whose table is not in the system). */
export const OWN_TABLE = 'own-table';

/**
 * Where an uploaded, filled 自评表 goes: the approved table of the same project, unit and year (found),
 * one the user chooses, or its own table (a past year); and the scoring scheme, as its printed weights
 * tell or as chosen. The re-check scores 预算执行率 by the scheme, so a printed 分值 the chosen scheme does
 * not give (20 on the form, 10 in the scheme) is said before confirming rather than found in the gaps.
 */
export function SelfEvaluationTarget({
  match,
  error = null,
  onRetry,
  tableId,
  schemeId,
  printedExecutionWeight,
  onTable,
  onScheme,
}: {
  match: SelfEvaluationMatch | null;
  /** Why the look-up of the table failed (not a missing match), with its retry. */
  error?: ApiError | null;
  onRetry?: () => void;
  tableId: string | null;
  schemeId: string | null;
  /** 预算执行率 分值 as read (and perhaps corrected) in the preview; null when the form prints none. */
  printedExecutionWeight: number | null;
  onTable: (id: string) => void;
  onScheme: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  const matched = match?.tableId ? match.candidates.find((c) => c.tableId === match.tableId) : undefined;
  const chosen = match?.schemes.find((s) => s.id === schemeId);
  const mismatch =
    printedExecutionWeight !== null &&
    chosen !== undefined &&
    Math.abs(chosen.executionWeight - printedExecutionWeight) > 1e-9;
  return (
    <ImportTargetCard
      title={t('selfEvaluationImport.into')}
      testId="self-evaluation"
      error={error}
      onRetry={onRetry}
    >
      {match && !matched && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('selfEvaluationImport.noMatch')} />
      )}
      <Space wrap align="center">
        <ImportTableChoice
          matched={matched}
          candidates={match?.candidates ?? []}
          tableId={tableId}
          onTable={onTable}
          testId="self-evaluation"
          minWidth={360}
          extraOptions={[{ value: OWN_TABLE, label: t('selfEvaluationImport.ownTable') }]}
        />
        <span>
          <span className="mini-label" style={{ marginRight: 6 }}>
            {t('selfEvaluationImport.scheme')}
          </span>
          <Select
            style={{ minWidth: 320 }}
            value={schemeId ?? undefined}
            onChange={onScheme}
            options={(match?.schemes ?? []).map((s) => ({
              value: s.id,
              label:
                s.id === match?.schemeId
                  ? `${pick(s.name)}${t('selfEvaluationImport.detected')}`
                  : pick(s.name),
            }))}
            data-testid="self-evaluation-scheme"
          />
        </span>
        {printedExecutionWeight !== null && (
          <span className="muted" data-testid="self-evaluation-printed-execution">
            {t('selfEvaluationImport.printedExecution', { weight: printedExecutionWeight })}
          </span>
        )}
      </Space>
      {mismatch && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('selfEvaluationImport.executionMismatch', {
            printed: printedExecutionWeight,
            scheme: chosen.executionWeight,
          })}
          data-testid="self-evaluation-execution-mismatch"
        />
      )}
    </ImportTargetCard>
  );
}
