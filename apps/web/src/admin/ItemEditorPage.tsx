/**
 * The editor of an item's working copy: every content field of the national item elements, materials, procedure,
 * fees and FAQ as lists, delegation and exemption as optional sections. Saving passes the version that was loaded;
 * a stale one is refused by the server (VERSION_CONFLICT) and the editor says so instead of overwriting.
 */
import { Result as PageResult } from '../common/ui';
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Space, Switch } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type {
  ChainStageInput,
  FaqEntryInput,
  FeeItemInput,
  ItemEditorFieldsFragment,
  JurisdictionLevel,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  MaterialRequirementInput,
  ProcedureStepInput,
  ServiceCategory,
  ServiceItemContentInput,
  ServiceItemType,
  ServiceObject,
  HandlingKind,
  StageKind,
  TimeLimitUnit,
} from '../gql/graphql';
import type { AdminScope } from '../auth/viewer';
import { apiError, fieldProblems, formPath, type ApiError } from '../common/errors';
import { NativeSelect } from '../common/NativeSelect';
import { NumberInput, numberRules } from '../common/NumberInput';
import { BlankFormField, type BlankFormValue } from './BlankFormField';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { usePageTitle } from '../common/usePageTitle';
import { CATEGORIES, LEVELS } from '../common/enums';
import { CreateItemDocument, PublishItemDocument, UpdateItemDocument, WorkingItemDocument } from './items';
import { RequireAdmin } from './RequireAdmin';
import './chain-text';

const TYPES: ServiceItemType[] = [
  'ADMINISTRATIVE_LICENSE',
  'ADMINISTRATIVE_PAYMENT',
  'ADMINISTRATIVE_CONFIRMATION',
  'ADMINISTRATIVE_LEVY',
  'ADMINISTRATIVE_REWARD',
  'ADMINISTRATIVE_RULING',
  'OTHER_POWER',
  'PUBLIC_SERVICE',
];
const FORMS: MaterialForm[] = ['ORIGINAL', 'COPY', 'ORIGINAL_AND_COPY'];
const MEDIA: MaterialMedium[] = ['PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC'];
const NECESSITIES: MaterialNecessity[] = ['REQUIRED', 'CONDITIONAL', 'OPTIONAL'];
const UNITS: TimeLimitUnit[] = ['WORKING_DAYS', 'CALENDAR_DAYS'];
const OBJECTS: ServiceObject[] = ['PERSON', 'ORGANISATION', 'BOTH'];
const KINDS: HandlingKind[] = ['PROMISED', 'INSTANT'];
const STAGE_KINDS: Exclude<StageKind, 'DELIVER'>[] = ['COLLECT', 'ACCEPT', 'REVIEW', 'PUBLIC_NOTICE', 'DECIDE'];
/** A public notice runs in calendar days, every other stage in working days. */
const unitOfKind = (k: StageKind | undefined): TimeLimitUnit => (k === 'PUBLIC_NOTICE' ? 'CALENDAR_DAYS' : 'WORKING_DAYS');

interface FormValues {
  ownerId?: string;
  code?: string;
  name: string;
  type: ServiceItemType | null;
  category: ServiceCategory | null;
  handlingLevel: JurisdictionLevel | null;
  handlingDepartment: string;
  serviceObject: ServiceObject;
  legalBasis: string;
  conditions: string;
  hasDelegation: boolean;
  delegation?: { entrustingDepartment: string; document: string };
  hasExemption: boolean;
  exemption?: { document: string; office: string; address: string; phone: string };
  materials: Array<MaterialRequirementInput & { blankForm?: BlankFormValue | null }>;
  procedure: ProcedureStepInput[];
  statutoryLimit: number | null;
  statutoryUnit: TimeLimitUnit | null;
  promisedLimit: number | null;
  promisedUnit: TimeLimitUnit;
  handlingKind: HandlingKind;
  fee: { free: boolean; items: FeeItemInput[] };
  visitsRequired: number | null;
  onlineCapable: boolean;
  consultationPhone: string;
  supervisionPhone: string;
  location: string;
  officeHours: string;
  faq: FaqEntryInput[];
  hasChain: boolean;
  chain: ChainStageInput[];
  extensionLimit: number | null;
}

