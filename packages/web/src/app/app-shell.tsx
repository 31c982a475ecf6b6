import {
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  LoginOutlined,
  LogoutOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Action } from '@jixiao/core/accounts/policies';
import { Button, Dropdown, type MenuProps, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { signOut, useSession, useUnauthenticatedRedirect } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { AppFrame } from './app-frame.tsx';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Pages of later issues (review, monitoring) show in the bar before they exist. */
  soon?: boolean;
  /**
   * Shown only to users who may do this (any of a list), as GET /api/auth/me says from the accounts
   * policies, or to anyone signed in.
   */
  requires?: Action | Action[] | 'signedIn';
}

const navItems: NavItem[] = [
  { path: '/tables', label: 'nav.tables', icon: <TableOutlined /> },
  { path: '/import', label: 'nav.import', icon: <CloudUploadOutlined />, requires: 'table.import' },
  {
    path: '/review',
    label: 'nav.review',
    icon: <FileSearchOutlined />,
    requires: ['table.review_department', 'table.review_finance'],
  },
  { path: '/monitoring', label: 'nav.monitoring', icon: <DashboardOutlined />, requires: 'signedIn' },
  {
    path: '/dashboard',
    label: 'nav.dashboard',
    icon: <BarChartOutlined />,
    // Reviewers, admins and auditors: the roles GET /api/dashboard serves.
    requires: ['table.review_department', 'table.review_finance', 'user.read', 'audit.read'],
  },
  { path: '/public', label: 'nav.public', icon: <GlobalOutlined /> },
  { path: '/admin', label: 'nav.admin', icon: <TeamOutlined />, requires: 'user.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.read' },
];

/** The signed-in user's name and roles with sign-out, or a sign-in button for anonymous visitors. */
function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  if (session.status === 'loading') return null;
  if (!session.user) {
    return (
      <Button
        size="small"
        type="primary"
        icon={<LoginOutlined />}
        onClick={() => navigate('/login')}
        data-testid="login-button"
      >
        {t('auth.login')}
      </Button>
    );
  }
  const roles = session.user.roles.map((role) => t(`role.${role}`)).join('、');
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'roles', label: roles, disabled: true },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="logout">{t('auth.logout')}</span>,
          },
        ],
        onClick: async ({ key }) => {
          if (key !== 'logout') return;
          await signOut();
          navigate('/login');
        },
      }}
    >
      <Button size="small" icon={<UserOutlined />} data-testid="user-menu">
        {session.user.displayName}
      </Button>
    </Dropdown>
  );
}

export function AppShell() {
  const { t } = useI18n();
  const location = useLocation();
  const session = useSession();
  useUnauthenticatedRedirect();
  const visibleItems = navItems.filter((item) => {
    if (!item.requires) return true;
    if (item.requires === 'signedIn') return session.user !== null;
    return [item.requires].flat().some((action) => session.can(action));
  });
  const selected = visibleItems.find((item) => location.pathname.startsWith(item.path))?.path;
  const items: MenuProps['items'] = visibleItems.map((item) => ({
    key: item.path,
    icon: item.icon,
    disabled: item.soon,
    label: item.soon ? (
      <Tooltip title={t('nav.soon')}>
        <span>{t(item.label)}</span>
      </Tooltip>
    ) : (
      <Link to={item.path}>{t(item.label)}</Link>
    ),
  }));
  return (
    <AppFrame
      home="/tables"
      label={t('app.name')}
      title="绩效 Jixiao"
      subtitle={t('app.subtitle')}
      selectedKeys={selected ? [selected] : []}
      items={items}
      actions={<UserMenu />}
    />
  );
}
