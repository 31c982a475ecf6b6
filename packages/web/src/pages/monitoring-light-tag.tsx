import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

const COLORS: Record<Light, string> = {
  red: 'red',
  yellow: 'gold',
  grey: 'default',
  blue: 'blue',
  green: 'green',
};

/** A monitoring light (红/黄/绿/蓝灯, or grey while nothing is entered) as a coloured tag. */
export function LightTag({ light, testId }: { light: Light; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[light]} data-testid={testId ?? 'light'} data-light={light}>
      {t(`light.${light}`)}
    </Tag>
  );
}
