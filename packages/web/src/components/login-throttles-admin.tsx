import type { LoginThrottle } from '@jixiao/core/accounts/login-throttle.schema';
import { Alert, App, Button, Popconfirm, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { accountsApi } from '../api/accounts.api.ts';
import { toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';

/**
 * 登录限制 on the admin page: the names, addresses and pairs that failed sign-ins are slowing down, and
 * (admins) a button that clears one, which the server records in the audit log.
 */
export function LoginThrottlesAdmin() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const canManage = session.can('user.manage');
  const [clearing, setClearing] = useState<string | null>(null);
  const list = useLoad(queryKeys.accounts('throttles'), () => accountsApi.throttles());
  useEffect(() => {
    if (list.error) message.error(pick(list.error.problem));
  }, [list.error, message, pick]);

  async function clear(item: LoginThrottle) {
    setClearing(`${item.scope}:${item.key}`);
    try {
      await accountsApi.clearThrottle(item.scope, item.key);
      message.success(t('admin.throttleCleared'));
      list.reload();
    } catch (error) {
      message.error(pick(toApiError(error).problem));
    } finally {
      setClearing(null);
    }
  }

  return (
    <div data-testid="throttles-admin">
      <Alert type="info" showIcon title={t('admin.throttlesHint')} style={{ marginBottom: 16 }} />
      <Table<LoginThrottle>
        rowKey={(item) => `${item.scope}:${item.key}`}
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('admin.throttleNone') }}
        columns={[
          {
            title: t('admin.throttleScope'),
            key: 'scope',
            render: (_, item) => <Tag>{t(`admin.throttleScope.${item.scope}`)}</Tag>,
          },
          { title: t('admin.throttleKey'), dataIndex: 'key', key: 'key' },
          { title: t('admin.throttleFailures'), dataIndex: 'failures', key: 'failures' },
          {
            title: t('admin.throttleLast'),
            key: 'last',
            render: (_, item) => formatDateTime(item.lastFailureAt, locale),
          },
          {
            title: t('admin.throttleBlockedUntil'),
            key: 'blocked',
            render: (_, item) =>
              item.blockedUntil && dayjs(item.blockedUntil).isAfter(dayjs()) ? (
                <Tag color="red">{formatDateTime(item.blockedUntil, locale)}</Tag>
              ) : (
                <Tag color="default">{t('admin.throttleNotBlocked')}</Tag>
              ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, item: LoginThrottle) => (
                    <Popconfirm
                      title={`${t('admin.throttleClear')} ${item.key}?`}
                      okText={t('admin.throttleClear')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => clear(item)}
                    >
                      <Button
                        size="small"
                        loading={clearing === `${item.scope}:${item.key}`}
                        data-testid="throttle-clear"
                      >
                        {t('admin.throttleClear')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
