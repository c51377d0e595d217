/**
 * The dialogs of the stage moves (转报, 退回, 退回补正, 移送, 延期, 异议处理), opened from the buttons the server's
 * `nextActions` lists. They share the runner of ApplicationActions: a stale application goes back to the page.
 */
import { Form, Input, Radio } from 'antd';
import { NumberInput, numberRules } from '../common/NumberInput';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { ApplicationAction } from '../gql/graphql';
import { NativeSelect } from '../common/NativeSelect';
import { Dialog, refetching, useRunner, type DialogProps } from './ApplicationActions';
import {
  ExtendApplicationDocument,
  ForwardApplicationDocument,
  ReferApplicationDocument,
  ReferTargetsDocument,
  ResolveObjectionDocument,
  ReturnApplicationDocument,
} from './linkage-documents';
import './linkage-text';

const LINKAGE = ['FORWARD', 'RETURN', 'RETURN_FOR_SUPPLEMENT', 'REFER', 'EXTEND', 'RESOLVE_OBJECTION', 'SUPPLEMENT_AFTER_RETURN'] as const;
export type LinkageAction = (typeof LINKAGE)[number];

export function isLinkageAction(a: ApplicationAction): a is LinkageAction {
  return (LINKAGE as readonly string[]).includes(a);
}

export function LinkageDialog({ action, ...p }: DialogProps & { action: LinkageAction }) {
  switch (action) {
    case 'FORWARD':
      return <ForwardDialog {...p} />;
    case 'RETURN':
      return <ReturnDialog {...p} withMaterials={false} />;
    case 'RETURN_FOR_SUPPLEMENT':
      return <ReturnDialog {...p} withMaterials />;
    case 'REFER':
      return <ReferDialog {...p} />;
    case 'EXTEND':
      return <ExtendDialog {...p} />;
    case 'RESOLVE_OBJECTION':
      return <ResolveDialog {...p} />;
    default:
      return null;
  }
}

function ForwardDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [forward] = useMutation(ForwardApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'FORWARD', form);
  const current = p.app.currentStage;
  const chain = p.app.stages;
  const next = current ? p.app.serviceItem.handlingChain.find((s, i) => i > 0 && s.kind !== current.kind && !chain.some((c) => c.kind === s.kind && !c.doneOn)) : null;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() => forward({ variables: { id: p.app.id, note: v.note?.trim() || null } }));
  };
  return (
    <Dialog title={t('linkage.dialog.forwardTitle')} okText={t('linkage.button.FORWARD')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p>{t('linkage.dialog.forwardText', { next: next?.name ?? '' })}</p>
      <Form form={form} layout="vertical" name="forwardApplication" requiredMark={false}>
        <Form.Item name="note" label={t('linkage.dialog.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function ReturnDialog(p: DialogProps & { withMaterials: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; materials?: string[]; problem?: string }>();
  const [ret] = useMutation(ReturnApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, p.withMaterials ? 'RETURN_FOR_SUPPLEMENT' : 'RETURN', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const materials = p.withMaterials ? (v.materials ?? []).map((m) => ({ material: m, problem: (v.problem ?? '').trim() || v.reason.trim() })) : null;
    void r.run(() => ret({ variables: { id: p.app.id, input: { reason: v.reason.trim(), materials } } }));
  };
  return (
    <Dialog
      title={p.withMaterials ? t('linkage.dialog.returnForSupplementTitle') : t('linkage.dialog.returnTitle')}
      okText={p.withMaterials ? t('linkage.button.RETURN_FOR_SUPPLEMENT') : t('linkage.button.RETURN')}
      danger
      busy={r.busy}
      error={r.error}
      onOk={() => void submit()}
      onCancel={p.onClose}
    >
      <p className="hint">{p.withMaterials ? t('linkage.dialog.returnForSupplementText') : t('linkage.dialog.returnText')}</p>
      <Form form={form} layout="vertical" name="returnApplication" requiredMark={false}>
        <Form.Item name="reason" label={t('linkage.dialog.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('linkage.dialog.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {p.withMaterials && (
          <>
            <Form.Item name="materials" label={t('linkage.dialog.materials')} rules={[{ required: true, message: t('linkage.dialog.materials') }]}>
              <NativeSelectMulti options={p.app.serviceItem.materials.map((m) => m.name)} />
            </Form.Item>
            <Form.Item name="problem" label={t('linkage.dialog.problem')} rules={[{ max: 500 }]}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Dialog>
  );
}

/** A checkbox list that works as a form control (value: the checked names). */
function NativeSelectMulti({ options, value, onChange }: { options: string[]; value?: string[]; onChange?(v: string[]): void }) {
  const checked = new Set(value ?? []);
  return (
    <div className="check-list" role="group">
      {options.map((o) => (
        <label key={o} className="check-item">
          <input
            type="checkbox"
            checked={checked.has(o)}
            onChange={(e) => onChange?.(e.target.checked ? [...checked, o] : [...checked].filter((x) => x !== o))}
          />{' '}
          {o}
        </label>
      ))}
    </div>
  );
}

function ReferDialog(p: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ to: string; reason: string }>();
  const [refer] = useMutation(ReferApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'REFER', form);
  const here = p.app.currentStage;
  // The centres of the same level in the same county: the siblings of the current centre.
  const { data } = useQuery(ReferTargetsDocument, { variables: { id: here?.centreJurisdictionId ?? '' }, skip: !here });
  const parent = data?.jurisdiction?.ancestors.at(-1);
  const options = (parent?.children ?? []).filter((j) => j.level === here?.level && j.id !== here?.centreJurisdictionId);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() => refer({ variables: { id: p.app.id, to: v.to, reason: v.reason.trim() } }));
  };
  return (
    <Dialog title={t('linkage.dialog.referTitle')} okText={t('linkage.button.REFER')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p className="hint">{t('linkage.dialog.referText')}</p>
      <Form form={form} layout="vertical" name="referApplication" requiredMark={false}>
        <Form.Item name="to" label={t('linkage.dialog.referTo')} rules={[{ required: true, message: t('linkage.dialog.referToRequired') }]}>
          <NativeSelect placeholder="—" options={options.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('linkage.dialog.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('linkage.dialog.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function ExtendDialog(p: DialogProps) {
  const { t } = useTranslation();
  const max = p.app.serviceItem.effectiveExtensionLimit;
  const [form] = Form.useForm<{ workingDays: number; reason: string }>();
  const [extend] = useMutation(ExtendApplicationDocument, refetching(p.app.id));
  const r = useRunner(p, 'EXTEND', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    void r.run(() => extend({ variables: { id: p.app.id, input: { workingDays: v.workingDays, reason: v.reason.trim() } } }));
  };
  return (
    <Dialog title={t('linkage.dialog.extendTitle')} okText={t('linkage.button.EXTEND')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      <p className="hint">{t('linkage.dialog.extendText', { max })}</p>
      <Form form={form} layout="vertical" name="extendApplication" requiredMark={false} initialValues={{ workingDays: Math.min(10, max) }}>
        <Form.Item name="workingDays" label={t('linkage.dialog.workingDays')} rules={numberRules(t, { min: 1, max, integer: true, required: t('numberField.range', { min: 1, max }) })}>
          <NumberInput integer />
        </Form.Item>
        <Form.Item name="reason" label={t('linkage.dialog.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('linkage.dialog.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function ResolveDialog(p: DialogProps) {
  const { t } = useTranslation();
  const open = p.app.objections.find((o) => !o.resolvedAt);
  const [form] = Form.useForm<{ resolution: string; upheld: boolean }>();
  const [resolve] = useMutation(ResolveObjectionDocument, refetching(p.app.id));
  const r = useRunner(p, 'RESOLVE_OBJECTION', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !open) return;
    void r.run(() => resolve({ variables: { id: open.id, input: { resolution: v.resolution.trim(), upheld: v.upheld } } }));
  };
  return (
    <Dialog title={t('linkage.dialog.resolveTitle')} okText={t('linkage.button.RESOLVE_OBJECTION')} busy={r.busy} error={r.error} onOk={() => void submit()} onCancel={p.onClose}>
      {open && (
        <p>
          <strong>{t('linkage.dialog.objection')}</strong>{t('app.colon')}{t('app.nameWithCode', { name: open.name, code: open.phone })} {open.reason}
        </p>
      )}
      <Form form={form} layout="vertical" name="resolveObjection" requiredMark={false} initialValues={{ upheld: false }}>
        <Form.Item name="resolution" label={t('linkage.dialog.resolution')} rules={[{ required: true, whitespace: true, min: 2, message: t('linkage.dialog.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="upheld">
          <Radio.Group
            options={[
              { value: false, label: t('linkage.dialog.notUpheld') },
              { value: true, label: t('linkage.dialog.upheld') },
            ]}
          />
        </Form.Item>
      </Form>
    </Dialog>
  );
}
