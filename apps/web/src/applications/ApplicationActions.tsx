/**
 * The buttons of an application page, drawn only from `nextActions`, and the dialog of each action. A dialog that
 * finds the application changed meanwhile (INVALID_TRANSITION: another clerk acted first) closes, and the page
 * shows the server's message and reloads.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, type FormInstance } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { ApplicationAction, ApplicationDetailFragment, DecisionResult, DeliveryMethod, SpecialProcedure } from '../gql/graphql';
import { apiError, formPath, type ApiError } from '../common/errors';
import { NativeSelect } from '../common/NativeSelect';
import { useDates } from '../common/dates';
import {
  AcceptApplicationDocument,
  ApplicationDocument,
  CompleteApplicationDocument,
  DeliverApplicationDocument,
  NotifyDeficiencyDocument,
  RejectApplicationDocument,
  ResumeApplicationDocument,
  SupplementApplicationDocument,
  SuspendApplicationDocument,
  WithdrawApplicationDocument,
} from './documents';
import { MaterialUpload } from './MaterialUpload';
import { LinkageDialog, isLinkageAction } from './LinkageDialogs';
import { useMaterialFiles } from './upload';
import './linkage-text';

type App = ApplicationDetailFragment;

export const ACTION_ORDER: readonly ApplicationAction[] = [
  'ACCEPT',
  'NOTIFY_DEFICIENCY',
  'REJECT',
  'REFER',
  'FORWARD',
  'RESOLVE_OBJECTION',
  'RETURN',
  'RETURN_FOR_SUPPLEMENT',
  'EXTEND',
  'SUPPLEMENT',
  'SUPPLEMENT_AFTER_RETURN',
  'SUSPEND',
  'RESUME',
  'COMPLETE',
  'DELIVER',
  'WITHDRAW',
];

const PRIMARY = new Set<ApplicationAction>(['ACCEPT', 'SUPPLEMENT', 'SUPPLEMENT_AFTER_RETURN', 'FORWARD', 'RESUME', 'COMPLETE', 'DELIVER']);
const DANGER = new Set<ApplicationAction>(['REJECT', 'WITHDRAW']);

export const PROCEDURES: readonly SpecialProcedure[] = ['HEARING', 'TESTING', 'EXPERT_REVIEW', 'INSPECTION', 'PUBLIC_NOTICE', 'OTHER'];
export const QUICK_PROBLEMS = ['missing', 'unclear', 'expired', 'unsigned', 'inconsistent'] as const;

/** After an action the whole application is read again (the mutation itself returns only the new state). */
export function refetching(id: string) {
  return { refetchQueries: [{ query: ApplicationDocument, variables: { id } }], awaitRefetchQueries: true };
}

export interface ActionOutcome {
  action: ApplicationAction;
}

export interface DialogProps {
  app: App;
  onClose(): void;
  onDone(outcome: ActionOutcome): void;
  onStale(err: ApiError): void;
}

/** The buttons for what the viewer may do now, and the open dialog. */
export function ActionBar({ app, onDone, onStale }: { app: App; onDone(o: ActionOutcome): void; onStale(err: ApiError): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const actions = ACTION_ORDER.filter((a) => app.nextActions.includes(a));
  if (!actions.length) return null;
  const props: DialogProps = {
    app,
    onClose: () => setOpen(null),
    onDone: (o) => {
      setOpen(null);
      onDone(o);
    },
    onStale: (e) => {
      setOpen(null);
      onStale(e);
    },
  };
  return (
    <section className="action-bar" aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="action-bar-title">
        {t('application.actions')}
      </h2>
      <div className="action-buttons">
        {actions.map((a) => (
          <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setOpen(a)}>
            {isLinkageAction(a) ? t(`linkage.button.${a}`) : t(`actionButton.${a as 'ACCEPT'}`)}
          </Button>
        ))}
      </div>
      {open === 'ACCEPT' && <AcceptDialog {...props} />}
      {open === 'NOTIFY_DEFICIENCY' && <NoticeDialog {...props} />}
      {open === 'REJECT' && <RejectDialog {...props} />}
      {(open === 'SUPPLEMENT' || open === 'SUPPLEMENT_AFTER_RETURN') && <SupplementDialog {...props} />}
      {open && isLinkageAction(open) && open !== 'SUPPLEMENT_AFTER_RETURN' && <LinkageDialog action={open} {...props} />}
      {open === 'SUSPEND' && <SuspendDialog {...props} />}
      {open === 'RESUME' && <ResumeDialog {...props} />}
      {open === 'COMPLETE' && <CompleteDialog {...props} />}
      {open === 'DELIVER' && <DeliverDialog {...props} />}
      {open === 'WITHDRAW' && <WithdrawDialog {...props} />}
    </section>
  );
}

