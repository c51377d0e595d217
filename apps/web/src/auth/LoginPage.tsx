/** Log in with login + password; the server sets the session cookie, then the visitor returns where they were. */
import { useId, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { apiError } from '../common/errors';
import { usePageTitle } from '../common/usePageTitle';
import { Alert, Button, Card } from '../common/ui';

const LoginDocument = graphql(`
  mutation Login($login: String!, $password: String!) {
    login(login: $login, password: $password) {
      expiresAt
      user {
        id
        name
        mustChangePassword
        roles {
          role
          jurisdiction {
            id
          }
        }
      }
    }
  }
`);

type Assignment = { role: string; jurisdiction?: { id: string } | null };

/**
 * Where a member of staff starts their day when no page sent them here: a clerk at the queue, a village agent at
 * their village (its items to lodge, and the 代办台账 in the menu), a supervisor at their jurisdiction's dashboard,
 * a directory administrator at the items, a system administrator at 用户管理; a citizen at the home page.
 */
export function landingFor(roles: readonly Assignment[]): string {
  const at = (role: string) => roles.find((r) => r.role === role);
  if (at('CLERK')) return '/clerk/queue';
  const agent = at('AGENT');
  if (agent?.jurisdiction) return `/place/${agent.jurisdiction.id}`;
  const supervisor = at('SUPERVISOR');
  if (supervisor?.jurisdiction) return `/supervision/${supervisor.jurisdiction.id}`;
  if (at('DIRECTORY_ADMIN')) return '/admin/items';
  if (at('SYSTEM_ADMIN')) return '/admin/users';
  return '/';
}

/** Only same-site paths: a `from` pointing elsewhere would make the login page an open redirect. */
function safeFrom(from: unknown): string | null {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : null;
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
  const [values, setValues] = useState({ login: '', password: '' });
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});
  const loginId = useId();
  const passwordId = useId();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const nowMissing = { login: !values.login.trim(), password: !values.password };
    setMissing(nowMissing);
    if (nowMissing.login || nowMissing.password) return;
    setFailure(null);
    let mustChange = false;
    let landing = '/';
    try {
      const r = await login({ variables: { login: values.login.trim(), password: values.password } });
      mustChange = !!r.data?.login.user.mustChangePassword;
      landing = landingFor(r.data?.login.user.roles ?? []);
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
    // A page that sent the visitor here (other than the home page) wins over the role's landing page.
    void navigate(mustChange ? '/me/password' : from && from !== '/' ? from : landing, { replace: true });
  };

  const field = (name: 'login' | 'password', id: string, label: string, type: string, autoComplete: string) => (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="text-input"
        type={type}
        autoComplete={autoComplete}
        value={values[name]}
        maxLength={200}
        aria-invalid={missing[name] || undefined}
        aria-describedby={missing[name] ? `${id}-error` : undefined}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
      {missing[name] && (
        <span id={`${id}-error`} className="field-error">
          {t('login.required', { field: label })}
        </span>
      )}
    </div>
  );

  return (
    <div className="page page-login">
      <Card className="login-card" title={<h1 className="card-heading">{t('login.heading')}</h1>}>
        {failure && <Alert type="error" title={failure} className="form-alert" />}
        <form name="login" onSubmit={(e) => void onSubmit(e)} noValidate>
          {field('login', loginId, t('login.login'), 'text', 'username')}
          {field('password', passwordId, t('login.password'), 'password', 'current-password')}
          <Button variant="primary" htmlType="submit" disabled={loading} block>
            {t('login.submit')}
          </Button>
        </form>
        <p className="login-links">
          <Link to="/register" state={{ from: from ?? undefined }}>
            {t('users.login.register')}
          </Link>
          <Link to="/forgot-password">{t('users.login.forgot')}</Link>
        </p>
      </Card>
    </div>
  );
}
