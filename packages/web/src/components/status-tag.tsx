import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

const colors: Record<TableStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  department_reviewed: 'cyan',
  returned: 'warning',
  approved: 'success',
  published: 'blue',
};

/** The life-cycle state of a table as a coloured tag. Unknown states (added later) show their code. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const known = status in colors ? (status as TableStatus) : null;
  return (
    <Tag color={known ? colors[known] : 'default'} data-testid="status-tag">
      {known ? t(`status.${known}`) : status}
    </Tag>
  );
}