export function Dialog({
  title,
  okText,
  danger,
  busy,
  error,
  onOk,
  onCancel,
  wide,
  children,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onOk(): void;
  onCancel(): void;
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={busy ? t('application.working') : okText}
      cancelText={t('admin.cancel')}
      okButtonProps={{ danger, disabled: busy }}
      cancelButtonProps={{ disabled: busy }}
      onOk={onOk}
      onCancel={onCancel}
      width={wide ? 760 : 560}
      maskClosable={false}
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {children}
    </Modal>
  );
}

/**
 * Runs a mutation for a dialog: success closes it; INVALID_TRANSITION goes to the page; a BAD_USER_INPUT naming a
 * field of the dialog's form marks that field; anything else is shown in the dialog.
 */
export function useRunner<T>(p: DialogProps, action: ApplicationAction, form?: FormInstance<T>) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, onError?: (err: ApiError) => boolean) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
      p.onDone({ action });
    } catch (e) {
      const err = apiError(e);
      if (err.code === 'INVALID_TRANSITION') {
        p.onStale(err);
        return;
      }
      if (onError?.(err)) return;
      const field = typeof err.extensions.field === 'string' ? err.extensions.field : null;
      // setting an error on a name the form does not have is a no-op
      if (err.code === 'BAD_USER_INPUT' && field && form) form.setFields([{ name: formPath(field) as never, errors: [err.message] }]);
      // err.message is already the reader's text (serverErrors.keys.<messageKey>, else the code's)
      setError(t('application.actionFailed', { message: err.message }));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

// ---------- clerk: accept ----------

function AcceptDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [accept] = useMutation(AcceptApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'ACCEPT');
  const item = p.app.serviceItem;
  return (
    <Dialog
      title={t('actions.acceptTitle')}
      okText={t('actionButton.ACCEPT')}
      busy={r.busy}
      error={r.error}
      onOk={() => void r.run(() => accept({ variables: { id: p.app.id } }))}
      onCancel={p.onClose}
    >
      <p>{t('actions.acceptText')}</p>
      <p className="hint">
        {item.handlingKind === 'INSTANT'
          ? t('actions.acceptInstant')
          : t('actions.acceptLimit', { limit: item.promisedLimit, unit: t(`unit.${item.promisedUnit}`) })}
      </p>
    </Dialog>
  );
}

// ---------- clerk: one-time deficiency notice ----------

interface NoticeRow {
  checked: boolean;
  problem: string;
}

