import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { accountsApi } from '../api/accounts.api.ts';
import { ApiError, toApiError } from '../api/api-client.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { refreshSession, useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { safeNext } from './login.page.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * The user's own password change. An account an administrator created or reset lands here after sign-in
 * (the server refuses every other call until it is done); others reach it from the user menu.
 */
export default function ChangePasswordPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.changePasswordTitle'));

  async function submit(values: PasswordForm) {
    setBusy(true);
    setError(null);
    try {
      await accountsApi.changePassword(values.currentPassword, values.newPassword);
      await refreshSession();
      message.success(t('auth.passwordChanged'));
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.problem.path) {
        const field = failure.problem.path as keyof PasswordForm;
        if (field === 'currentPassword' || field === 'newPassword') {
          form.setFields([{ name: field, errors: [pick(failure.problem)] }]);
          return;
        }
      }
      setError(pick(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      data-testid="change-password-page"
      style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}
    >
      <Card style={{ width: 420 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('auth.changePasswordTitle')}
        </Typography.Title>
        {session.status === 'ready' && session.mustChangePassword ? (
          <Alert
            type="warning"
            showIcon
            title={t('auth.changePasswordRequired')}
            data-testid="change-password-required"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            data-testid="change-password-error"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('auth.currentPassword')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              autoFocus
              data-testid="current-password"
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.newPassword')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 8, message: t('auth.newPassword') },
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="new-password"
            />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="confirm-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
            {t('auth.changePassword')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
