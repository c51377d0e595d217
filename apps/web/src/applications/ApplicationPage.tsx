/**
 * One application (办件) for everyone who may see it — applicant, agent, handling clerks, supervisors: where it
 * stands, what happens next, the receipt and how its due date was computed, notices, materials, special procedures,
 * the decision or refusal and its delivery, the documents to print, and the full history. The buttons are exactly
 * the server's `nextActions` for this viewer.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { Result as PageResult } from '../common/ui';
import { useServerText } from '../common/serverText';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetailFragment } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import type { ApiError } from '../common/errors';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { ActionBar, type ActionOutcome } from './ApplicationActions';
import { ApplicationDocument } from './documents';
import { ApplicationSteps, DueTags, EventTimeline, StatusPill } from './status';
import { EvaluationPanel } from '../evaluation';
import { StageProgress } from './StageProgress';
import { SubmittedPanel } from './SubmittedPanel';
import './linkage-text';
import './print-text';

type App = ApplicationDetailFragment;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide-section app-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ApplicationPage() {
  return <RequireLogin>{() => <ApplicationLoader />}</RequireLogin>;
}

interface Flash {
  type: 'success' | 'warning';
  text: string;
  detail?: string;
  print?: string;
}

function ApplicationLoader() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const submitted = !!(location.state as { submitted?: boolean } | null)?.submitted;
  const { data, error, loading, refetch } = useQuery(ApplicationDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [flash, setFlash] = useState<Flash | null>(null);
  const app = data?.application ?? null;
  usePageTitle(app ? t('application.title', { number: app.number }) : null);

  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!app) {
    return (
      <PageResult
        headingLevel={1}
        title={t('application.notFound')}
        extra={
          <Link to="/me/applications" className="big-link">
            {t('nav.myApplications')}
          </Link>
        }
      />
    );
  }

  const onDone = ({ action }: ActionOutcome) => {
    setFlash({
      type: 'success',
      text: t(`actionDone.${action as 'ACCEPT'}`),
      print: action === 'ACCEPT' ? 'receipt' : action === 'NOTIFY_DEFICIENCY' ? 'notice' : action === 'REJECT' ? 'rejection' : action === 'COMPLETE' ? 'decision' : undefined,
    });
    window.scrollTo({ top: 0 });
  };
  const onStale = (err: ApiError) => {
    const status = typeof err.extensions.status === 'string' ? t(`appStatus.${err.extensions.status as 'SUBMITTED'}`) : null;
    setFlash({ type: 'warning', text: status ? t('application.staleStatus', { status }) : t('application.stale'), detail: err.message });
    void refetch();
    window.scrollTo({ top: 0 });
  };

  return <ApplicationView app={app} submitted={submitted} flash={flash} onCloseFlash={() => setFlash(null)} onDone={onDone} onStale={onStale} />;
}

function printPath(app: App, kind: string): string {
  if (kind === 'notice') {
    const latest = Math.max(0, ...app.deficiencyNotices.map((n) => n.sequence));
    return `/applications/${app.id}/print/notice/${latest}`;
  }
  return `/applications/${app.id}/print/${kind}`;
}

function ApplicationView({
  app,
  submitted = false,
  flash,
  onCloseFlash,
  onDone,
  onStale,
}: {
  app: App;
  submitted?: boolean;
  flash: Flash | null;
  onCloseFlash(): void;
  onDone(o: ActionOutcome): void;
  onStale(err: ApiError): void;
}) {
  const { t, i18n } = useTranslation();
  const text = useServerText();
  // the server writes the computation in both languages
  const explanation = i18n.language === 'en' ? app.dueDateExplanationEn : app.dueDateExplanation;
  const { day, time } = useDates();
  const appeal = t('print.appeal', { reviewBody: app.appealBodies.reviewBody || t('print.anyReviewBody'), court: app.appealBodies.court || t('print.anyCourt') });
  const [preview, setPreview] = useState<App['materials'][number] | null>(null);
  const notices = [...app.deficiencyNotices].sort((a, b) => a.sequence - b.sequence);
  const rounds = [...new Set(app.materials.map((m) => m.round))].sort((a, b) => a - b);
  const docs: Array<{ to: string; label: string }> = [];
  if (app.receipt) docs.push({ to: printPath(app, 'receipt'), label: t('print.receipt') });
  for (const n of notices) docs.push({ to: `/applications/${app.id}/print/notice/${n.sequence}`, label: t('print.noticeN', { n: n.sequence }) });
  if (app.rejection) docs.push({ to: printPath(app, 'rejection'), label: t('print.rejection') });
  if (app.decision) docs.push({ to: printPath(app, 'decision'), label: app.decision.result === 'APPROVED' ? t('print.decisionApproved') : t('print.decisionDenied') });
  if (app.stages.some((s) => s.outcome === 'FORWARDED')) docs.push({ to: `/applications/${app.id}/print/forwarding`, label: t('linkage.print.forwarding') });
  if (app.events.some((e) => e.action === 'EXTEND')) docs.push({ to: `/applications/${app.id}/print/extension`, label: t('linkage.print.extension') });

  return (
    <article className="page app-page" aria-labelledby="app-title">
      <header className="app-header">
        <p className="app-kicker">{t('application.kicker', { number: app.number })}</p>
        <h1 id="app-title">{app.serviceItem.name}</h1>
        <p className="app-status">
          <span>{t('application.currentStatus')}</span>
          <StatusPill status={app.status} />
          {app.onBehalf && <Pill tone="purple">{t('application.onBehalf')}</Pill>}
          <DueTags overdue={app.overdue} warning={app.warning} />
        </p>
      </header>

      {submitted && app.status === 'SUBMITTED' && <SubmittedPanel app={app} />}

      {flash && (
        <Alert
          className="form-alert page-alert"
          type={flash.type}
          showIcon
          title={flash.text}
          description={
            flash.detail || flash.print ? (
              <>
                {flash.detail && <p className="hint flash-detail">{flash.detail}</p>}
                {flash.print && (
                  <Link to={printPath(app, flash.print)} className="big-link">
                    <PrinterOutlined aria-hidden="true" /> {t(`print.${flash.print as 'receipt'}Action`)}
                  </Link>
                )}
              </>
            ) : undefined
          }
          closable={{ onClose: onCloseFlash, 'aria-label': t('application.closeFlash') }}
        />
      )}

      <section className="app-progress" aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="visually-hidden">
          {t('application.progress')}
        </h2>
        <ApplicationSteps status={app.status} events={app.events} supplementDeadline={app.supplementDeadline} />
        <div className="next-step" role="note">
          <strong>{t('application.nextStep')}</strong>
          <span>{text(app.nextStepKey, app.nextStepParams, app.nextStep)}</span>
        </div>
      </section>

      {app.stages.length > 0 && (
        <section className="app-stages" aria-labelledby="stages-heading">
          <h2 id="stages-heading">{t('linkage.progress.title')}</h2>
          <StageProgress stages={app.stages} />
        </section>
      )}

      <ActionBar app={app} onDone={onDone} onStale={onStale} />

      {docs.length > 0 && (
        <nav className="doc-links" aria-label={t('application.documents')}>
          <span className="doc-links-title">{t('application.documents')}</span>
          {docs.map((d) => (
            <Link key={d.to} to={d.to}>
              <PrinterOutlined aria-hidden="true" /> {d.label}
            </Link>
          ))}
        </nav>
      )}

      <Section id="app-basics" title={t('application.basics')}>
        <dl className="fields">
          <Field label={t('application.number')}>{app.number}</Field>
          <Field label={t('application.item')}>
            <Link to={`/items/${app.serviceItem.id}`}>{app.serviceItem.name}</Link>
            {app.serviceItem.versionNo != null && <span className="hint"> {t('guide.version', { no: app.serviceItem.versionNo })}</span>}
          </Field>
          <Field label={t('application.centre')}>{app.handlingCenter || app.jurisdiction.name}</Field>
          <Field label={t('application.applicant')}>{app.applicant.name}</Field>
          <Field label={t('application.idNumber')}>{app.applicant.idNumber}</Field>
          {app.applicant.phone ? (
            <Field label={t('application.phone')}>{app.applicant.phone}</Field>
          ) : (
            app.noPhone && <Field label={t('application.phone')}>{t('linkage.onBehalf.noPhone')}</Field>
          )}
          {app.onBehalf && <Field label={t('application.consent')}>{app.consent ?? '—'}</Field>}
          {app.agent && <Field label={t('print.agent')}>{app.agent}</Field>}
          {app.lookupCode && !app.receipt && (
            <Field label={t('application.lookupCode')}>
              <span className="lookup-code">{app.lookupCode}</span>
            </Field>
          )}
          <Field label={t('application.submittedAt')}>{time(app.submittedAt)}</Field>
          <Field label={t('application.receivedOn')}>{day(app.receivedOn)}</Field>
          {app.withdrawalReason && <Field label={t('application.withdrawalReason')}>{app.withdrawalReason}</Field>}
        </dl>
      </Section>

      {app.receipt && (
        <Section id="app-receipt" title={t('application.receipt')}>
          <dl className="fields">
            <Field label={t('application.receiptNumber')}>{app.receipt.number}</Field>
            <Field label={t('application.acceptedOn')}>
              {day(app.receipt.acceptedOn)}
              {app.receipt.deemed && <span className="hint"> {t('application.deemed')}</span>}
            </Field>
            <Field label={t('application.dueDate')}>
              <strong>{day(app.dueDate ?? app.receipt.dueDate)}</strong> <DueTags overdue={app.overdue} warning={app.warning} />
            </Field>
            <Field label={t('application.lookupCode')}>
              <span className="lookup-code">{app.receipt.lookupCode}</span>
            </Field>
          </dl>
          {explanation.length > 0 && (
            <details className="explain">
              <summary>{t('application.howDue')}</summary>
              <ol>
                {explanation.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ol>
            </details>
          )}
        </Section>
      )}

      {notices.length > 0 && (
        <Section id="app-notices" title={t('application.notices')}>
          {notices.map((n) => (
            <div key={n.id} className="notice-block">
              <h3>
                {t('application.noticeHeading', { n: n.sequence })}
                {n.isRepeat && (
                  <>
                    {' '}
                    <Pill tone="orange">{t('application.repeatNotice')}</Pill>
                  </>
                )}
              </h3>
              <p className="hint">
                {t('application.noticeIssued', { time: time(n.issuedAt) })} · {t('application.supplementBy', { date: day(n.supplementDeadline) })}
              </p>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('guide.materialName')}</th>
                    <th scope="col">{t('application.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {n.items.map((i, k) => (
                    <tr key={k}>
                      <th scope="row" data-label={t('guide.materialName')}>
                        {i.material}
                      </th>
                      <td data-label={t('application.problem')}>{i.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </Section>
      )}

      <Section id="app-materials" title={t('application.materials')}>
        {app.paperOriginals.length > 0 && (
          <p className="paper-originals">
            {t('linkage.print.paperOriginal')}
            {t('app.colon')}
            {new Intl.ListFormat(i18n.language, { type: 'conjunction', style: 'narrow' }).format(app.paperOriginals)}
          </p>
        )}
        {app.materials.length === 0 ? (
          app.paperOriginals.length === 0 && <p>{t('application.noMaterials')}</p>
        ) : (
          rounds.map((round) => (
            <div key={round} className="round-block">
              <h3>{round === 1 ? t('application.roundFirst') : t('application.roundSupplement', { n: round - 1 })}</h3>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('guide.materialName')}</th>
                    <th scope="col">{t('application.file')}</th>
                  </tr>
                </thead>
                <tbody>
                  {app.materials
                    .filter((m) => m.round === round)
                    .map((m) => (
                      <tr key={m.fileId}>
                        <th scope="row" data-label={t('guide.materialName')}>
                          {m.requirement}
                        </th>
                        <td data-label={t('application.file')}>
                          <span className="material-file">
                            <a href={`${m.url}?download=1`} download={m.fileName}>
                              {m.fileName}
                            </a>
                            {PREVIEWABLE.has(m.mimeType) && (
                              <Button
                                aria-label={t('application.previewFile', { name: m.fileName })}
                                aria-expanded={preview?.fileId === m.fileId}
                                aria-controls="material-preview"
                                onClick={() => setPreview(preview?.fileId === m.fileId ? null : m)}
                              >
                                {preview?.fileId === m.fileId ? t('application.previewClose') : t('application.preview')}
                              </Button>
                            )}
                          </span>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ))
        )}
        {preview && <MaterialPreview file={preview} onClose={() => setPreview(null)} />}
      </Section>

      {app.suspensions.length > 0 && (
        <Section id="app-suspensions" title={t('application.suspensions')}>
          <ul className="plain-list spaced">
            {app.suspensions.map((s, i) => (
              <li key={i}>
                <strong>{t(`procedure.${s.kind}`)}</strong>{t('app.colon')}{s.reason}
                <div className="hint">{s.to ? t('application.suspendedRange', { from: day(s.from), to: day(s.to) }) : t('application.suspendedSince', { from: day(s.from) })}</div>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {(app.decision || app.rejection || app.delivery) && (
        <Section id="app-result" title={t('application.result')}>
          {app.rejection && (
            <dl className="fields">
              <Field label={t('application.resultLabel')}>
                <Pill tone="red">{t('appStatus.REJECTED')}</Pill>
              </Field>
              <Field label={t('reject.reason')}>{app.rejection.reason}</Field>
              <Field label={t('reject.legalBasis')}>{app.rejection.legalBasis}</Field>
              {app.rejection.competentBody && <Field label={t('reject.competentBody')}>{app.rejection.competentBody}</Field>}
              <Field label={t('application.rejectedAt')}>{time(app.rejection.rejectedAt)}</Field>
              <Field label={t('application.appealRights')}>{appeal}</Field>
            </dl>
          )}
          {app.decision && (
            <dl className="fields">
              <Field label={t('application.decision')}>
                <Pill tone={app.decision.result === 'APPROVED' ? 'green' : 'red'}>{t(`decision.${app.decision.result}`)}</Pill>
              </Field>
              {app.decision.reasons && <Field label={t('complete.reasons')}>{app.decision.reasons}</Field>}
              {app.decision.resultDocumentNumber && <Field label={t('complete.documentNumber')}>{app.decision.resultDocumentNumber}</Field>}
              {app.decision.feeReceiptNumber && <Field label={t('complete.feeReceipt')}>{app.decision.feeReceiptNumber}</Field>}
              <Field label={t('application.decidedAt')}>{time(app.decision.decidedAt)}</Field>
              {app.decision.result === 'DENIED' && <Field label={t('application.appealRights')}>{appeal}</Field>}
            </dl>
          )}
          {app.delivery && (
            <dl className="fields delivery-fields">
              <Field label={t('application.delivery')}>
                {t(`delivery.${app.delivery.method}`)} · {day(app.delivery.deliveredOn)}
              </Field>
              {app.delivery.trackingNumber && <Field label={t('deliver.trackingNumber')}>{app.delivery.trackingNumber}</Field>}
              {app.delivery.note && <Field label={t('deliver.note')}>{app.delivery.note}</Field>}
            </dl>
          )}
        </Section>
      )}

      <EvaluationPanel applicationId={app.id} />

      <Section id="app-history" title={t('application.history')}>
        <EventTimeline events={app.events} />
      </Section>
    </article>
  );
}

/** The material types the browser shows in the page; the server serves them inline, sandboxed (file.routes.ts). */
const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** A material shown in the page: a PDF in a frame, an image as itself; the download stays one click away. */
function MaterialPreview({ file, onClose }: { file: App['materials'][number]; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <figure id="material-preview" className="material-preview" aria-label={t('application.previewOf', { name: file.fileName })}>
      <figcaption>
        <strong>{file.requirement}</strong>{t('app.colon')}{file.fileName}
        <a href={`${file.url}?download=1`} download={file.fileName} className="big-link">
          {t('application.download')}
        </a>
        <Button onClick={onClose}>{t('application.previewClose')}</Button>
      </figcaption>
      {file.mimeType === 'application/pdf' ? (
        <iframe src={file.url} title={t('application.previewOf', { name: file.fileName })} className="material-preview-frame" />
      ) : (
        <img src={file.url} alt={t('application.previewOf', { name: file.fileName })} className="material-preview-image" />
      )}
    </figure>
  );
}
