/**
 * The printable service guide (办事指南) of an item's published edition: every element a citizen needs before
 * applying, with the exemption (暂不进驻) first when the item is handled outside the centre. When the visitor came
 * from a place where the item is available (`?at=`, or the remembered place of the item's level), it offers
 * "在线申办" to citizens and village agents, and "登录后申办" to visitors.
 */
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { graphql } from '../gql';
import type { GuideQuery } from '../gql/graphql';
import { useViewer } from '../auth/viewer';
import { applyMode, isAvailableAt } from '../applications/availability';
import { PlaceDocument, useRememberedPlaceId } from './place';
import { usePageTitle } from '../common/usePageTitle';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { Alert, Button, PrinterIcon, Result } from '../common/ui';
import { GuideChain } from '../applications/GuideChain';

const GuideDocument = graphql(`
  query Guide($id: ID!) {
    serviceItem(id: $id, edition: PUBLISHED) {
      id
      edition
      code
      name
      category
      handlingLevel
      handlingChain {
        kind
        level
        name
        limit
        unit
      }
      ...ServiceItemGuideFields
      owner {
        id
        name
        level
        ancestors {
          id
          name
        }
      }
      demo
      versionNo
      publishedAt
    }
  }
`);

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function ApplyBox({ item }: { item: NonNullable<GuideQuery['serviceItem']> }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const remembered = useRememberedPlaceId();
  const placeId = params.get('at') ?? remembered;
  const { viewer, loading: viewerLoading } = useViewer();
  const { data } = useQuery(PlaceDocument, { variables: { id: placeId ?? '' }, skip: !placeId, errorPolicy: 'all' });
  const place = data?.jurisdiction ?? null;
  if (item.exemption || viewerLoading) return null;
  if (!place || !isAvailableAt(item, place)) {
    if (!item.onlineCapable) return null;
    return (
      <div className="apply-box apply-box-muted no-print">
        <p>{t('guide.applyNeedsPlace')}</p>
        <Link to="/">{t('guide.applyChoosePlace')}</Link>
      </div>
    );
  }
  const where = place.serviceCenter?.name ?? place.name;
  const applyPath = `/apply/${item.id}?at=${place.id}`;
  if (!viewer) {
    if (!item.onlineCapable) return null;
    return (
      <div className="apply-box no-print">
        <div>
          <p className="apply-box-title">{t('guide.applyHere', { where })}</p>
          <p className="hint">{t('guide.applyLoginHint')}</p>
        </div>
        <span className="apply-links">
          <Link to="/login" state={{ from: applyPath }} className="apply-link">
            {t('guide.applyLogin')}
          </Link>
          <Link to="/register" state={{ from: applyPath }}>
            {t('users.login.register')}
          </Link>
        </span>
      </div>
    );
  }
  const mode = applyMode(viewer, item, place);
  if (!mode) return null;
  return (
    <div className="apply-box no-print">
      <div>
        <p className="apply-box-title">{t('guide.applyHere', { where })}</p>
        <p className="hint">{mode === 'agent' ? t('guide.applyAgentHint') : t('guide.applyHint')}</p>
      </div>
      <Link to={applyPath} className="apply-link">
        {t('guide.apply')}
      </Link>
    </div>
  );
}

