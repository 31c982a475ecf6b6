import type { LayoutLocale } from '@jixiao/core/export/official-layout';
import { Segmented } from 'antd';

/** 中文 / English switch for the language an official form is laid out in. */
export function FormLocaleSwitch({
  value,
  onChange,
}: {
  value: LayoutLocale;
  onChange: (locale: LayoutLocale) => void;
}) {
  return (
    <Segmented
      size="small"
      value={value}
      onChange={(v) => onChange(v === 'en' ? 'en' : 'zh')}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
