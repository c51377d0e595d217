/** Log in with login + password; the server sets the session cookie, then the visitor returns where they were. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { apiError } from '../common/errors';
import { usePageTitle } from '../common/usePageTitle';

const LoginDocument = graphql(`
  mutation Login($login: String!, $password: String!) {
    login(login: $login, password: $password) {
      expiresAt
      user {
        id
        name
        mustChangePassword
      }
    }
  }
`);

interface LoginValues {
  login: string;
  password: string;
}

/** Only same-site paths: a `from` pointing elsewhere would make the login page an open redirect. */
function safeFrom(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  const [login, { loading }] = useMutation(LoginDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const from = safeFrom((location.state as { from?: unknown } | null)?.from);

  const onFinish = async (values: LoginValues) => {
    setFailure(null);
    let mustChange = false;
    try {
      const r = await login({ variables: { login: values.login.trim(), password: values.password } });
      mustChange = !!r.data?.login.user.mustChangePassword;
    } catch (e) {
      const err = apiError(e);
      if (err.code === 'RATE_LIMITED') setFailure(t('users.login.rateLimited', { minutes: Number(err.extensions.retryAfterMinutes ?? 1) }));
      else if (err.code === 'UNAUTHENTICATED') setFailure(t('users.login.wrong'));
      else if (err.code === 'ACCOUNT_DISABLED') setFailure(t('users.login.disabled'));
      else setFailure(t('login.failed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
      return;
    }
    // A new user: nothing cached for the previous one may survive (working copies, roles).
    await client.resetStore();
    // A temporary password: nothing else works until it is changed.
    void navigate(mustChange ? '/me/password' : from, { replace: true });
  };

  return (
    <div className="page page-login">
      <Card className="login-card" title={<h1 className="card-heading">{t('login.heading')}</h1>}>
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
        <Form<LoginValues> layout="vertical" name="login" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.login') }) }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={loading} block>
            {t('login.submit')}
          </Button>
        </Form>
        <p className="login-links">
          <Link to="/register" state={{ from }}>
            {t('users.login.register')}
          </Link>
          <Link to="/forgot-password">{t('users.login.forgot')}</Link>
        </p>
      </Card>
    </div>
  );
}
