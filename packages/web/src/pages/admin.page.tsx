import { PlusOutlined } from '@ant-design/icons';
import {
  type Organisation,
  type OrganisationKind,
  organisationKindSchema,
  type Role,
  roleSchema,
  type User,
} from '@jixiao/core/accounts/account.schema';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Tree,
  type TreeDataNode,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { accountsApi } from '../api/accounts.api.ts';
import { toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { ForbiddenResult } from '../app/forbidden.tsx';
import { BudgetYearsAdmin } from '../components/budget-years-admin.tsx';
import { LayoutTemplatesAdmin } from '../components/layout-templates-admin.tsx';
import { LoginThrottlesAdmin } from '../components/login-throttles-admin.tsx';
import { PageHead } from '../components/page-head.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface UserForm {
  username: string;
  displayName: string;
  organisationId: string | null;
  roles: Role[];
  password: string;
}

interface OrganisationForm {
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

function organisationTree(organisations: Organisation[], t: (key: `orgKind.${OrganisationKind}`) => string) {
  const children = (parentId: string | null): TreeDataNode[] =>
    organisations
      .filter((o) => o.parentId === parentId)
      .map((o) => ({
        key: o.id,
        title: (
          <span data-testid="org-node">
            {o.name} <Tag>{t(`orgKind.${o.kind}`)}</Tag>
          </span>
        ),
        children: children(o.id),
      }));
  return children(null);
}

/** Accounts administration: users (create, roles, password reset, deactivate), the organisation tree, budget years and sign-in throttles. */
export default function AdminPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [userForm] = Form.useForm<UserForm>();
  const [orgForm] = Form.useForm<OrganisationForm>();
  const [editOrgForm] = Form.useForm<OrganisationForm>();
  const [editingOrg, setEditingOrg] = useState<Organisation | null>(null);

  const allowed = session.can('user.read');
  // Through the shared cache (the organisations as every page names them): a write to users or
  // organisations marks both stale, and the lists load again.
  const usersQuery = useLoad(queryKeys.accounts('users'), accountsApi.users, { enabled: allowed });
  const orgsQuery = useLoad(queryKeys.accounts('organisations'), accountsApi.organisations, {
    enabled: allowed,
  });
  const users: User[] = usersQuery.data ?? [];
  const organisations: Organisation[] = orgsQuery.data ?? [];
  const loading = usersQuery.loading || orgsQuery.loading;
  const loadError = usersQuery.error ?? orgsQuery.error;
  useEffect(() => {
    if (loadError) message.error(pick(loadError.problem));
  }, [loadError, message, pick]);

  const orgName = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const orgOptions = organisations.map((o) => ({
    value: o.id,
    label: `${o.name}（${t(`orgKind.${o.kind}`)}）`,
  }));
  const roleOptions = roleSchema.options.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const canManage = session.can('user.manage');

