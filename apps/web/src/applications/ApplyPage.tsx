/**
 * Applying online (在线申办) for an item at a place: one upload per material of the item, for agents (村代办员) the
 * villager applied for with their recorded consent, then a review of everything that will be sent. The same form in
 * window mode (窗口代录, WalkInPage) records the person at the window. For the station and the window a material may
 * be a paper original received instead of a scan, and a person without a phone is marked so (没有手机: no SMS). The submit
 * carries an idempotency key made once per form fill and kept in sessionStorage, so a retry after a network error
 * cannot create a second application. Server problems are shown next to the part they concern.
 */
import { Result as PageResult } from '../common/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Result, Steps } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplyItemQuery, OnBehalfInput, PlaceQuery } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import type { Viewer } from '../auth/viewer';
import { apiError, type ApiError } from '../common/errors';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { PlaceDocument, rememberedPlaceId } from '../public/place';
import { applyMode, idempotencyStorageKey, type ApplyMode } from './availability';
import { ApplyItemDocument, SubmitApplicationDocument } from './documents';
import { isValidIdNumber, isValidMobile } from './idNumber';
import { MaterialUpload } from './MaterialUpload';
import { formatBytes, useMaterialFiles } from './upload';
import './linkage-text';
import './linkage.css';

type Item = NonNullable<ApplyItemQuery['serviceItem']>;
type Place = NonNullable<PlaceQuery['jurisdiction']>;

interface AgentValues {
  name: string;
  idNumber: string;
  phone?: string;
  noPhone?: boolean;
  consent: string;
  consented: boolean;
}

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function storedKey(storageKey: string): string {
  try {
    const have = sessionStorage.getItem(storageKey);
    if (have) return have;
    const key = newKey();
    sessionStorage.setItem(storageKey, key);
    return key;
  } catch {
    return newKey();
  }
}

function forgetKey(storageKey: string): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    /* private mode */
  }
}

export function ApplyPage() {
  return <RequireLogin>{(viewer) => <ApplyLoader viewer={viewer} />}</RequireLogin>;
}

