import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { Select } from 'antd';

/** A clearable organisation filter ("all" when cleared), searchable by name. */
export function OrganisationSelect({
  organisations,
  value,
  onChange,
  placeholder,
  testId,
}: {
  organisations: readonly Organisation[];
  value: string | undefined;
  onChange: (organisationId: string | undefined) => void;
  placeholder: string;
  testId?: string;
}) {
  return (
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
}