export function GuidePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(GuideDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const item = data?.serviceItem ?? null;
  const navigate = useNavigate();
  // react-router keeps the position in the session history: only offer "back" when it stays in this site.
  // (no history on the server: a first load has none either)
  const canGoBack = typeof window !== 'undefined' && ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  usePageTitle(item ? t('guide.title', { name: item.name }) : null);

  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!item) {
    return (
      <Result
        headingLevel={1}
        title={t('guide.notFound')}
        extra={
          <Link to="/" className="big-link">
            {t('notFound.home')}
          </Link>
        }
      />
    );
  }

  const limit = (n: number, unit: string) => t('guide.limitValue', { limit: n, unit: t(`unit.${unit as 'WORKING_DAYS'}`) });
  const ownerPath = [...item.owner.ancestors.map((a) => a.name), item.owner.name].join(' / ');

  return (
    <article className="page guide" aria-labelledby="guide-title">
      <div className="guide-toolbar no-print">
        {canGoBack ? (
          <Button variant="link" className="back-button" onClick={() => void navigate(-1)}>
            {t('guide.back')}
          </Button>
        ) : (
          <Link to="/">{t('notFound.home')}</Link>
        )}
        <Button variant="primary" icon={<PrinterIcon />} onClick={() => window.print()}>
          {t('guide.print')}
        </Button>
      </div>

      {item.exemption && (
        <Alert
          className="exemption"
          type="warning"
          title={<strong>{t('guide.exemptionTitle')}</strong>}
          description={
            <>
              <p>{t('guide.exemptionText')}</p>
              <dl className="fields fields-compact">
                <Field label={t('guide.exemptionOffice')}>{item.exemption.office}</Field>
                <Field label={t('guide.exemptionAddress')}>{item.exemption.address}</Field>
                <Field label={t('guide.exemptionPhone')}>
                  <a href={`tel:${item.exemption.phone}`}>{item.exemption.phone}</a>
                </Field>
                <Field label={t('guide.exemptionDocument')}>{item.exemption.document}</Field>
              </dl>
            </>
          }
        />
      )}

      <header className="guide-header">
        <h1 id="guide-title">{t('guide.title', { name: item.name })}</h1>
        <p className="guide-version">
          {item.versionNo != null && <span>{t('guide.version', { no: item.versionNo })}</span>}
          {item.publishedAt && <span>{t('guide.publishedAt', { date: shanghaiDay(item.publishedAt) })}</span>}
          {item.demo && <Pill tone="purple">{t('place.demo')}</Pill>}
        </p>
        {item.demo && <p className="hint">{t('guide.demoNotice')}</p>}
      </header>

      <ApplyBox item={item} />

      <GuideChain chain={item.handlingChain} />

      <Section id="g-basics" title={t('guide.basics')}>
        <dl className="fields">
          <Field label={t('guide.name')}>{item.name}</Field>
          <Field label={t('guide.code')}>{item.code}</Field>
          <Field label={t('guide.type')}>{t(`itemType.${item.type}`)}</Field>
          <Field label={t('guide.category')}>{t(`category.${item.category}`)}</Field>
          <Field label={t('guide.handlingLevel')}>{t(`level.${item.handlingLevel}`)}</Field>
          <Field label={t('guide.handlingDepartment')}>{item.handlingDepartment}</Field>
          <Field label={t('guide.delegation')}>
            {item.delegation
              ? t('guide.delegationValue', { department: item.delegation.entrustingDepartment, document: item.delegation.document })
              : t('guide.noDelegation')}
          </Field>
          <Field label={t('guide.serviceObject')}>{t(`serviceObject.${item.serviceObject}`)}</Field>
          <Field label={t('guide.owner')}>{t('guide.ownerValue', { name: ownerPath })}</Field>
        </dl>
      </Section>

      <Section id="g-legal" title={t('guide.legalBasis')}>
        <p className="prose">{item.legalBasis}</p>
      </Section>

      <Section id="g-conditions" title={t('guide.conditions')}>
        <p className="prose">{item.conditions}</p>
      </Section>

      <Section id="g-materials" title={t('guide.materials')}>
        {item.materials.length === 0 ? (
          <p>{t('guide.noMaterials')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('guide.materialNo')}</th>
                <th scope="col">{t('guide.materialName')}</th>
                <th scope="col">{t('guide.materialForm')}</th>
                <th scope="col">{t('guide.materialMedium')}</th>
                <th scope="col">{t('guide.materialCopies')}</th>
                <th scope="col">{t('guide.materialNecessity')}</th>
                <th scope="col">{t('guide.materialAcceptance')}</th>
                <th scope="col">{t('guide.materialNotes')}</th>
              </tr>
            </thead>
            <tbody>
              {item.materials.map((m, i) => (
                <tr key={`${i}-${m.name}`}>
                  <td data-label={t('guide.materialNo')}>{i + 1}</td>
                  <th scope="row" data-label={t('guide.materialName')}>
                    {m.name}
                    {item.blankForms
                      .filter((f) => f.materialIndex === i)
                      .map((f) => (
                        <a key={f.url} href={f.url} download={f.fileName} className="blank-form-link">
                          {t('guide.blankForm', { kind: f.mimeType === 'application/pdf' ? 'PDF' : 'Word', size: `${Math.max(1, Math.round(f.sizeBytes / 1024))} KB` })}
                        </a>
                      ))}
                  </th>
                  <td data-label={t('guide.materialForm')}>{t(`form.${m.form}`)}</td>
                  <td data-label={t('guide.materialMedium')}>{t(`medium.${m.medium}`)}</td>
                  <td data-label={t('guide.materialCopies')}>{m.copies}</td>
                  <td data-label={t('guide.materialNecessity')}>
                    {t(`necessity.${m.necessity}`)}
                    {m.condition ? `${t('evaluation.colon')}${m.condition}` : ''}
                  </td>
                  <td data-label={t('guide.materialAcceptance')}>{m.acceptanceStandard ?? '—'}</td>
                  <td data-label={t('guide.materialNotes')}>{m.notes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="g-procedure" title={t('guide.procedure')}>
        <ol className="steps">
          {item.procedure.map((s, i) => (
            <li key={`${i}-${s.title}`}>
              <strong>{s.title}</strong>
              {s.description && <p className="prose">{s.description}</p>}
            </li>
          ))}
        </ol>
      </Section>

      <Section id="g-limits" title={t('guide.limits')}>
        <dl className="fields">
          <Field label={t('guide.handlingKind')}>{t(`handlingKind.${item.handlingKind}`)}</Field>
          <Field label={t('guide.statutoryLimit')}>
            {item.statutoryLimit != null && item.statutoryUnit ? limit(item.statutoryLimit, item.statutoryUnit) : t('guide.noStatutoryLimit')}
          </Field>
          <Field label={t('guide.promisedLimit')}>
            {item.handlingKind === 'INSTANT' ? t('place.instant') : limit(item.promisedLimit, item.promisedUnit)}
          </Field>
          <Field label={t('guide.visitsRequired')}>{t('guide.visitsValue', { count: item.visitsRequired })}</Field>
          <Field label={t('guide.onlineCapable')}>{item.onlineCapable ? t('guide.yes') : t('guide.no')}</Field>
        </dl>
      </Section>

      <Section id="g-fees" title={t('guide.fees')}>
        {item.fee.free || item.fee.items.length === 0 ? (
          <p>{t('guide.free')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('guide.feeName')}</th>
                <th scope="col">{t('guide.feeStandard')}</th>
                <th scope="col">{t('guide.feeBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {item.fee.items.map((f, i) => (
                <tr key={`${i}-${f.name}`}>
                  <th scope="row" data-label={t('guide.feeName')}>
                    {f.name}
                  </th>
                  <td data-label={t('guide.feeStandard')}>{f.standard}</td>
                  <td data-label={t('guide.feeBasis')}>{f.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="g-contact" title={t('guide.contact')}>
        <dl className="fields">
          <Field label={t('guide.location')}>{item.location}</Field>
          <Field label={t('guide.officeHours')}>{item.officeHours}</Field>
          <Field label={t('guide.consultationPhone')}>
            <a href={`tel:${item.consultationPhone}`}>{item.consultationPhone}</a>
          </Field>
          <Field label={t('guide.supervisionPhone')}>
            <a href={`tel:${item.supervisionPhone}`}>{item.supervisionPhone}</a>
          </Field>
        </dl>
      </Section>

      {item.faq.length > 0 && (
        <Section id="g-faq" title={t('guide.faq')}>
          <dl className="faq">
            {item.faq.map((q, i) => (
              <div key={`${i}-${q.question}`}>
                <dt>{q.question}</dt>
                <dd className="prose">{q.answer}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
    </article>
  );
}

/** YYYY-MM-DD of an instant in China's time zone (the browser's own zone may differ). */
function shanghaiDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);
}
