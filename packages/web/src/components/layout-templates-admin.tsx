import type { LayoutTemplate } from '@jixiao/core/tables/column-mapping.schema';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { toApiError } from '../api/api-client.ts';
import { layoutTemplatesApi } from '../api/layout-templates.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';

/**
 * 版式模板 on the admin page: every layout template saved while importing, retired ones too,
 * and (administrators) a button that retires one; the server records it in the audit log.
 */
export function LayoutTemplatesAdmin() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const canManage = session.can('layout_template.manage');
  const [retiring, setRetiring] = useState<string | null>(null);
  const list = useLoad(queryKeys.layoutTemplates(canManage), () => layoutTemplatesApi.list(canManage));
  useEffect(() => {
    if (list.error) message.error(pick(list.error.problem));
  }, [list.error, message, pick]);

  // Sharing and retiring both run one call on a template, then say so and reload the list.
  async function act(
    template: LayoutTemplate,
    call: (id: string) => Promise<unknown>,
    done: 'templates.sharedDone' | 'templates.retiredDone',
  ) {
    setRetiring(template.id);
    try {
      await call(template.id);
      message.success(t(done, { name: template.name }));
      list.reload();
    } catch (error) {
      message.error(pick(toApiError(error).problem));
    } finally {
      setRetiring(null);
    }
  }

  return (
    <div data-testid="templates-admin">
      <Alert type="info" showIcon title={t('templates.hint')} style={{ marginBottom: 16 }} />
      <Table<LayoutTemplate>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('templates.none') }}
        columns={[
          { title: t('templates.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('templates.unit'),
            key: 'unit',
            render: (_, item) => item.organisationName ?? t('templates.region'),
          },
          {
            title: t('templates.header'),
            key: 'header',
            render: (_, item) => <span className="muted">{item.signature.headerWords.join(' | ')}</span>,
          },
          { title: t('templates.columns'), key: 'columns', render: (_, item) => item.signature.columnCount },
          {
            title: t('templates.createdAt'),
            key: 'createdAt',
            render: (_, item) => formatDateTime(item.createdAt, locale),
          },
          {
            title: t('templates.status'),
            key: 'status',
            render: (_, item) =>
              item.retiredAt ? (
                <Tag>{t('templates.retired')}</Tag>
              ) : (
                <Tag color="green">{t('templates.active')}</Tag>
              ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, item: LayoutTemplate) =>
                    item.retiredAt ? null : (
                      <Space size="small">
                        {item.organisationId !== null && (
                          <Button
                            size="small"
                            loading={retiring === item.id}
                            onClick={() =>
                              void act(item, layoutTemplatesApi.shareWithRegion, 'templates.sharedDone')
                            }
                            data-testid="template-share"
                          >
                            {t('templates.share')}
                          </Button>
                        )}
                        <Popconfirm
                          title={t('templates.retireConfirm', { name: item.name })}
                          okText={t('templates.retire')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => void act(item, layoutTemplatesApi.retire, 'templates.retiredDone')}
                        >
                          <Button
                            size="small"
                            danger
                            loading={retiring === item.id}
                            data-testid="template-retire"
                          >
                            {t('templates.retire')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
