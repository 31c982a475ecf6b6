import {
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DiffOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  KeyOutlined,
  LoginOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Action } from '@jixiao/core/accounts/policies';
import { Badge, Button, Dropdown, type MenuProps, Tag, Tooltip } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useDefaultDocumentTitle } from '../hooks/use-document-title.ts';
import { useOrganisationName } from '../hooks/use-organisation-name.ts';
import { signOut, useSession, useUnauthenticatedRedirect } from '../hooks/use-session.ts';
import { useWorkbenchCount } from '../hooks/use-workbench-count.ts';
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
  { path: '/workbench', label: 'nav.workbench', icon: <CheckSquareOutlined />, requires: 'signedIn' },
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
  {
    path: '/recheck',
    label: 'nav.recheck',
    icon: <DiffOutlined />,
    // The reviewers above units, admins and auditors: the roles GET /api/self-evaluations/recheck serves.
    requires: ['table.review_department', 'table.review_finance', 'user.read', 'audit.read'],
  },
  { path: '/rules', label: 'nav.rules', icon: <SafetyCertificateOutlined />, requires: 'signedIn' },
  { path: '/public', label: 'nav.public', icon: <GlobalOutlined /> },
  { path: '/admin', label: 'nav.admin', icon: <TeamOutlined />, requires: 'user.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.read' },
];

/**
 * Who is working and in what capacity: name, role(s) and organisation always visible in the header
 * (reviewers and authors of several units share screens and screenshots), with sign-out in its menu.
 * Anonymous visitors get a sign-in button.
 */
function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const organisation = useOrganisationName(session.user?.organisationId);
  if (session.status === 'loading') return null;
  // Unreachable server: saying "sign in" would suggest the user was signed out, which nobody knows.
  if (session.offline) {
    return (
      <Tag color="warning" data-testid="offline">
        {t('error.network')}
      </Tag>
    );
  }
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
  const where = organisation ?? '';
  return (
    <Dropdown
      // Click too (Enter/Space on the focused button), so sign-out is reachable from the keyboard.
      trigger={['hover', 'click']}
      menu={{
        items: [
          { key: 'roles', label: roles, disabled: true },
          ...(where ? [{ key: 'organisation', label: where, disabled: true }] : []),
          { type: 'divider' },
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="change-password">{t('auth.changePassword')}</span>,
          },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="logout">{t('auth.logout')}</span>,
          },
        ],
        onClick: async ({ key }) => {
          if (key === 'password') navigate('/change-password');
          if (key !== 'logout') return;
          await signOut();
          navigate('/login');
        },
      }}
    >
      <Button type="text" className="app-user" data-testid="user-menu">
        <UserOutlined />
        <span className="app-user-text">
          <span className="app-user-name">{session.user.displayName}</span>
          <span
            className="app-user-role"
            data-testid="user-role"
            title={where ? `${roles} · ${where}` : roles}
          >
            {where ? `${roles} · ${where}` : roles}
          </span>
        </span>
      </Button>
    </Dropdown>
  );
}

export function AppShell() {
  const { t, pick } = useI18n();
  const location = useLocation();
  const session = useSession();
  const navigate = useNavigate();
  useUnauthenticatedRedirect();
  // The server refuses everything else until an admin-set password is changed; go straight to the form.
  const mustChange = session.status === 'ready' && session.mustChangePassword === true;
  useEffect(() => {
    if (mustChange && location.pathname !== '/change-password') {
      navigate(`/change-password?next=${encodeURIComponent(location.pathname + location.search)}`, {
        replace: true,
      });
    }
  }, [mustChange, location.pathname, location.search, navigate]);
  const visibleItems = navItems.filter((item) => {
    // Until the server said who is signed in, no entry is shown: the signed-out entries would flash
    // and then be replaced on every reload.
    if (session.status === 'loading') return false;
    if (!item.requires) return true;
    if (item.requires === 'signedIn') return session.user !== null;
    return [item.requires].flat().some((action) => session.can(action));
  });
  const selectedItem = visibleItems.find((item) => location.pathname.startsWith(item.path));
  const selected = selectedItem?.path;
  const { count: todo, error: todoError } = useWorkbenchCount(session.user !== null);
  useDefaultDocumentTitle(selectedItem ? t(selectedItem.label) : null);
  const items: MenuProps['items'] = visibleItems.map((item) => ({
    key: item.path,
    icon: item.icon,
    disabled: item.soon,
    label: item.soon ? (
      <Tooltip title={t('nav.soon')}>
        <span>{t(item.label)}</span>
      </Tooltip>
    ) : item.path === '/workbench' && todoError ? (
      <Link to={item.path}>
        {t(item.label)}{' '}
        <Tooltip title={t('error.todoFailed', { reason: pick(todoError.problem) })}>
          <Badge
            count="!"
            size="small"
            title={t('error.todoFailed', { reason: pick(todoError.problem) })}
            data-testid="workbench-badge-error"
            data-code={todoError.problem.code}
          />
        </Tooltip>
      </Link>
    ) : item.path === '/workbench' && todo ? (
      <Link to={item.path}>
        {t(item.label)}{' '}
        <Badge
          count={todo}
          size="small"
          overflowCount={99}
          title={t('workbench.badge', { n: todo })}
          data-testid="workbench-badge"
        />
      </Link>
    ) : (
      <Link to={item.path}>{t(item.label)}</Link>
    ),
  }));
  return (
    <AppFrame
      home="/"
      label={t('app.name')}
      title="绩效 Jixiao"
      subtitle={t('app.subtitle')}
      selectedKeys={selected ? [selected] : []}
      items={items}
      actions={<UserMenu />}
    />
  );
}
