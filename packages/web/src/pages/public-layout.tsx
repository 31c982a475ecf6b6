import { LoginOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { AppFrame } from '../app/app-frame.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The public portal's own frame: a light header with the catalogue, open data, language switch and a
 * staff sign-in link. No session is needed or loaded, so a visitor never meets a login redirect.
 */
export default function PublicLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const selected = pathname.startsWith('/public/open-data') ? '/public/open-data' : '/public';
  return (
    <AppFrame
      home="/public"
      label={t('portal.title')}
      title={t('portal.title')}
      subtitle="绩效 Jixiao"
      selectedKeys={[selected]}
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
      actions={
        <Link to="/login">
          <Button size="small" icon={<LoginOutlined />}>
            {t('portal.signIn')}
          </Button>
        </Link>
      }
      testId="public-layout"
    />
  );
}