function emptyValues(ownerId: string): FormValues {
  return {
    ownerId,
    code: '',
    name: '',
    type: null,
    category: null,
    handlingLevel: null,
    handlingDepartment: '',
    serviceObject: 'PERSON',
    legalBasis: '',
    conditions: '',
    hasDelegation: false,
    hasExemption: false,
    materials: [],
    procedure: [{ title: '', description: '' }],
    statutoryLimit: null,
    statutoryUnit: 'WORKING_DAYS',
    promisedLimit: null,
    promisedUnit: 'WORKING_DAYS',
    handlingKind: 'PROMISED',
    fee: { free: true, items: [] },
    visitsRequired: 1,
    onlineCapable: false,
    consultationPhone: '',
    supervisionPhone: '',
    location: '',
    officeHours: '',
    faq: [],
    hasChain: false,
    chain: [],
    extensionLimit: null,
  };
}

/** The loaded item as form values (explicit fields: query results carry __typename, inputs must not). */
function fromItem(i: ItemEditorFieldsFragment): FormValues {
  return {
    name: i.name,
    type: i.type,
    category: i.category,
    handlingLevel: i.handlingLevel,
    handlingDepartment: i.handlingDepartment,
    serviceObject: i.serviceObject,
    legalBasis: i.legalBasis,
    conditions: i.conditions,
    hasDelegation: !!i.delegation,
    delegation: i.delegation ? { entrustingDepartment: i.delegation.entrustingDepartment, document: i.delegation.document } : undefined,
    hasExemption: !!i.exemption,
    exemption: i.exemption
      ? { document: i.exemption.document, office: i.exemption.office, address: i.exemption.address, phone: i.exemption.phone }
      : undefined,
    materials: i.materials.map((m, index) => {
      const blank = i.blankForms.find((f) => f.materialIndex === index);
      return {
        name: m.name,
        form: m.form,
        medium: m.medium,
        copies: m.copies,
        necessity: m.necessity,
        condition: m.condition,
        acceptanceStandard: m.acceptanceStandard,
        notes: m.notes,
        blankForm: m.blankFormFileId && blank ? { id: m.blankFormFileId, fileName: blank.fileName } : null,
      };
    }),
    procedure: i.procedure.map((s) => ({ title: s.title, description: s.description })),
    statutoryLimit: i.statutoryLimit,
    statutoryUnit: i.statutoryUnit ?? 'WORKING_DAYS',
    promisedLimit: i.promisedLimit,
    promisedUnit: i.promisedUnit,
    handlingKind: i.handlingKind,
    fee: { free: i.fee.free, items: i.fee.items.map((f) => ({ name: f.name, standard: f.standard, basis: f.basis })) },
    visitsRequired: i.visitsRequired,
    onlineCapable: i.onlineCapable,
    consultationPhone: i.consultationPhone,
    supervisionPhone: i.supervisionPhone,
    location: i.location,
    officeHours: i.officeHours,
    faq: i.faq.map((q) => ({ question: q.question, answer: q.answer })),
    hasChain: !!i.chain?.length,
    // Starting a chain from the effective one-stage chain keeps what the item does today.
    chain: (i.chain?.length ? i.chain : i.handlingChain).map((c) => ({ kind: c.kind, level: c.level, name: c.name, limit: c.limit, unit: c.unit })),
    extensionLimit: i.extensionLimit ?? null,
  };
}

/** The one-stage chain at the handling level: where a new chain starts. */
function defaultChain(v: FormValues): ChainStageInput[] {
  const level = (v.handlingLevel ?? 'COUNTY') as JurisdictionLevel;
  return [
    { kind: 'ACCEPT', level, name: '窗口受理', limit: 5, unit: 'WORKING_DAYS' },
    { kind: 'DECIDE', level, name: '审批办结', limit: v.promisedLimit ?? 0, unit: 'WORKING_DAYS' },
  ];
}

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

