import type { IndicatorSource } from '@jixiao/core/tables/table.schema';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** An adopted row's source, on the row in the editor: which published project it came from. */
export function AdoptedFromTag({ source }: { source: IndicatorSource }) {
  const { t } = useI18n();
  return (
    <Tooltip
      title={t('peers.adoptedFromTip', {
        unit: source.unit,
        project: source.project,
        year: source.year,
        actual: source.actual ? t('peers.adoptedActual', { actual: source.actual }) : '',
      })}
    >
      <Tag color="purple" bordered={false} data-testid="adopted-from" style={{ marginTop: 4 }}>
        {t('peers.adoptedFrom', { project: source.project, year: source.year })}
      </Tag>
    </Tooltip>
  );
}
