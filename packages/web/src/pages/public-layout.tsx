import { LoginOutlined } from '@ant-design/icons';
import { Button, Layout, Menu } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { PageLoading } from '../app/page-loading.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The public portal's own frame: a light header with the catalogue, open data, language switch and a
 * staff sign-in link. No session is needed or loaded, so a visitor never meets a login redirect.
 */
export default function PublicLayout() {
  const { t, locale, setLocale } = useI18n();
  const { pathname } = useLocation();
  const selected = pathname.startsWith('/public/open-data') ? '/public/open-data' : '/public';
  return (
    <Layout className="app-shell" data-testid="public-layout">
      <Layout.Header className="app-header">
        <Link to="/public" className="app-brand" aria-label={t('portal.title')}>
          <span className="app-brand-mark">绩</span>
          <span className="app-brand-name">
            <strong>{t('portal.title')}</strong>
            <small>绩效 Jixiao</small>
          </span>
        </Link>
        <Menu
          className="app-nav"
          mode="horizontal"
          selectedKeys={[selected]}
          disabledOverflow
          items={[
            { key: '/public', label: <Link to="/public">{t('portal.catalogue')}</Link> },
            {
              key: '/public/open-data',
              label: (
                <Link to="/public/open-data" data-testid="open-data-link">
                  {t('portal.openData')}
                </Link>
              ),
            },
          ]}
        />
        <div className="app-header-right">
          <Link to="/login">
            <Button size="small" icon={<LoginOutlined />}>
              {t('portal.signIn')}
            </Button>
          </Link>
          <Button
            size="small"
            onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
            data-testid="language-switch"
          >
            {t('lang.switch')}
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