function toInput(v: FormValues): ServiceItemContentInput {
  return {
    name: v.name.trim(),
    type: v.type as ServiceItemType,
    category: v.category as ServiceCategory,
    handlingLevel: v.handlingLevel as JurisdictionLevel,
    handlingDepartment: v.handlingDepartment,
    serviceObject: v.serviceObject,
    legalBasis: v.legalBasis,
    conditions: v.conditions,
    delegation: v.hasDelegation && v.delegation ? { entrustingDepartment: v.delegation.entrustingDepartment, document: v.delegation.document } : null,
    exemption:
      v.hasExemption && v.exemption
        ? { document: v.exemption.document, office: v.exemption.office, address: v.exemption.address, phone: v.exemption.phone }
        : null,
    materials: (v.materials ?? []).map((m) => ({
      name: m.name,
      form: m.form,
      medium: m.medium,
      copies: m.copies ?? 1,
      necessity: m.necessity,
      condition: m.necessity === 'CONDITIONAL' ? blankToNull(m.condition) : null,
      acceptanceStandard: blankToNull(m.acceptanceStandard),
      notes: blankToNull(m.notes),
      blankFormFileId: m.blankForm?.id ?? null,
    })),
    procedure: (v.procedure ?? []).map((s) => ({ title: s.title, description: blankToNull(s.description) })),
    statutoryLimit: v.statutoryLimit ?? null,
    statutoryUnit: v.statutoryLimit == null ? null : v.statutoryUnit,
    promisedLimit: v.promisedLimit ?? 0,
    promisedUnit: v.promisedUnit,
    handlingKind: v.handlingKind,
    fee: { free: v.fee.free, items: v.fee.free ? [] : (v.fee.items ?? []).map((f) => ({ name: f.name, standard: f.standard, basis: f.basis })) },
    visitsRequired: v.visitsRequired ?? 0,
    onlineCapable: v.onlineCapable,
    consultationPhone: v.consultationPhone,
    supervisionPhone: v.supervisionPhone,
    location: v.location,
    officeHours: v.officeHours,
    faq: (v.faq ?? []).map((q) => ({ question: q.question, answer: q.answer })),
    chain: v.hasChain ? (v.chain ?? []).map((c) => ({ kind: c.kind, level: c.level, name: (c.name ?? '').trim(), limit: c.limit ?? 0, unit: c.unit })) : null,
    extensionLimit: v.extensionLimit ?? null,
  };
}

export function ItemEditorPage() {
  return <RequireAdmin>{(scopes) => <EditorLoader scopes={scopes} />}</RequireAdmin>;
}

function EditorLoader({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error, loading, refetch } = useQuery(WorkingItemDocument, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'network-only',
  });
  const item = data?.serviceItem ?? null;
  usePageTitle(id ? (item ? t('editor.editTitle', { name: item.name }) : null) : t('editor.newTitle'));
  if (!id) return <ItemForm key="new" scopes={scopes} item={null} onReload={async () => null} />;
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!item) return <PageResult headingLevel={1} title={t('editor.notFound')} />;
  return (
    <ItemForm
      key={item.id}
      scopes={scopes}
      item={item}
      onReload={async () => (await refetch()).data?.serviceItem ?? null}
    />
  );
}

interface Conflict {
  expected: number;
  current: number;
}

