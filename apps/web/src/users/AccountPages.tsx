/**
 * The citizen's and every user's own account: 注册 (with an SMS code), 忘记密码, 修改密码 (also the screen a temporary
 * password leads to) and 个人信息 (name; phone with re-verification). Every check the server makes is shown first.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Tag } from 'antd';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { isValidIdNumber } from '../applications/idNumber';
import { useViewer } from '../auth/viewer';
import { RequireLogin } from '../auth/RequireLogin';
import { usePageTitle } from '../common/usePageTitle';
import { CodeButton, PHONE_PATTERN, passwordRule, resetStoreQuietly, serverText, showOnField } from './common';
import './text';

const SendRegistrationCodeDocument = graphql(`
  mutation SendRegistrationCode($phone: String!, $idNumber: String!) {
    sendRegistrationCode(phone: $phone, idNumber: $idNumber) {
      expiresInMinutes
    }
  }
`);
const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      expiresAt
      user {
        id
      }
    }
  }
`);
const SendPasswordResetCodeDocument = graphql(`
  mutation SendPasswordResetCode($phone: String!) {
    sendPasswordResetCode(phone: $phone) {
      expiresInMinutes
    }
  }
`);
const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);
const ChangePasswordDocument = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(current: $current, next: $next) {
      id
      mustChangePassword
    }
  }
`);
const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($name: String!) {
    updateProfile(name: $name) {
      id
      name
    }
  }
`);
const SendPhoneChangeCodeDocument = graphql(`
  mutation SendPhoneChangeCode($phone: String!) {
    sendPhoneChangeCode(phone: $phone) {
      expiresInMinutes
    }
  }
`);
const ChangePhoneDocument = graphql(`
  mutation ChangePhone($phone: String!, $code: String!) {
    changePhone(phone: $phone, code: $code) {
      id
      phone
      login
    }
  }
`);

const codeRule = { pattern: /^\d{6}$/ };

function safeFrom(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !['/login', '/register'].includes(from) ? from : '/';
}

interface RegisterValues {
  name: string;
  phone: string;
  idNumber: string;
  password: string;
  code: string;
}

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.register.title'));
  const [form] = Form.useForm<RegisterValues>();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  const [sendCode] = useMutation(SendRegistrationCodeDocument);
  const [register, { loading }] = useMutation(RegisterDocument);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const from = safeFrom((location.state as { from?: unknown } | null)?.from);

  const onSend = async () => {
    setNotice(null);
    try {
      await form.validateFields(['phone', 'idNumber']);
    } catch {
      setNotice({ type: 'error', text: t('users.register.sendFirst') });
      return false;
    }
    const { phone, idNumber } = form.getFieldsValue();
    try {
      await sendCode({ variables: { phone: phone.trim(), idNumber: idNumber.trim().toUpperCase() } });
      setNotice({ type: 'success', text: t('users.code.sent', { phone: phone.trim() }) });
      return true;
    } catch (e) {
      setNotice({ type: 'error', text: serverText(e) });
      return false;
    }
  };

  const onFinish = async (v: RegisterValues) => {
    setNotice(null);
    try {
      await register({ variables: { input: { name: v.name.trim(), phone: v.phone.trim(), idNumber: v.idNumber.trim().toUpperCase(), password: v.password, code: v.code.trim() } } });
    } catch (e) {
      if (!showOnField(form, e, ['name', 'phone', 'idNumber', 'password', 'code'])) setNotice({ type: 'error', text: serverText(e) });
      return;
    }
    await resetStoreQuietly(client);
    void navigate(from, { replace: true });
  };

  return (
    <div className="page page-login">
      <Card className="login-card" title={<h1 className="card-heading">{t('users.register.heading')}</h1>}>
        <p>{t('users.register.intro')}</p>
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="form-alert" role={notice.type === 'error' ? 'alert' : 'status'} />}
        <Form<RegisterValues> form={form} layout="vertical" name="register" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('users.common.required', { field: t('users.fields.name') }) }, { max: 50 }]}>
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('users.fields.phone')} rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.phone') }) }, { pattern: PHONE_PATTERN, message: t('users.register.phoneInvalid') }]}>
            <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('users.fields.idNumber')}
            validateTrigger={['onChange', 'onBlur']}
            rules={[
              { required: true, message: t('users.common.required', { field: t('users.fields.idNumber') }) },
              { validator: async (_r, v: string | undefined) => { if (v && v.trim().length >= 18 && !isValidIdNumber(v.trim())) throw new Error(t('users.register.idNumberInvalid')); if (v && v.trim().length > 0 && v.trim().length < 18) throw new Error(t('users.register.idNumberInvalid')); } },
            ]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.fields.password')}
            extra={t('users.password.hint')}
            dependencies={['phone', 'idNumber']}
            rules={[passwordRule((get) => ({ login: get('phone'), phone: get('phone'), idNumber: get('idNumber') }))]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item label={t('users.fields.code')} required>
            <Space.Compact block>
              <Form.Item name="code" noStyle rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.code') }) }, { ...codeRule, message: t('serverErrors.keys.verification.codeFormat') }]}>
                <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('users.fields.code')} />
              </Form.Item>
              <CodeButton onSend={onSend} />
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={loading} block>
            {t('users.register.submit')}
          </Button>
        </Form>
        <p className="login-links">
          <Link to="/login">{t('users.register.haveAccount')}</Link>
        </p>
      </Card>
    </div>
  );
}

interface ForgotValues {
  phone: string;
  code: string;
  password: string;
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.forgot.title'));
  const [form] = Form.useForm<ForgotValues>();
  const [sendCode] = useMutation(SendPasswordResetCodeDocument);
  const [reset, { loading }] = useMutation(ResetPasswordDocument);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [done, setDone] = useState(false);

  const onSend = async () => {
    setNotice(null);
    try {
      await form.validateFields(['phone']);
      const phone = form.getFieldValue('phone').trim();
      await sendCode({ variables: { phone } });
      setNotice({ type: 'success', text: t('users.code.sent', { phone }) });
      return true;
    } catch (e) {
      if (e instanceof Error && !('errorFields' in e)) setNotice({ type: 'error', text: serverText(e) });
      return false;
    }
  };
  const onFinish = async (v: ForgotValues) => {
    setNotice(null);
    try {
      await reset({ variables: { input: { phone: v.phone.trim(), code: v.code.trim(), password: v.password } } });
      setDone(true);
    } catch (e) {
      if (!showOnField(form, e, ['phone', 'code', 'password'])) setNotice({ type: 'error', text: serverText(e) });
    }
  };

  return (
    <div className="page page-login">
      <Card className="login-card" title={<h1 className="card-heading">{t('users.forgot.heading')}</h1>}>
        {done ? (
          <>
            <Alert type="success" showIcon title={t('users.forgot.done')} role="status" />
            <p className="login-links">
              <Link to="/login">{t('users.forgot.toLogin')}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('users.forgot.intro')}</p>
            {notice && <Alert type={notice.type} showIcon title={notice.text} className="form-alert" role={notice.type === 'error' ? 'alert' : 'status'} />}
            <Form<ForgotValues> form={form} layout="vertical" name="forgot" onFinish={(v) => void onFinish(v)} requiredMark={false}>
              <Form.Item name="phone" label={t('users.fields.phone')} rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.phone') }) }, { pattern: PHONE_PATTERN, message: t('users.register.phoneInvalid') }]}>
                <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
              </Form.Item>
              <Form.Item label={t('users.fields.code')} required>
                <Space.Compact block>
                  <Form.Item name="code" noStyle rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.code') }) }, { ...codeRule, message: t('serverErrors.keys.verification.codeFormat') }]}>
                    <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('users.fields.code')} />
                  </Form.Item>
                  <CodeButton onSend={onSend} />
                </Space.Compact>
              </Form.Item>
              <Form.Item name="password" label={t('users.fields.newPassword')} extra={t('users.password.hint')} dependencies={['phone']} rules={[passwordRule((get) => ({ phone: get('phone'), login: get('phone') }))]}>
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={loading} block>
                {t('users.forgot.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}

interface ChangeValues {
  current: string;
  next: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.change.title'));
  return <RequireLogin>{(viewer) => <ChangePasswordForm forced={viewer.mustChangePassword} login={viewer.login} />}</RequireLogin>;
}

function ChangePasswordForm({ forced, login }: { forced: boolean; login: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangeValues>();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [change, { loading }] = useMutation(ChangePasswordDocument);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const onFinish = async (v: ChangeValues) => {
    setNotice(null);
    try {
      await change({ variables: { current: v.current, next: v.next } });
    } catch (e) {
      if (!showOnField(form, e, ['current', 'next'])) setNotice({ type: 'error', text: serverText(e) });
      return;
    }
    form.resetFields();
    setNotice({ type: 'success', text: t('users.change.done') });
    if (forced) {
      // The grants come with the next request: everything cached was fetched without them.
      await resetStoreQuietly(client);
      void navigate('/', { replace: true });
    }
  };
  return (
    <div className="page page-login">
      <Card className="login-card" title={<h1 className="card-heading">{forced ? t('users.change.forcedTitle') : t('users.change.title')}</h1>}>
        {forced && <Alert type="warning" showIcon title={t('users.change.forced')} className="form-alert" role="alert" />}
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="form-alert" role={notice.type === 'error' ? 'alert' : 'status'} />}
        <Form<ChangeValues> form={form} layout="vertical" name="change-password" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <input type="text" autoComplete="username" value={login} readOnly hidden aria-hidden="true" />
          <Form.Item name="current" label={t('users.fields.currentPassword')} rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.currentPassword') }) }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="next"
            label={t('users.fields.newPassword')}
            extra={t('users.password.hint')}
            dependencies={['current']}
            rules={[
              passwordRule(() => ({ login })),
              ({ getFieldValue }) => ({ validator: async (_r, v) => { if (v && v === getFieldValue('current')) throw new Error(t('users.password.sameAsCurrent')); } }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('users.fields.confirmPassword')}
            dependencies={['next']}
            rules={[({ getFieldValue }) => ({ validator: async (_r, v) => { if (v !== getFieldValue('next')) throw new Error(t('users.password.mismatch')); } })]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={loading} block>
            {t('users.change.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('users.profile.title'));
  return <RequireLogin>{() => <Profile />}</RequireLogin>;
}

function Profile() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const [nameForm] = Form.useForm<{ name: string }>();
  const [phoneForm] = Form.useForm<{ phone: string; code: string }>();
  const [updateProfile, { loading: savingName }] = useMutation(UpdateProfileDocument);
  const [sendCode] = useMutation(SendPhoneChangeCodeDocument);
  const [changePhone, { loading: savingPhone }] = useMutation(ChangePhoneDocument);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  if (!viewer) return null;
  if (viewer.mustChangePassword) return <Navigate to="/me/password" replace />;
  return (
    <div className="page page-narrow">
      <h1>{t('users.profile.title')}</h1>
      {notice && <Alert type={notice.type} showIcon title={notice.text} className="form-alert" role={notice.type === 'error' ? 'alert' : 'status'} />}
      <Card>
        <dl className="profile-facts">
          <dt>{t('users.fields.login')}</dt>
          <dd>{viewer.login}</dd>
          <dt>{t('users.fields.phone')}</dt>
          <dd>{viewer.phone ?? t('users.common.none')}</dd>
          <dt>{t('users.profile.roles')}</dt>
          <dd>
            {viewer.roles.map((r) => (
              <Tag key={r.id}>
                {t(`users.roles.${r.role}`)}
                {r.jurisdiction ? ` · ${r.jurisdiction.name}` : ''}
              </Tag>
            ))}
          </dd>
        </dl>
        <Form
          form={nameForm}
          layout="vertical"
          name="profile-name"
          initialValues={{ name: viewer.name }}
          requiredMark={false}
          onFinish={(v) =>
            void updateProfile({ variables: { name: v.name.trim() } })
              .then(() => void message.success(t('users.profile.nameSaved')))
              .catch((e: unknown) => { if (!showOnField(nameForm, e, ['name'])) setNotice({ type: 'error', text: serverText(e) }); })
          }
        >
          <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('users.common.required', { field: t('users.fields.name') }) }]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={savingName}>
            {t('users.common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={<h2 className="card-heading">{t('users.profile.phoneTitle')}</h2>}>
        <p>{t('users.profile.phoneIntro')}</p>
        <Form
          form={phoneForm}
          layout="vertical"
          name="profile-phone"
          requiredMark={false}
          onFinish={(v) =>
            void changePhone({ variables: { phone: v.phone.trim(), code: v.code.trim() } })
              .then((r) => {
                phoneForm.resetFields();
                setNotice({ type: 'success', text: t('users.profile.phoneChanged', { phone: r.data?.changePhone.phone ?? '' }) });
              })
              .catch((e: unknown) => { if (!showOnField(phoneForm, e, ['phone', 'code'])) setNotice({ type: 'error', text: serverText(e) }); })
          }
        >
          <Form.Item name="phone" label={t('users.profile.newPhone')} rules={[{ required: true, message: t('users.common.required', { field: t('users.profile.newPhone') }) }, { pattern: PHONE_PATTERN, message: t('users.register.phoneInvalid') }]}>
            <Input inputMode="numeric" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <Form.Item label={t('users.fields.code')} required>
            <Space.Compact block>
              <Form.Item name="code" noStyle rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.code') }) }, { ...codeRule, message: t('serverErrors.keys.verification.codeFormat') }]}>
                <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('users.fields.code')} />
              </Form.Item>
              <CodeButton
                onSend={async () => {
                  try {
                    await phoneForm.validateFields(['phone']);
                    const phone = phoneForm.getFieldValue('phone').trim();
                    await sendCode({ variables: { phone } });
                    setNotice({ type: 'success', text: t('users.code.sent', { phone }) });
                    return true;
                  } catch (e) {
                    if (e instanceof Error && !('errorFields' in e)) setNotice({ type: 'error', text: serverText(e) });
                    return false;
                  }
                }}
              />
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={savingPhone}>
            {t('users.profile.changePhone')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
