import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { Button, Select, Space, Typography } from 'antd';
import type { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A clearable organisation filter ("all" when cleared), searchable by name. When the list could not be
 * read (`error`) it says so beside the filter, with a retry, instead of offering no organisations as if
 * there were none.
 */
export function OrganisationSelect({
  organisations,
  value,
  onChange,
  placeholder,
  testId,
  error = null,
  onRetry,
}: {
  organisations: readonly Organisation[];
  value: string | undefined;
  onChange: (organisationId: string | undefined) => void;
  placeholder: string;
  testId?: string;
  error?: ApiError | null;
  onRetry?: () => void;
}) {
  const { t, pick } = useI18n();
  const select = (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      style={{ width: 260 }}
      value={value}
      onChange={(organisationId?: string) => onChange(organisationId)}
      options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      data-testid={testId}
    />
  );
  if (!error) return select;
  return (
    <Space size={4} wrap>
      {select}
      <Typography.Text type="danger" data-testid="organisations-error" data-code={error.problem.code}>
        {t('error.organisationsFailed', { reason: pick(error.problem) })}
      </Typography.Text>
      {onRetry && (
        <Button size="small" onClick={onRetry} data-testid="organisations-retry">
          {t('common.retry')}
        </Button>
      )}
    </Space>
  );
}
