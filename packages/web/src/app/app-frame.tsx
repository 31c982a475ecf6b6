import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/i18n.tsx';
import { PageLoading } from './page-loading.tsx';

interface AppFrameProps {
  /** The brand links here; `label` is its accessible name, `title` and `subtitle` its two lines. */
  home: string;
  label: string;
  title: ReactNode;
  subtitle: ReactNode;
  selectedKeys: string[];
  items: MenuProps['items'];
  /** Header controls left of the language switch (user menu, sign-in link). */
  actions: ReactNode;
  testId?: string;
}

/** The frame both the staff app and the public portal share: brand, nav, actions + language switch, routed page. */
export function AppFrame({
  home,
  label,
  title,
  subtitle,
  selectedKeys,
  items,
  actions,
  testId,
}: AppFrameProps) {
  const { t, locale, setLocale } = useI18n();
  // Below 992 px the entries do not fit in one row: one button opens them in a drawer instead.
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change closes the drawer on purpose
  useEffect(() => setDrawerOpen(false), [pathname]);
  return (
    <Layout className="app-shell" data-testid={testId}>
      <Layout.Header className="app-header">
        <Link to={home} className="app-brand" aria-label={label}>
          <span className="app-brand-mark">绩</span>
          <span className="app-brand-name">
            <strong>{title}</strong>
            <small>{subtitle}</small>
          </span>
        </Link>
        {narrow ? (
          <>
            <span className="app-header-spacer" />
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setDrawerOpen(true)}
              data-testid="nav-drawer-open"
            />
            <Drawer
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              placement="left"
              size={280}
              title={title}
            >
              <div data-testid="nav-drawer">
                <Menu
                  mode="inline"
                  selectedKeys={selectedKeys}
                  items={items}
                  style={{ borderInlineEnd: 0 }}
                />
              </div>
            </Drawer>
          </>
        ) : (
          <Menu
            className="app-nav"
            mode="horizontal"
            selectedKeys={selectedKeys}
            items={items}
            disabledOverflow
          />
        )}
        <div className="app-header-right">
          {actions}
          <Button
            size="small"
            // antd spaces out two-character Chinese labels ("中 文"); a language name must read as written.
            autoInsertSpace={false}
            lang={locale === 'zh' ? 'en' : 'zh-CN'}
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