function ItemForm({
  scopes,
  item,
  onReload,
}: {
  scopes: AdminScope[];
  item: ItemEditorFieldsFragment | null;
  onReload(): Promise<ItemEditorFieldsFragment | null>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [version, setVersion] = useState(item?.version ?? 0);
  const [current, setCurrent] = useState(item);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [create] = useMutation(CreateItemDocument);
  const [update] = useMutation(UpdateItemDocument);
  const [publish] = useMutation(PublishItemDocument);
  const initialValues = useMemo(() => (item ? fromItem(item) : emptyValues(scopes[0].id)), [item, scopes]);

  const hasDelegation = Form.useWatch('hasDelegation', form);
  const hasExemption = Form.useWatch('hasExemption', form);
  const feeFree = Form.useWatch(['fee', 'free'], form);
  const hasChain = Form.useWatch('hasChain', form);
  const ownerId = Form.useWatch('ownerId', form);
  const ownerLevel = item ? item.owner.level : (scopes.find((s) => s.id === ownerId)?.level ?? scopes[0].level);
  const levelOptions = LEVELS.slice(LEVELS.indexOf(ownerLevel)).map((l) => ({ value: l, label: t(`level.${l}`) }));
  const opts = <T extends string>(values: readonly T[], ns: 'itemType' | 'category' | 'form' | 'medium' | 'necessity' | 'unit') =>
    values.map((v) => ({ value: v, label: t(`${ns}.${v}` as 'unit.WORKING_DAYS') }));
  const required = [{ required: true, whitespace: true, message: t('editor.required') }];
  const requiredChoice = [{ required: true, message: t('editor.required') }];

  const showError = (err: ApiError) => {
    if (err.code === 'VERSION_CONFLICT') {
      setConflict({ expected: Number(err.extensions.expectedVersion), current: Number(err.extensions.currentVersion) });
      return;
    }
    if (err.code === 'BAD_USER_INPUT') {
      const problems = fieldProblems(err);
      form.setFields(problems.map((p) => ({ name: formPath(p.field) as never, errors: [p.message] })));
      setFailure(t('editor.badInput', { message: err.message }));
      return;
    }
    setFailure(t('editor.saveFailed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
  };

  const save = async (andPublish: boolean) => {
    let values: FormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as FormValues;
    } catch {
      return;
    }
    setFailure(null);
    setConflict(null);
    setSaving(true);
    try {
      const input = toInput(values);
      let saved: ItemEditorFieldsFragment;
      if (!current) {
        const res = await create({ variables: { input: { ...input, ownerId: values.ownerId ?? scopes[0].id, code: (values.code ?? '').trim() } } });
        saved = res.data!.createServiceItem;
      } else {
        const res = await update({ variables: { id: current.id, version, input } });
        saved = res.data!.updateServiceItem;
      }
      setVersion(saved.version);
      setCurrent(saved);
      if (andPublish) {
        const res = await publish({ variables: { id: saved.id, version: saved.version } });
        const published = res.data?.publishServiceItem;
        // The working copy now equals the new version: show its number and no "unpublished changes".
        if (published) {
          setVersion(published.version);
          setCurrent({ ...saved, ...published });
        }
        message.success(t('editor.publishedOk', { no: published?.versionNo ?? '' }));
      } else {
        message.success(current ? t('editor.saved', { version: saved.version }) : t('editor.created', { name: saved.name }));
      }
      if (!current) void navigate(`/admin/items/${saved.id}/edit`, { replace: true });
    } catch (e) {
      showError(apiError(e));
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    const fresh = await onReload();
    if (fresh) {
      form.resetFields();
      form.setFieldsValue(fromItem(fresh));
      setVersion(fresh.version);
      setCurrent(fresh);
    }
    setConflict(null);
    setFailure(null);
  };

  const section = (title: string, children: ReactNode) => (
    <Card className="editor-section" title={<h2 className="card-heading">{title}</h2>}>
      {children}
    </Card>
  );

  return (
    <div className="page page-editor">
      <div className="page-head">
        <h1>{current ? t('editor.editTitle', { name: current.name }) : t('editor.newTitle')}</h1>
        <Link to="/admin/items">{t('editor.backToList')}</Link>
      </div>
      {current && (
        <p className="editor-status">
          <Pill tone={current.status === 'PUBLISHED' ? 'green' : current.status === 'WITHDRAWN' ? 'red' : 'neutral'}>
            {t('editor.status', { status: t(`itemStatus.${current.status}`) })}
          </Pill>
          {current.versionNo != null && <Pill>{t('admin.versionNoValue', { no: current.versionNo })}</Pill>}
          {current.hasUnpublishedChanges && current.status !== 'DRAFT' && <Pill tone="orange">{t('admin.unpublished')}</Pill>}
          <span>{t('editor.workingCopy')}</span>
        </p>
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          role="alert"
          title={t('editor.conflict', { expected: conflict.expected, current: conflict.current })}
          action={
            <Button onClick={() => void reload()} danger>
              {t('editor.reload')}
            </Button>
          }
        />
      )}
      {failure && <Alert type="error" showIcon className="form-alert" role="alert" title={failure} />}

      <Form<FormValues>
        form={form}
        name="item"
        layout="vertical"
        initialValues={initialValues}
        scrollToFirstError
        onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
          if (changed.handlingKind === 'INSTANT') form.setFieldValue('promisedLimit', 0);
          if (changed.hasChain && !all.chain?.length) form.setFieldValue('chain', defaultChain(all));
          // The unit follows the kind: a public notice in calendar days, everything else in working days.
          changed.chain?.forEach((c, i) => {
            if (c?.kind) form.setFieldValue(['chain', i, 'unit'], unitOfKind(c.kind));
          });
        }}
      >
        {section(
          t('editor.basics'),
          <Row gutter={16}>
            {!item && (
              <>
                <Col xs={24} md={12}>
                  <Form.Item name="ownerId" label={t('editor.owner')} rules={requiredChoice}>
                    <NativeSelect options={scopes.map((s) => ({ value: s.id, label: s.name }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="code" label={t('editor.code')} extra={t('editor.codeHelp')} rules={required}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24}>
              <Form.Item name="name" label={t('editor.name')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="type" label={t('editor.type')} rules={requiredChoice}>
                <NativeSelect options={opts(TYPES, 'itemType')} placeholder={t('home.pick')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('editor.category')} rules={requiredChoice}>
                <NativeSelect options={opts(CATEGORIES, 'category')} placeholder={t('home.pick')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="handlingLevel" label={t('editor.handlingLevel')} rules={requiredChoice}>
                <NativeSelect options={levelOptions} placeholder={t('home.pick')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="handlingDepartment" label={t('editor.handlingDepartment')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="serviceObject" label={t('editor.serviceObject')} rules={requiredChoice}>
                <Radio.Group options={OBJECTS.map((o) => ({ value: o, label: t(`serviceObject.${o}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="legalBasis" label={t('editor.legalBasis')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="conditions" label={t('editor.conditions')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="hasDelegation" valuePropName="checked">
                <Checkbox>{t('editor.hasDelegation')}</Checkbox>
              </Form.Item>
              {hasDelegation && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name={['delegation', 'entrustingDepartment']} label={t('editor.entrustingDepartment')} rules={required}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['delegation', 'document']} label={t('editor.delegationDocument')} rules={required}>
                      <Input />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </Col>
            <Col xs={24}>
              <Form.Item name="hasExemption" valuePropName="checked">
                <Checkbox>{t('editor.hasExemption')}</Checkbox>
              </Form.Item>
              {hasExemption && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name={['exemption', 'document']} label={t('editor.exemptionDocument')} rules={required}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['exemption', 'office']} label={t('editor.exemptionOffice')} rules={required}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['exemption', 'address']} label={t('editor.exemptionAddress')} rules={required}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['exemption', 'phone']} label={t('editor.exemptionPhone')} rules={required}>
                      <Input type="tel" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </Col>
          </Row>,
        )}

        {section(
          t('editor.materials'),
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="list-entry">
                    <legend>{t('editor.material', { n: index + 1 })}</legend>
                    <Row gutter={16}>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'name']} label={t('editor.materialName')} rules={required}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'copies']} label={t('editor.materialCopies')} rules={numberRules(t, { min: 0, max: 99, integer: true, required: t('editor.required') })}>
                          <NumberInput integer />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'necessity']} label={t('editor.materialNecessity')} rules={requiredChoice}>
                          <NativeSelect options={opts(NECESSITIES, 'necessity')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'form']} label={t('editor.materialForm')} rules={requiredChoice}>
                          <NativeSelect options={opts(FORMS, 'form')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'medium']} label={t('editor.materialMedium')} rules={requiredChoice}>
                          <NativeSelect options={opts(MEDIA, 'medium')} />
                        </Form.Item>
                      </Col>
                      <Form.Item noStyle shouldUpdate={(a: FormValues, b: FormValues) => a.materials?.[field.name]?.necessity !== b.materials?.[field.name]?.necessity}>
                        {() =>
                          form.getFieldValue(['materials', field.name, 'necessity']) === 'CONDITIONAL' ? (
                            <Col xs={24} md={12}>
                              <Form.Item name={[field.name, 'condition']} label={t('editor.materialCondition')} rules={required}>
                                <Input />
                              </Form.Item>
                            </Col>
                          ) : null
                        }
                      </Form.Item>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'acceptanceStandard']} label={t('editor.materialAcceptance')}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'notes']} label={t('editor.materialNotes')}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item name={[field.name, 'blankForm']} label={t('editor.blankForm')} extra={t('editor.blankFormHelp')}>
                          <BlankFormField material={index + 1} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Button danger icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)}>
                      {t('editor.removeNamed', { what: t('editor.material', { n: index + 1 }) })}
                    </Button>
                  </fieldset>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden="true" />}
                  onClick={() => add({ name: '', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED' })}
                >
                  {t('editor.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>,
        )}

        {section(
          t('editor.procedure'),
          <Form.List name="procedure">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="list-entry">
                    <legend>{t('editor.step', { n: index + 1 })}</legend>
                    <Form.Item name={[field.name, 'title']} label={t('editor.stepTitle')} rules={required}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} label={t('editor.stepDescription')}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                    </Form.Item>
                    <Button danger icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                      {t('editor.removeNamed', { what: t('editor.step', { n: index + 1 }) })}
                    </Button>
                  </fieldset>
                ))}
                <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add({ title: '', description: '' })}>
                  {t('editor.addStep')}
                </Button>
              </>
            )}
          </Form.List>,
        )}

        {section(
          t('editor.limits'),
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="handlingKind" label={t('editor.handlingKind')} rules={requiredChoice}>
                <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`handlingKind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="visitsRequired" label={t('editor.visitsRequired')} rules={numberRules(t, { min: 0, max: 10, integer: true, required: t('editor.required') })}>
                <NumberInput integer />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="onlineCapable" label={t('editor.onlineCapable')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="statutoryLimit" label={t('editor.statutoryLimit')} rules={numberRules(t, { min: 0, max: 3650, integer: true })}>
                <NumberInput integer />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="statutoryUnit" label={t('editor.statutoryUnit')}>
                <NativeSelect options={opts(UNITS, 'unit')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="promisedLimit" label={t('editor.promisedLimit')} rules={numberRules(t, { min: 0, max: 3650, integer: true, required: t('editor.required') })}>
                <NumberInput integer />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="promisedUnit" label={t('editor.promisedUnit')} rules={requiredChoice}>
                <NativeSelect options={opts(UNITS, 'unit')} />
              </Form.Item>
            </Col>
          </Row>,
        )}

        {section(
          t('chainEditor.title'),
          <>
            <p className="editor-help">{t('chainEditor.intro')}</p>
            <Form.Item name="hasChain" valuePropName="checked">
              <Checkbox>{t('chainEditor.useChain')}</Checkbox>
            </Form.Item>
            {!hasChain && <p className="editor-help">{t('chainEditor.oneStage')}</p>}
            {hasChain && (
              <Form.List name="chain">
                {(fields, { add, remove, move }, { errors }) => (
                  <>
                    {fields.map((field, index) => (
                      <fieldset key={field.key} className="list-entry editor-chain-stage" data-testid={`chain-stage-${index}`}>
                        <legend>{t('chainEditor.stage', { n: index + 1 })}</legend>
                        <Row gutter={16}>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'kind']} label={t('chainEditor.kind')} rules={requiredChoice}>
                              <NativeSelect options={STAGE_KINDS.map((k) => ({ value: k, label: t(`chainEditor.kinds.${k}`) }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'level']} label={t('chainEditor.level')} rules={requiredChoice}>
                              <NativeSelect options={levelOptions} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={12}>
                            <Form.Item name={[field.name, 'name']} label={t('chainEditor.name')} rules={required}>
                              <Input maxLength={50} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'limit']} label={t('chainEditor.limit')} rules={requiredChoice}>
                              <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'unit']} label={t('chainEditor.unit')} rules={requiredChoice}>
                              <NativeSelect options={opts(UNITS, 'unit')} />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Space wrap>
                          <Button icon={<ArrowUpOutlined aria-hidden="true" />} disabled={index === 0} onClick={() => move(index, index - 1)}>
                            {t('chainEditor.up', { n: index + 1 })}
                          </Button>
                          <Button icon={<ArrowDownOutlined aria-hidden="true" />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)}>
                            {t('chainEditor.down', { n: index + 1 })}
                          </Button>
                          <Button danger icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)}>
                            {t('chainEditor.remove', { n: index + 1 })}
                          </Button>
                        </Space>
                      </fieldset>
                    ))}
                    <Form.ErrorList errors={errors} />
                    <Button
                      icon={<PlusOutlined aria-hidden="true" />}
                      disabled={fields.length >= 10}
                      onClick={() => add({ kind: 'REVIEW', level: form.getFieldValue('handlingLevel') ?? ownerLevel, name: '', limit: 5, unit: 'WORKING_DAYS' }, Math.max(0, fields.length - 1))}
                    >
                      {t('chainEditor.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            )}
            <Form.Item name="extensionLimit" label={t('chainEditor.extensionLimit')} extra={t('chainEditor.extensionHelp')}>
              <InputNumber min={0} max={60} precision={0} style={{ width: '100%', maxWidth: 240 }} />
            </Form.Item>
          </>,
        )}

        {section(
          t('editor.fees'),
          <>
            <Form.Item name={['fee', 'free']} valuePropName="checked">
              <Checkbox>{t('editor.free')}</Checkbox>
            </Form.Item>
            {feeFree === false && (
              <Form.List name={['fee', 'items']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <fieldset key={field.key} className="list-entry">
                        <legend>{t('editor.feeItem', { n: index + 1 })}</legend>
                        <Row gutter={16}>
                          <Col xs={24} md={8}>
                            <Form.Item name={[field.name, 'name']} label={t('editor.feeName')} rules={required}>
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={8}>
                            <Form.Item name={[field.name, 'standard']} label={t('editor.feeStandard')} rules={required}>
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={8}>
                            <Form.Item name={[field.name, 'basis']} label={t('editor.feeBasis')} rules={required}>
                              <Input />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Button danger icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)}>
                          {t('editor.removeNamed', { what: t('editor.feeItem', { n: index + 1 }) })}
                        </Button>
                      </fieldset>
                    ))}
                    <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add({ name: '', standard: '', basis: '' })}>
                      {t('editor.addFee')}
                    </Button>
                  </>
                )}
              </Form.List>
            )}
          </>,
        )}

        {section(
          t('editor.contact'),
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="consultationPhone" label={t('editor.consultationPhone')} rules={required}>
                <Input type="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="supervisionPhone" label={t('editor.supervisionPhone')} rules={required}>
                <Input type="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="location" label={t('editor.location')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="officeHours" label={t('editor.officeHours')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
          </Row>,
        )}

        {section(
          t('editor.faq'),
          <Form.List name="faq">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="list-entry">
                    <legend>{t('editor.faqEntry', { n: index + 1 })}</legend>
                    <Form.Item name={[field.name, 'question']} label={t('editor.question')} rules={required}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'answer']} label={t('editor.answer')} rules={required}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                    </Form.Item>
                    <Button danger icon={<DeleteOutlined aria-hidden="true" />} onClick={() => remove(field.name)}>
                      {t('editor.removeNamed', { what: t('editor.faqEntry', { n: index + 1 }) })}
                    </Button>
                  </fieldset>
                ))}
                <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add({ question: '', answer: '' })}>
                  {t('editor.addFaq')}
                </Button>
              </>
            )}
          </Form.List>,
        )}

        <div className="editor-actions">
          <Space wrap>
            <Button type="primary" onClick={() => void save(false)} disabled={saving}>
              {t('editor.save')}
            </Button>
            <Button onClick={() => void save(true)} disabled={saving}>
              {t('editor.saveAndPublish')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