  async function run<T>(work: () => Promise<T>, done: string): Promise<T | undefined> {
    setSaving(true);
    try {
      const result = await work();
      message.success(done);
      return result;
    } catch (error) {
      message.error(pick(toApiError(error).problem));
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  async function submitUser() {
    const values = await userForm.validateFields();
    if (dialog?.kind === 'create') {
      const created = await run(
        () => accountsApi.createUser({ ...values, organisationId: values.organisationId ?? null }),
        t('admin.created', { name: values.username }),
      );
      if (created) setDialog(null);
    } else if (dialog?.kind === 'edit') {
      const saved = await run(
        () =>
          accountsApi.updateUser(dialog.user.id, {
            displayName: values.displayName,
            organisationId: values.organisationId ?? null,
            roles: values.roles,
          }),
        t('admin.saved'),
      );
      if (saved) setDialog(null);
    } else if (dialog?.kind === 'password') {
      const saved = await run(
        () => accountsApi.resetPassword(dialog.user.id, values.password),
        t('admin.passwordReset'),
      );
      if (saved) setDialog(null);
    }
  }

  function open(next: Dialog) {
    userForm.resetFields();
    if (next?.kind === 'edit') {
      userForm.setFieldsValue({
        displayName: next.user.displayName,
        organisationId: next.user.organisationId,
        roles: next.user.roles,
      });
    }
    setDialog(next);
  }

  if (session.status === 'ready' && !allowed) {
    return <ForbiddenResult message={t('admin.forbidden')} />;
  }

  const columns: TableProps<User>['columns'] = [
    { title: t('auth.username'), dataIndex: 'username', key: 'username' },
    { title: t('admin.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('admin.organisation'),
      key: 'organisation',
      render: (_, user) =>
        user.organisationId ? (orgName.get(user.organisationId) ?? '—') : t('admin.none'),
    },
    {
      title: t('admin.roles'),
      key: 'roles',
      render: (_, user) => user.roles.map((role) => <Tag key={role}>{t(`role.${role}`)}</Tag>),
    },
    {
      title: t('admin.status'),
      key: 'status',
      render: (_, user) => {
        if (!user.active) return <Tag color="default">{t('admin.inactive')}</Tag>;
        if (user.mustChangePassword) return <Tag color="orange">{t('admin.mustChangePassword')}</Tag>;
        return <Tag color="green">{t('admin.active')}</Tag>;
      },
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, user: User) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => open({ kind: 'edit', user })}>
                  {t('admin.editRoles')}
                </Button>
                <Button size="small" onClick={() => open({ kind: 'password', user })}>
                  {t('admin.resetPassword')}
                </Button>
                {/* Deactivating signs the person out of their work: ask first; reactivating needs no confirmation. */}
                <Popconfirm
                  title={t('admin.deactivateConfirm', { name: user.displayName })}
                  disabled={!user.active || user.id === session.user?.id}
                  okText={t('admin.deactivate')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    run(() => accountsApi.updateUser(user.id, { active: false }), t('admin.saved'))
                  }
                >
                  <Button
                    size="small"
                    danger={user.active}
                    disabled={user.id === session.user?.id}
                    data-testid="admin-user-active"
                    onClick={
                      user.active
                        ? undefined
                        : () =>
                            void run(
                              () => accountsApi.updateUser(user.id, { active: true }),
                              t('admin.saved'),
                            )
                    }
                  >
                    {user.active ? t('admin.deactivate') : t('admin.activate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const usersTab = (
    <div className="panel">
      {canManage ? (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open({ kind: 'create' })}
            data-testid="admin-new-user"
          >
            {t('admin.newUser')}
          </Button>
        </div>
      ) : null}
      <Table<User>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={users}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="admin-users"
      />
    </div>
  );

  const organisationsTab = (
    <div className="panel" style={{ paddingBottom: 16 }}>
      {canManage ? (
        <Form<OrganisationForm>
          form={orgForm}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          initialValues={{ kind: 'unit', parentId: null }}
          onFinish={async (values) => {
            const created = await run(
              () => accountsApi.createOrganisation({ ...values, parentId: values.parentId ?? null }),
              t('admin.saved'),
            );
            if (created) orgForm.resetFields();
          }}
        >
          <Form.Item name="name" rules={[{ required: true, message: t('validation.required') }]}>
            <Input placeholder={t('admin.orgName')} style={{ width: 260 }} data-testid="org-name" />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 130 }}
              options={organisationKindSchema.options.map((kind) => ({
                value: kind,
                label: t(`orgKind.${kind}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="parentId">
            <Select
              allowClear
              placeholder={t('admin.orgParent')}
              style={{ width: 300 }}
              options={orgOptions}
              data-testid="org-parent"
            />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="org-create">
            {t('admin.newOrganisation')}
          </Button>
        </Form>
      ) : null}
      <Tree
        treeData={organisationTree(organisations, t)}
        defaultExpandAll
        key={organisations.length}
        selectedKeys={[]}
        onSelect={(keys) => {
          // Selecting a unit opens it for renaming or moving (admins only).
          const org = canManage ? organisations.find((o) => o.id === keys[0]) : undefined;
          if (!org) return;
          editOrgForm.setFieldsValue({ name: org.name, kind: org.kind, parentId: org.parentId });
          setEditingOrg(org);
        }}
      />
      <Modal
        open={editingOrg !== null}
        title={editingOrg?.name}
        onCancel={() => setEditingOrg(null)}
        confirmLoading={saving}
        onOk={async () => {
          if (!editingOrg) return;
          const values = await editOrgForm.validateFields();
          const saved = await run(
            () =>
              accountsApi.updateOrganisation(editingOrg.id, {
                name: values.name,
                parentId: values.parentId ?? null,
              }),
            t('admin.saved'),
          );
          if (saved) setEditingOrg(null);
        }}
      >
        <Form<OrganisationForm> form={editOrgForm} layout="vertical">
          <Form.Item name="name" label={t('admin.orgName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="parentId" label={t('admin.orgParent')}>
            <Select allowClear options={orgOptions.filter((option) => option.value !== editingOrg?.id)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );

  return (
    <div data-testid="admin-page">
      <PageHead title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <Tabs
        items={[
          { key: 'users', label: t('admin.users'), children: usersTab },
          { key: 'organisations', label: t('admin.organisations'), children: organisationsTab },
          { key: 'years', label: t('years.tab'), children: <BudgetYearsAdmin /> },
          { key: 'throttles', label: t('admin.throttles'), children: <LoginThrottlesAdmin /> },
          { key: 'templates', label: t('templates.tab'), children: <LayoutTemplatesAdmin /> },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'create'
            ? t('admin.newUser')
            : dialog?.kind === 'password'
              ? `${t('admin.resetPassword')}：${dialog.user.username}`
              : dialog?.kind === 'edit'
                ? dialog.user.username
                : ''
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submitUser()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'admin-user-save' } as Record<string, string>}
        destroyOnHidden
      >
        <Form<UserForm> form={userForm} layout="vertical" preserve={false}>
          {dialog?.kind === 'create' ? (
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, min: 2 }]}>
              <Input autoComplete="off" data-testid="admin-user-username" />
            </Form.Item>
          ) : null}
          {dialog?.kind !== 'password' ? (
            <>
              <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true }]}>
                <Input data-testid="admin-user-display-name" />
              </Form.Item>
              <Form.Item name="organisationId" label={t('admin.organisation')}>
                <Select allowClear options={orgOptions} data-testid="admin-user-organisation" />
              </Form.Item>
              <Form.Item name="roles" label={t('admin.roles')} rules={[{ required: true }]}>
                <Select mode="multiple" options={roleOptions} data-testid="admin-user-roles" />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind !== 'edit' ? (
            <Form.Item name="password" label={t('admin.newPassword')} rules={[{ required: true, min: 8 }]}>
              <Input.Password autoComplete="new-password" data-testid="admin-user-password" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