function ApplyLoader({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  const { itemId = '' } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') ?? rememberedPlaceId();
  const item = useQuery(ApplyItemDocument, { variables: { id: itemId }, fetchPolicy: 'cache-and-network' });
  const place = useQuery(PlaceDocument, { variables: { id: at ?? '' }, skip: !at });
  const it = item.data?.serviceItem ?? null;
  const pl = place.data?.jurisdiction ?? null;
  usePageTitle(it ? t('apply.title', { name: it.name }) : t('apply.titleShort'));

  if (item.error && !item.data) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;
  if (place.error && !place.data) return <LoadError error={place.error} onRetry={() => void place.refetch()} />;
  if ((item.loading && !item.data) || (at && place.loading && !place.data)) return <Loading />;
  const back = it ? (
    <Link to={`/items/${it.id}${at ? `?at=${at}` : ''}`} className="big-link">
      {t('apply.backToGuide')}
    </Link>
  ) : (
    <Link to="/" className="big-link">
      {t('notFound.home')}
    </Link>
  );
  if (!it) return <PageResult headingLevel={1} title={t('guide.notFound')} extra={back} />;
  if (!pl) return <Result status="warning" title={<h1 className="result-title">{t('apply.noPlace')}</h1>} extra={back} />;
  if (it.exemption) {
    return (
      <Result
        status="warning"
        title={<h1 className="result-title">{t('guide.exemptionTitle')}</h1>}
        subTitle={`${it.exemption.office} · ${it.exemption.address} · ${it.exemption.phone}`}
        extra={back}
      />
    );
  }
  const mode = applyMode(viewer, it, pl);
  if (!mode) {
    const why = it.handlingLevel !== pl.level ? 'apply.notHere' : !it.onlineCapable ? 'apply.notOnline' : 'apply.notApplicant';
    return <Result status="info" title={<h1 className="result-title">{t(why)}</h1>} extra={back} />;
  }
  return <ApplyForm key={`${it.id}|${pl.id}`} item={it} place={pl} mode={mode} viewer={viewer} />;
}

export function ApplyForm({
  item,
  place,
  mode,
  viewer,
  onSubmitted,
}: {
  item: Item;
  place: Place;
  mode: ApplyMode;
  viewer: Viewer;
  /** After a successful submit (default: open the application with its confirmation). */
  onSubmitted?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const files = useMaterialFiles();
  const [agentForm] = Form.useForm<AgentValues>();
  // the station and the window speak for a person; only they record paper originals
  const onBehalf = mode !== 'citizen';
  const windowMode = mode === 'window';
  const noPhone = Form.useWatch('noPhone', agentForm) === true;
  const [paper, setPaper] = useState<Record<string, boolean>>({});
  const hasPaper = (name: string) => onBehalf && paper[name] === true;
  const [step, setStep] = useState<'fill' | 'review'>('fill');
  const [agent, setAgent] = useState<AgentValues | null>(null);
  // required materials found without a file (the mark goes once one is uploaded) and what the server said of others
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [materialsError, setMaterialsError] = useState<string | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const [fixNeeded, setFixNeeded] = useState(false);
  const [agentInvalid, setAgentInvalid] = useState(false);
  const [submit, { loading: submitting }] = useMutation(SubmitApplicationDocument);
  const storageKey = idempotencyStorageKey(item.id, place.id);
  const topRef = useRef<HTMLDivElement>(null);
  // Made when the form is first filled; the same key goes with every retry of this fill.
  useEffect(() => void storedKey(storageKey), [storageKey]);

  const centre = place.serviceCenter?.name ?? place.name;
  const required = useMemo(() => item.materials.filter((m) => m.necessity === 'REQUIRED'), [item.materials]);

  const scrollToProblem = () => {
    window.requestAnimationFrame(() => {
      const el = document.querySelector('.material-card-error, .ant-form-item-has-error, .page-alert');
      el?.scrollIntoView({ block: 'center' });
    });
  };

  const stillMissing = missing.filter((n) => files.uploaded(n).length === 0 && !hasPaper(n));
  const errorOf = (name: string) => (stillMissing.includes(name) ? t(onBehalf ? 'linkage.onBehalf.requiredMissingOrPaper' : 'apply.requiredMissing') : (materialErrors[name] ?? null));
  /** What the API takes: the uploads, and the paper originals received (with or without a scan). */
  const materialsToSend = () => {
    const uploaded = files.materials();
    const out = uploaded.map((m) => (hasPaper(m.requirement) ? { ...m, paperOriginal: true } : m));
    for (const m of item.materials) if (hasPaper(m.name) && !uploaded.some((u) => u.requirement === m.name)) out.push({ requirement: m.name, fileIds: [], paperOriginal: true });
    return out;
  };

  const toReview = async () => {
    setPageError(null);
    setMaterialsError(null);
    setMaterialErrors({});
    const absent = required.filter((m) => files.uploaded(m.name).length === 0 && !hasPaper(m.name)).map((m) => m.name);
    setMissing(absent);
    let values: AgentValues | null = null;
    let agentOk = true;
    if (onBehalf) {
      try {
        values = await agentForm.validateFields();
      } catch {
        agentOk = false;
      }
    }
    setAgentInvalid(!agentOk);
    if (files.uploading) {
      setPageError(t('apply.stillUploading'));
      return;
    }
    if (absent.length || !agentOk) {
      setFixNeeded(true);
      scrollToProblem();
      return;
    }
    setFixNeeded(false);
    setAgent(values);
    setStep('review');
    window.scrollTo({ top: 0 });
  };

  const showServerError = (err: ApiError, sent: Array<{ requirement: string }>) => {
    const field = typeof err.extensions.field === 'string' ? err.extensions.field : '';
    if (err.code === 'BAD_USER_INPUT' && field === 'input.materials') {
      const names = Array.isArray(err.extensions.missing) ? (err.extensions.missing as string[]) : [];
      if (names.length) {
        setMissing(names);
        setMaterialsError(t('apply.serverMissing', { names: names.join('、') }));
      } else {
        setMaterialsError(t('apply.serverMaterials', { message: err.message }));
      }
      setStep('fill');
      scrollToProblem();
      return;
    }
    const m = /^input\.materials\.(\d+)/.exec(field);
    if (err.code === 'BAD_USER_INPUT' && m) {
      const name = sent[Number(m[1])]?.requirement;
      if (name) setMaterialErrors({ [name]: t('apply.serverMaterials', { message: err.message }) });
      else setMaterialsError(t('apply.serverMaterials', { message: err.message }));
      setStep('fill');
      scrollToProblem();
      return;
    }
    const a = /^input\.onBehalfOf\.(\w+)/.exec(field);
    if (err.code === 'BAD_USER_INPUT' && a && onBehalf) {
      const name = a[1] as keyof AgentValues;
      agentForm.setFields([{ name, errors: [name === 'idNumber' ? t('apply.idInvalid') : name === 'phone' ? t('linkage.onBehalf.phoneOrNoPhone') : err.message] }]);
      setStep('fill');
      setAgentInvalid(true);
      setFixNeeded(true);
      scrollToProblem();
      return;
    }
    if (err.code === 'NETWORK') {
      setPageError(t('apply.networkRetry'));
      return;
    }
    setPageError(t('apply.failed', { message: err.message }));
  };

  const onSubmit = async () => {
    setPageError(null);
    const materials = materialsToSend();
    const onBehalfOf: OnBehalfInput | null =
      onBehalf && agent
        ? {
            name: agent.name.trim(),
            idNumber: agent.idNumber.trim().toUpperCase(),
            phone: agent.noPhone ? null : agent.phone?.trim() || null,
            noPhone: agent.noPhone === true,
            consent: agent.consent.trim(),
          }
        : null;
    try {
      const res = await submit({
        variables: {
          input: { serviceItemId: item.id, jurisdictionId: place.id, idempotencyKey: storedKey(storageKey), materials, onBehalfOf },
        },
      });
      const id = res.data?.submitApplication.id;
      forgetKey(storageKey);
      if (id && onSubmitted) onSubmitted(id);
      else if (id) void navigate(`/applications/${id}`, { replace: true, state: { submitted: true } });
    } catch (e) {
      showServerError(apiError(e), materials);
      topRef.current?.scrollIntoView();
    }
  };

  return (
    <div className="page page-apply" ref={topRef}>
      {windowMode ? (
        <h2 className="walkin-form-title">{t('linkage.onBehalf.windowTitle', { name: item.name })}</h2>
      ) : (
        <h1>{mode === 'agent' ? t('apply.agentTitle', { name: item.name }) : t('apply.title', { name: item.name })}</h1>
      )}
      <p className="apply-where">
        {t('apply.where', { centre })}
        {' · '}
        {item.handlingKind === 'INSTANT' ? t('place.instant') : t('place.promised', { limit: item.promisedLimit, unit: t(`unit.${item.promisedUnit}`) })}
      </p>
      <Steps
        className="apply-steps"
        size="small"
        current={step === 'fill' ? 0 : 1}
        items={[{ title: t('apply.stepFill') }, { title: t('apply.stepReview') }]}
      />
      {pageError && <Alert className="form-alert page-alert" type="error" showIcon title={pageError} />}
      {fixNeeded && (stillMissing.length > 0 || agentInvalid) && <Alert className="form-alert page-alert" type="error" showIcon title={t('apply.fixProblems')} />}

      <div hidden={step !== 'fill'}>
        {onBehalf && (
          <section className="apply-section" aria-labelledby="apply-agent">
            <h2 id="apply-agent">{t(windowMode ? 'linkage.onBehalf.windowPerson' : 'apply.onBehalf')}</h2>
            <p className="hint">{t(windowMode ? 'linkage.onBehalf.windowPersonHint' : 'apply.onBehalfHint')}</p>
            <Form<AgentValues>
              form={agentForm}
              layout="vertical"
              name="onBehalfOf"
              requiredMark={false}
              initialValues={{ consent: t(windowMode ? 'linkage.onBehalf.windowConsentDefault' : 'apply.consentDefault'), consented: false, noPhone: false }}
              className="agent-form"
              onFieldsChange={() => setAgentInvalid(agentForm.getFieldsError().some((f) => f.errors.length > 0))}
            >
              <Form.Item name="name" label={t(windowMode ? 'linkage.onBehalf.personName' : 'apply.villagerName')} rules={[{ required: true, whitespace: true, message: t('apply.required') }, { max: 50 }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="idNumber"
                label={t('apply.villagerId')}
                normalize={(v: string) => v?.toUpperCase()}
                rules={[
                  { required: true, whitespace: true, message: t('apply.required') },
                  { validator: async (_, v: string) => (!v || isValidIdNumber(v.trim()) ? undefined : Promise.reject(new Error(t('apply.idInvalid')))) },
                ]}
              >
                <Input maxLength={18} autoComplete="off" inputMode="text" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('apply.villagerPhone')}
                dependencies={['noPhone']}
                rules={[
                  {
                    validator: async (_, v: string) => {
                      if (agentForm.getFieldValue('noPhone') === true) return undefined;
                      if (!v?.trim()) throw new Error(t('linkage.onBehalf.phoneOrNoPhone'));
                      if (!isValidMobile(v.trim())) throw new Error(t('apply.phoneInvalid'));
                      return undefined;
                    },
                  },
                ]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="off" disabled={noPhone} />
              </Form.Item>
              <Form.Item name="noPhone" valuePropName="checked" extra={noPhone ? t('linkage.onBehalf.noPhoneHelp') : undefined}>
                <Checkbox
                  onChange={(e) => {
                    if (e.target.checked) agentForm.setFieldValue('phone', '');
                  }}
                >
                  {t('linkage.onBehalf.noPhone')}
                </Checkbox>
              </Form.Item>
              <Form.Item name="consent" label={t('apply.consent')} extra={t('apply.consentHelp')} rules={[{ required: true, whitespace: true, message: t('apply.required') }, { max: 500 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item
                name="consented"
                valuePropName="checked"
                rules={[{ validator: async (_, v: boolean) => (v ? undefined : Promise.reject(new Error(t(windowMode ? 'linkage.onBehalf.windowConsentRequired' : 'apply.consentRequired')))) }]}
              >
                <Checkbox>{t(windowMode ? 'linkage.onBehalf.windowConsented' : 'apply.consented')}</Checkbox>
              </Form.Item>
            </Form>
          </section>
        )}

        <section className="apply-section" aria-labelledby="apply-materials">
          <h2 id="apply-materials">{t('apply.materials')}</h2>
          <p className="hint">{t(onBehalf ? 'linkage.onBehalf.materialsHintPaper' : 'apply.materialsHint')}</p>
          {materialsError && <Alert className="form-alert" type="error" showIcon title={materialsError} />}
          {item.materials.length === 0 ? (
            <p>{t('guide.noMaterials')}</p>
          ) : (
            item.materials.map((m, i) => (
              <MaterialUpload
                key={m.name}
                material={m}
                index={i + 1}
                files={files}
                error={errorOf(m.name)}
                after={
                  onBehalf ? (
                    <label className="check-chip paper-original">
                      <input type="checkbox" checked={hasPaper(m.name)} onChange={(e) => setPaper((p) => ({ ...p, [m.name]: e.target.checked }))} />
                      <span>
                        {t('linkage.onBehalf.paperReceived')}
                        <span className="visually-hidden">{t('upload.chooseFor', { name: m.name })}</span>
                      </span>
                    </label>
                  ) : null
                }
              />
            ))
          )}
        </section>

        <div className="form-actions">
          <Button type="primary" size="large" onClick={() => void toReview()}>
            {t('apply.next')}
          </Button>
          {!windowMode && <Link to={`/items/${item.id}?at=${place.id}`}>{t('apply.backToGuide')}</Link>}
        </div>
      </div>

      {step === 'review' && (
        <section className="apply-section apply-review" aria-labelledby="apply-review">
          <h2 id="apply-review">{t('apply.reviewTitle')}</h2>
          <p className="hint">{t('apply.reviewHint')}</p>
          <dl className="fields">
            <dt>{t('apply.item')}</dt>
            <dd>{item.name}</dd>
            <dt>{t('apply.centre')}</dt>
            <dd>{centre}</dd>
            {onBehalf && agent ? (
              <>
                <dt>{t(windowMode ? 'linkage.onBehalf.personName' : 'apply.villagerName')}</dt>
                <dd>{agent.name}</dd>
                <dt>{t('apply.villagerId')}</dt>
                <dd>{agent.idNumber}</dd>
                <dt>{t('apply.villagerPhone')}</dt>
                <dd>{agent.noPhone ? t('linkage.onBehalf.noPhoneShort') : agent.phone?.trim() || '—'}</dd>
                <dt>{t('apply.consent')}</dt>
                <dd>{agent.consent}</dd>
                <dt>{t(windowMode ? 'linkage.onBehalf.windowClerk' : 'apply.agent')}</dt>
                <dd>{viewer.name}</dd>
              </>
            ) : (
              <>
                <dt>{t('apply.applicant')}</dt>
                <dd>{t('apply.self', { name: viewer.name })}</dd>
              </>
            )}
          </dl>
          <h3 className="review-subhead">{t('apply.materials')}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('guide.materialName')}</th>
                <th scope="col">{t('guide.materialNecessity')}</th>
                <th scope="col">{t('apply.files')}</th>
              </tr>
            </thead>
            <tbody>
              {item.materials.map((m) => {
                const up = files.uploaded(m.name);
                return (
                  <tr key={m.name}>
                    <th scope="row" data-label={t('guide.materialName')}>
                      {m.name}
                    </th>
                    <td data-label={t('guide.materialNecessity')}>{t(`necessity.${m.necessity}`)}</td>
                    <td data-label={t('apply.files')}>
                      {hasPaper(m.name) && <p className="paper-mark">{t('linkage.onBehalf.paperReceived')}</p>}
                      {up.length === 0 ? (
                        hasPaper(m.name) ? null : <span className="hint">{t('apply.noFiles')}</span>
                      ) : (
                        <ul className="plain-list">
                          {up.map((f) => (
                            <li key={f.key}>
                              {f.name} <span className="hint">({formatBytes(f.size)})</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="form-actions">
            <Button type="primary" size="large" onClick={() => void onSubmit()} disabled={submitting}>
              {submitting ? t('apply.submitting') : t('apply.submit')}
            </Button>
            <Button onClick={() => setStep('fill')} disabled={submitting}>
              {t('apply.edit')}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
