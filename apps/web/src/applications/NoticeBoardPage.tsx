/**
 * 公示栏: a jurisdiction's public page of applications under public notice — masked names, no ID numbers or
 * phones — where anyone may lodge an objection with their name and phone during the notice period.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiError } from '../common/errors';
import { LoadError, Loading } from '../common/Status';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { ObjectToPublicNoticeDocument, PublicNoticesDocument } from './linkage-documents';
import './linkage-text';

export function NoticeBoardPage() {
  const { t } = useTranslation();
  const { day } = useDates();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(PublicNoticesDocument, { variables: { jurisdictionId: id }, fetchPolicy: 'cache-and-network' });
  const [objecting, setObjecting] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const name = data?.jurisdiction?.name ?? '';
  usePageTitle(name ? `${name} ${t('linkage.board.title')}` : t('linkage.board.title'));
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const notices = data?.publicNotices ?? [];
  return (
    <div className="page page-board">
      <h1>
        {name} {t('linkage.board.title')}
      </h1>
      <p className="hint">{t('linkage.board.intro')}</p>
      {done && <Alert type="success" showIcon title={t('linkage.board.objected')} closable={{ onClose: () => setDone(false) }} />}
      {notices.length === 0 ? (
        <p>{t('linkage.board.empty')}</p>
      ) : (
        <table className="data-table board-table">
          <caption className="visually-hidden">{t('linkage.board.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('linkage.board.item')}</th>
              <th scope="col">{t('linkage.board.applicant')}</th>
              <th scope="col">{t('linkage.board.place')}</th>
              <th scope="col">{t('linkage.board.period')}</th>
              <th scope="col">{t('linkage.board.objections')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('linkage.board.object')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.applicationId}>
                <th scope="row" data-label={t('linkage.board.item')}>
                  {n.serviceItemName}
                </th>
                <td data-label={t('linkage.board.applicant')}>{n.applicantName}</td>
                <td data-label={t('linkage.board.place')}>{n.place}</td>
                <td data-label={t('linkage.board.period')}>
                  {day(n.from)} — {day(n.to)}
                </td>
                <td data-label={t('linkage.board.objections')}>{n.objections}</td>
                <td>
                  <Button onClick={() => setObjecting(n.applicationId)}>{t('linkage.board.object')}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {objecting && (
        <ObjectionDialog
          applicationId={objecting}
          onClose={() => setObjecting(null)}
          onDone={() => {
            setObjecting(null);
            setDone(true);
            void refetch();
          }}
        />
      )}
    </div>
  );
}

function ObjectionDialog({ applicationId, onClose, onDone }: { applicationId: string; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ name: string; phone: string; reason: string }>();
  const [object, { loading }] = useMutation(ObjectToPublicNoticeDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setProblem(null);
    try {
      await object({ variables: { id: applicationId, input: { name: v.name.trim(), phone: v.phone.trim(), reason: v.reason.trim() } } });
      onDone();
    } catch (e) {
      const err = apiError(e);
      const key = typeof err.extensions.messageKey === 'string' && i18n.exists(err.extensions.messageKey) ? err.extensions.messageKey : null;
      setProblem(key ? t(key as never, (err.extensions.params ?? {}) as Record<string, unknown>) : err.code && ['RATE_LIMITED', 'NOT_FOUND', 'BAD_USER_INPUT'].includes(err.code) ? t(`errors.${err.code as 'RATE_LIMITED'}`) : t('errors.network'));
    }
  };
  return (
    <Modal open title={t('linkage.board.objectTitle')} okText={t('linkage.board.object')} cancelText={t('admin.cancel')} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ disabled: loading }} maskClosable={false}>
      {problem && <Alert className="form-alert" type="error" showIcon title={problem} />}
      <Form form={form} layout="vertical" name="objectToPublicNotice" requiredMark={false}>
        <Form.Item name="name" label={t('linkage.board.name')} rules={[{ required: true, whitespace: true, message: t('linkage.board.nameRequired') }, { max: 50 }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label={t('linkage.board.phone')} rules={[{ required: true, whitespace: true, min: 5, message: t('linkage.board.phoneRequired') }, { max: 30 }]}>
          <Input autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item name="reason" label={t('linkage.board.reason')} rules={[{ required: true, whitespace: true, min: 5, message: t('linkage.board.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