function NoticeDialog(p: DialogProps) {
  const { t } = useTranslation();
  const { day } = useDates();
  const id = useId();
  const [notify] = useMutation(NotifyDeficiencyDocument, refetching(p.app.id));
  const r = useRunner(p, 'NOTIFY_DEFICIENCY');
  const materials = p.app.serviceItem.materials;
  const [rows, setRows] = useState<Record<string, NoticeRow>>({});
  const [deadline, setDeadline] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const repeat = p.app.deficiencyNotices.length > 0;
  // What the latest supplement changed: the only materials a repeat notice may cite.
  const changed = useMemo(() => {
    const max = Math.max(0, ...p.app.materials.map((m) => m.round));
    return max > 1 ? [...new Set(p.app.materials.filter((m) => m.round === max).map((m) => m.requirement))] : [];
  }, [p.app.materials]);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  const set = (name: string, change: Partial<NoticeRow>) => {
    setRows((all) => ({ ...all, [name]: { ...(all[name] ?? { checked: false, problem: '' }), ...change } }));
    setRowErrors((all) => ({ ...all, [name]: '' }));
  };

  const submit = () => {
    const chosen = materials.filter((m) => rows[m.name]?.checked);
    if (!chosen.length) {
      r.setError(t('notice.chooseOne'));
      return;
    }
    const missing = chosen.filter((m) => !rows[m.name].problem.trim());
    if (missing.length) {
      setRowErrors(Object.fromEntries(missing.map((m) => [m.name, t('notice.problemRequired')])));
      r.setError(t('notice.problemsMissing'));
      return;
    }
    void r.run(
      () =>
        notify({
          variables: {
            id: p.app.id,
            input: { items: chosen.map((m) => ({ material: m.name, problem: rows[m.name].problem.trim() })), supplementDeadline: deadline || null },
          },
        }),
      (err) => {
        if (err.code === 'ONE_TIME_NOTICE_VIOLATION') {
          const violating = Array.isArray(err.extensions.violating) ? (err.extensions.violating as string[]) : [];
          setRowErrors(Object.fromEntries(violating.map((n) => [n, t('notice.violatingRow')])));
          r.setError(t('notice.violation', { names: violating.join('、') }));
          return true;
        }
        if (err.code === 'BAD_USER_INPUT' && err.extensions.field === 'input.supplementDeadline') {
          r.setError(t('notice.deadlineInvalid'));
          return true;
        }
        return false;
      },
    );
  };

  return (
    <Dialog title={t('notice.title')} okText={t('notice.submit')} busy={r.busy} error={r.error} onOk={submit} onCancel={p.onClose} wide>
      <Alert className="form-alert" type="warning" showIcon title={t('notice.oneTime')} />
      {repeat && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={changed.length ? t('notice.repeatOnly', { names: changed.join('、') }) : t('notice.repeatNothing')}
        />
      )}
      <fieldset className="notice-materials">
        <legend>{t('notice.materials')}</legend>
        {materials.map((m) => {
          const row = rows[m.name];
          const inputId = `${id}-${m.name}`;
          return (
            <div key={m.name} className={`notice-row${rowErrors[m.name] ? ' notice-row-error' : ''}`}>
              <Checkbox checked={!!row?.checked} onChange={(e) => set(m.name, { checked: e.target.checked })}>
                {m.name}
                {repeat && changed.includes(m.name) && <span className="hint"> {t('notice.changedMark')}</span>}
              </Checkbox>
              {row?.checked && (
                <div className="notice-problem">
                  <label htmlFor={inputId}>{t('notice.problemLabel', { name: m.name })}</label>
                  <Input id={inputId} value={row.problem} onChange={(e) => set(m.name, { problem: e.target.value })} maxLength={200} status={rowErrors[m.name] ? 'error' : undefined} />
                  <div className="quick-picks" role="group" aria-label={t('notice.quickPicks', { name: m.name })}>
                    {QUICK_PROBLEMS.map((q) => {
                      const text = t(`notice.quick.${q}`);
                      return (
                        <Button
                          key={q}
                          size="small"
                          onClick={() => set(m.name, { problem: row.problem.trim() ? (row.problem.includes(text) ? row.problem : `${row.problem}；${text}`) : text })}
                        >
                          {text}
                        </Button>
                      );
                    })}
                  </div>
                </div>
              )}
              {rowErrors[m.name] && <p className="field-error">{rowErrors[m.name]}</p>}
            </div>
          );
        })}
      </fieldset>
      <div className="dialog-field">
        <label htmlFor={`${id}-deadline`}>{t('notice.deadline')}</label>
        <Input id={`${id}-deadline`} type="date" min={tomorrow} value={deadline} onChange={(e) => setDeadline(e.target.value)} aria-describedby={`${id}-deadline-help`} />
        <p id={`${id}-deadline-help`} className="hint">
          {deadline ? t('notice.deadlineChosen', { date: day(deadline) }) : t('notice.deadlineDefault')}
        </p>
      </div>
    </Dialog>
  );
}

// ---------- clerk: reject ----------

function RejectDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; legalBasis: string; competentBody?: string }>();
  const [reject] = useMutation(RejectApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'REJECT', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() =>
      reject({ variables: { id: p.app.id, input: { reason: v.reason.trim(), legalBasis: v.legalBasis.trim(), competentBody: v.competentBody?.trim() || null } } }),
    );
  };
  return (
    <Dialog title={t('reject.title')} okText={t('actionButton.REJECT')} danger busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p className="hint">{t('reject.hint')}</p>
      <Form form={form} layout="vertical" name="reject" requiredMark={false}>
        <Form.Item name="reason" label={t('reject.reason')} rules={[{ required: true, whitespace: true, message: t('apply.required') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('reject.legalBasis')} rules={[{ required: true, whitespace: true, message: t('apply.required') }, { max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="competentBody" label={t('reject.competentBody')} extra={t('reject.competentBodyHelp')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

// ---------- clerk: suspend / resume ----------

function SuspendDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: SpecialProcedure | null; reason: string }>();
  const [suspend] = useMutation(SuspendApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'SUSPEND', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v?.kind) return;
    const kind = v.kind;
    void r.run(() => suspend({ variables: { id: p.app.id, input: { kind, reason: v.reason.trim() } } }));
  };
  return (
    <Dialog title={t('suspend.title')} okText={t('actionButton.SUSPEND')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p className="hint">{t('suspend.hint')}</p>
      <Form form={form} layout="vertical" name="suspend" requiredMark={false} initialValues={{ kind: null }}>
        <Form.Item name="kind" label={t('suspend.kind')} rules={[{ required: true, message: t('suspend.kindRequired') }]}>
          <NativeSelect options={PROCEDURES.map((k) => ({ value: k, label: t(`procedure.${k}`) }))} placeholder={t('home.pick')} />
        </Form.Item>
        <Form.Item name="reason" label={t('suspend.reason')} rules={[{ required: true, whitespace: true, message: t('apply.required') }, { max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function ResumeDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [resume] = useMutation(ResumeApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'RESUME');
  return (
    <Dialog
      title={t('resume.title')}
      okText={t('actionButton.RESUME')}
      busy={r.busy}
      error={r.error}
      onOk={() => void r.run(() => resume({ variables: { id: p.app.id } }))}
      onCancel={p.onClose}
    >
      <p>{t('resume.text')}</p>
    </Dialog>
  );
}

// ---------- clerk: complete and deliver ----------

interface CompleteValues {
  result: DecisionResult;
  reasons?: string;
  resultDocumentNumber?: string;
  feeReceiptNumber?: string;
}

function CompleteDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CompleteValues>();
  const result = Form.useWatch('result', form) ?? 'APPROVED';
  const [complete] = useMutation(CompleteApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'COMPLETE', form);
  const charged = p.app.serviceItem.fee.free === false;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() =>
      complete({
        variables: {
          id: p.app.id,
          input: {
            result: v.result,
            reasons: v.reasons?.trim() || null,
            resultDocumentNumber: v.resultDocumentNumber?.trim() || null,
            feeReceiptNumber: charged ? v.feeReceiptNumber?.trim() || null : null,
          },
        },
      }),
    );
  };
  return (
    <Dialog title={t('complete.title')} okText={t('actionButton.COMPLETE')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <Form<CompleteValues> form={form} layout="vertical" name="complete" requiredMark={false} initialValues={{ result: 'APPROVED' }}>
        <Form.Item name="result" label={t('complete.result')}>
          <Radio.Group
            options={[
              { value: 'APPROVED', label: t('decision.APPROVED') },
              { value: 'DENIED', label: t('decision.DENIED') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reasons"
          label={result === 'DENIED' ? t('complete.reasonsDenied') : t('complete.reasons')}
          rules={[{ required: result === 'DENIED', whitespace: true, message: t('complete.reasonsRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="resultDocumentNumber" label={t('complete.documentNumber')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        {charged && (
          <Form.Item
            name="feeReceiptNumber"
            label={t('complete.feeReceipt')}
            extra={t('complete.feeReceiptHelp')}
            rules={[{ required: result === 'APPROVED', whitespace: true, message: t('complete.feeReceiptRequired') }, { max: 100 }]}
          >
            <Input />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

function DeliverDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: DeliveryMethod; trackingNumber?: string; note?: string }>();
  const method = Form.useWatch('method', form) ?? 'PICKUP';
  const [deliver] = useMutation(DeliverApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'DELIVER', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() =>
      deliver({
        variables: {
          id: p.app.id,
          input: { method: v.method, trackingNumber: v.method === 'MAIL' ? v.trackingNumber?.trim() || null : null, note: v.note?.trim() || null },
        },
      }),
    );
  };
  return (
    <Dialog title={t('deliver.title')} okText={t('actionButton.DELIVER')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <Form form={form} layout="vertical" name="deliver" requiredMark={false} initialValues={{ method: 'PICKUP' }}>
        <Form.Item name="method" label={t('deliver.method')}>
          <Radio.Group
            options={(['PICKUP', 'MAIL', 'ELECTRONIC'] as const).map((m) => ({ value: m, label: t(`delivery.${m}`) }))}
          />
        </Form.Item>
        {method === 'MAIL' && (
          <Form.Item name="trackingNumber" label={t('deliver.trackingNumber')} rules={[{ required: true, whitespace: true, message: t('deliver.trackingRequired') }, { max: 100 }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('deliver.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

// ---------- applicant / agent: supplement and withdraw ----------

function SupplementDialog(p: DialogProps) {
  const { t } = useTranslation();
  const { day } = useDates();
  const [supplement] = useMutation(SupplementApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'SUPPLEMENT');
  const files = useMaterialFiles();
  const [note, setNote] = useState('');
  const [extra, setExtra] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const noteId = useId();
  const latest = [...p.app.deficiencyNotices].sort((a, b) => b.sequence - a.sequence)[0];
  const problems = useMemo(() => {
    const byName = new Map<string, string[]>();
    for (const i of latest?.items ?? []) byName.set(i.material, [...(byName.get(i.material) ?? []), i.problem]);
    return byName;
  }, [latest]);
  const all = p.app.serviceItem.materials;
  const cited = all.filter((m) => problems.has(m.name));
  const others = all.filter((m) => !problems.has(m.name));

  const submit = () => {
    setErrors({});
    if (files.uploading) {
      r.setError(t('apply.stillUploading'));
      return;
    }
    const missing = cited.filter((m) => files.uploaded(m.name).length === 0);
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((m) => [m.name, t('supplement.needFile')])));
      r.setError(t('supplement.citedMissing'));
      return;
    }
    const shown = new Set([...cited.map((m) => m.name), ...extra]);
    const materials = files.materials().filter((m) => shown.has(m.requirement));
    if (!materials.length) {
      r.setError(t('supplement.nothing'));
      return;
    }
    void r.run(() => supplement({ variables: { id: p.app.id, input: { materials, note: note.trim() || null } } }));
  };

  return (
    <Dialog title={t('supplement.title')} okText={t('supplement.submit')} busy={r.busy} error={r.error} onOk={submit} onCancel={p.onClose} wide>
      {latest && <p>{t('supplement.intro', { sequence: latest.sequence, date: day(latest.supplementDeadline) })}</p>}
      {cited.map((m, i) => (
        <MaterialUpload key={m.name} material={m} index={i + 1} files={files} error={errors[m.name]}>
          <div className="notice-quote">
            <strong>{t('supplement.problem')}</strong>
            {(problems.get(m.name) ?? []).join('；')}
          </div>
        </MaterialUpload>
      ))}
      {others.length > 0 && (
        <fieldset className="supplement-others">
          <legend>{t('supplement.others')}</legend>
          <Checkbox.Group value={extra} onChange={(v) => setExtra(v as string[])} options={others.map((m) => ({ value: m.name, label: m.name }))} />
        </fieldset>
      )}
      {others
        .filter((m) => extra.includes(m.name))
        .map((m, i) => (
          <MaterialUpload key={m.name} material={m} index={cited.length + i + 1} files={files} />
        ))}
      <div className="dialog-field">
        <label htmlFor={noteId}>{t('supplement.note')}</label>
        <Input.TextArea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </div>
    </Dialog>
  );
}

function WithdrawDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [withdraw] = useMutation(WithdrawApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'WITHDRAW', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() => withdraw({ variables: { id: p.app.id, reason: v.reason.trim() } }));
  };
  return (
    <Dialog title={t('withdraw.title')} okText={t('actionButton.WITHDRAW')} danger busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p className="hint">{t('withdraw.hint')}</p>
      <Form form={form} layout="vertical" name="withdrawApplication" requiredMark={false}>
        <Form.Item name="reason" label={t('withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('withdraw.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}
