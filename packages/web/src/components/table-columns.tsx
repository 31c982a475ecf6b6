import type { ColumnType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { useI18n } from '../i18n/i18n.tsx';
import { StatusTag } from './status-tag.tsx';

type Translate = ReturnType<typeof useI18n>['t'];

// The columns the lists of target tables open with (name, unit, year, status), alike on every page so a
// table is recognised wherever it is listed.

/** The table's name, a link to where the list takes it when `linkOf` is given. */
export function nameColumn<T extends { name: string }>(
  t: Translate,
  linkOf?: (row: T) => string,
  testId?: string,
): ColumnType<T> {
  return {
    title: t('list.name'),
    dataIndex: 'name',
    key: 'name',
    render: linkOf
      ? (name: string, row) => (
          <Link to={linkOf(row)} data-testid={testId}>
            {name}
          </Link>
        )
      : undefined,
  };
}

/** The table's unit, cut short with an ellipsis. */
export function unitColumn<T>(t: Translate): ColumnType<T> {
  return { title: t('list.unit'), dataIndex: 'unit', key: 'unit', ellipsis: true };
}

export function yearColumn<T>(t: Translate, width: number): ColumnType<T> {
  return { title: t('list.year'), dataIndex: 'year', key: 'year', width };
}

/** The table's workflow status as a coloured tag. */
export function statusColumn<T>(t: Translate, width: number): ColumnType<T> {
  return {
    title: t('list.status'),
    dataIndex: 'status',
    key: 'status',
    width,
    render: (status: string) => <StatusTag status={status} />,
  };
}
