import type { Indicator } from '@jixiao/core/tables/table.schema';
import type { ColumnType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ResponsiveTable } from './responsive-table.tsx';

/** A row of the table: the indicator and its place in the target table (what the entry is keyed by). */
export interface IndicatorEntryRow {
  indicator: Indicator;
  index: number;
}

/**
 * The indicators of a table one a row, for entering what happened to each (monitoring, self-evaluation):
 * name and target first, as the table states them, then the page's own `columns`.
 */
export function IndicatorEntryTable({
  indicators,
  targetTitle,
  targetWidth,
  rowTestId,
  columns,
}: {
  indicators: readonly Indicator[];
  targetTitle: string;
  targetWidth: number;
  rowTestId: string;
  columns: ColumnType<IndicatorEntryRow>[];
}) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<IndicatorEntryRow>
      rowKey={(row) => String(row.index)}
      pagination={false}
      dataSource={indicators.map((indicator, index) => ({ indicator, index }))}
      onRow={() => ({ 'data-testid': rowTestId }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('selfEval.indicator'), key: 'name', render: (_, { indicator }) => indicator.name },
        {
          title: targetTitle,
          key: 'target',
          width: targetWidth,
          render: (_, { indicator }) => indicator.target.raw,
        },
        ...columns,
      ]}
    />
  );
}
