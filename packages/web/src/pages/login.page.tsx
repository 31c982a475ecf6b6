import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { toApiError } from '../api/api-client.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { signIn } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface LoginForm {
  username: string;
  password: string;
}

/**
 * Only same-site paths are followed after sign-in (no open redirect through ?next=); without one the
 * user lands on the workbench (我的待办).
 */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/workbench';
}

export default function LoginPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.login'));

  async function submit(values: LoginForm) {
    setBusy(true);
    setError(null);
    try {
      const info = await signIn(values.username, values.password);
      const next = safeNext(params.get('next'));
      // An account an administrator set up chooses its own password before anything else.
      navigate(info.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, {
        replace: true,
      });
    } catch (failure) {
      setError(pick(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="login-page" style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('auth.loginTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
        {params.get('next') && !error ? (
          <Alert type="info" showIcon title={t('auth.required')} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? (
          <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('auth.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
