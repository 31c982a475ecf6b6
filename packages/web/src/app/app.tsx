import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { queryClient } from '../api/query-client.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { router } from './routes.tsx';

const fontFamily =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function Themed() {
  const { locale, antdLocale } = useI18n();
  useEffect(() => {
    dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  }, [locale]);
  return (
    <ConfigProvider
      locale={antdLocale}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1d4f91',
          colorInfo: '#1d4f91',
          colorLink: '#1d4f91',
          borderRadius: 4,
          fontFamily,
          fontSize: 14,
          colorBgLayout: '#f2f4f7',
          // The backgrounds antd derives from the navy brand colour are grey-blue, which reads as disabled:
          // information and selection get antd's own light blue instead.
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
          colorPrimaryBg: '#e6f4ff',
          colorPrimaryBgHover: '#bae0ff',
        },
        components: {
          Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
          Table: {
            headerBg: '#f5f7fa',
            headerColor: '#3a4556',
            cellPaddingBlockSM: 6,
            rowSelectedBg: '#e6f4ff',
            rowSelectedHoverBg: '#bae0ff',
          },
          Card: { headerFontSize: 15 },
          Menu: { itemBg: 'transparent', horizontalItemSelectedColor: '#1d4f91' },
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
