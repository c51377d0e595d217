/**
 * The written documents of an application, laid out for A4: 受理凭证 (acceptance receipt), 一次性告知书 (the one-time
 * notice of what to supplement), 不予受理通知书 (refusal with reasons and appeal rights) and the decision. Each names
 * the handling centre as the issuing body and carries a QR code to track the application without logging in.
 */
import { Result as PageResult } from '../common/ui';
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { QRCodeSVG } from 'qrcode.react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetailFragment } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import { LoadError, Loading } from '../common/Status';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { ApplicationDocument } from './documents';
import './linkage-text';
import './linkage.css';
import './print-text';

export type PrintKind = 'receipt' | 'notice' | 'rejection' | 'decision';
type App = ApplicationDetailFragment;

export function PrintPage({ kind }: { kind: PrintKind }) {
  return <RequireLogin>{() => <PrintLoader kind={kind} />}</RequireLogin>;
}

/** The tracking address with the lookup code (shown to the applicant and clerks), else the number alone. */
export function trackingUrl(app: App): string {
  const code = app.lookupCode ?? app.receipt?.lookupCode;
  const q = new URLSearchParams({ number: app.number });
  // 10 letters and digits (6 digits on older receipts), as the tracking page takes them
  if (code && /^(?:[2-9A-HJKMNP-Z]{10}|\d{6})$/.test(code)) q.set('code', code);
  return `${window.location.origin}/track?${q.toString()}`;
}

function PrintLoader({ kind }: { kind: PrintKind }) {
  const { t } = useTranslation();
  const { id = '', sequence } = useParams();
  const { data, error, loading, refetch } = useQuery(ApplicationDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const app = data?.application ?? null;
  const notice = kind === 'notice' ? (app?.deficiencyNotices.find((n) => String(n.sequence) === sequence) ?? null) : null;
  const title: string | null = app ? t(docTitleKey(kind, app)) : null;
  usePageTitle(app && title ? `${title} ${app.number}` : null);

  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const back = (
    <Link to={app ? `/applications/${app.id}` : '/me/applications'} className="big-link">
      {app ? t('print.back') : t('nav.myApplications')}
    </Link>
  );
  if (!app) return <PageResult headingLevel={1} title={t('application.notFound')} extra={back} />;
  const missing = (kind === 'receipt' && !app.receipt) || (kind === 'notice' && !notice) || (kind === 'rejection' && !app.rejection) || (kind === 'decision' && !app.decision);
  if (missing) return <Result status="info" title={<h1 className="result-title">{t('print.notIssued')}</h1>} extra={back} />;

  return (
    <div className="page print-page">
      <div className="print-toolbar no-print">
        {back}
        <Button type="primary" icon={<PrinterOutlined aria-hidden="true" />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
      </div>
      <Paper app={app} title={title as string} date={issuedOn(kind, app, notice?.issuedAt)} issuer={issuerOf(app, kind === 'decision' ? 'DECIDE' : 'ACCEPT')}>
        {kind === 'receipt' && <ReceiptBody app={app} />}
        {kind === 'notice' && notice && <NoticeBody app={app} notice={notice} />}
        {kind === 'rejection' && <RejectionBody app={app} />}
        {kind === 'decision' && <DecisionBody app={app} />}
      </Paper>
    </div>
  );
}

/**
 * The body that issues a document: the centre of the stage that did the act (the accepting window for receipts,
 * notices and refusals, the deciding centre for decisions and extensions), by its official name — a village
 * station or a 居委会's station never signs as "本机关" for a township's acceptance.
 */
export function issuerOf(app: App, kind: 'ACCEPT' | 'DECIDE'): string {
  const stage = app.stages.find((s) => s.kind === kind) ?? (kind === 'DECIDE' ? app.stages.find((s) => s.kind === 'ACCEPT') : undefined);
  return stage?.centre || app.handlingCenter || app.jurisdiction.name;
}

/**
 * The statute a paper cites: the Administrative Licensing Law (Art. 32 for notices and deemed acceptance, Art. 42
 * for extensions) binds administrative licences only; any other item cites its own legal basis, or nothing.
 */
export function isLicence(app: App): boolean {
  return app.serviceItem.type === 'ADMINISTRATIVE_LICENSE';
}

/** The item's own legal basis without its closing full stop, for "依照{{basis}}，…". */
export function ownBasis(app: App): string {
  return app.serviceItem.legalBasis.trim().replace(/[。.;；\s]+$/u, '');
}

/** The appeal paragraph of a refusal or denial, naming the 行政复议 body and the court set for the place. */
export function AppealParagraph({ app }: { app: App }) {
  const { t } = useTranslation();
  const b = app.appealBodies;
  return (
    <p className="paper-text paper-appeal">
      {t('print.appeal', { reviewBody: b.reviewBody || t('print.anyReviewBody'), court: b.court || t('print.anyCourt') })}
    </p>
  );
}

/** The i18n key of a document's title. */
function docTitleKey(kind: PrintKind, app: App) {
  if (kind === 'decision') return app.decision?.result === 'DENIED' ? 'print.decisionDenied' : 'print.decisionApproved';
  return `print.${kind}Title` as const;
}

function issuedOn(kind: PrintKind, app: App, noticeAt?: string): string | null {
  switch (kind) {
    case 'receipt':
      return app.receipt?.issuedAt ?? null;
    case 'notice':
      return noticeAt ?? null;
    case 'rejection':
      return app.rejection?.rejectedAt ?? null;
    case 'decision':
      return app.decision?.decidedAt ?? null;
  }
}

export function Paper({ app, title, date, issuer, children }: { app: App; title: string; date: string | null; issuer?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const centre = issuer || app.handlingCenter || app.jurisdiction.name;
  return (
    <article className="paper" aria-labelledby="paper-title">
      <header className="paper-head">
        <p className="paper-issuer">{centre}</p>
        <h1 id="paper-title">{title}</h1>
        <p className="paper-number">{t('print.numberLine', { number: app.number })}</p>
      </header>
      <div className="paper-body">
        <p className="paper-salutation">{t('print.salutation', { name: app.applicant.name })}</p>
        {children}
      </div>
      <footer className="paper-foot">
        <figure className="paper-qr">
          <QRCodeSVG value={trackingUrl(app)} size={112} level="M" marginSize={1} role="img" aria-label={t('print.qrLabel')} title={t('print.qrLabel')} />
          <figcaption>{/^\d{6}$/.test(app.lookupCode ?? app.receipt?.lookupCode ?? '') ? t('print.qrCaption') : t('print.qrCaptionNumber')}</figcaption>
        </figure>
        <div className="paper-sign">
          <p className="paper-sign-name">{centre}</p>
          <p className="paper-seal">{t('print.seal')}</p>
          <p>{day(date)}</p>
        </div>
      </footer>
    </article>
  );
}

function Rows({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <table className="paper-table">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReceiptBody({ app }: { app: App }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const r = app.receipt!;
  const params = { submitted: day(app.submittedAt), item: app.serviceItem.name, number: app.number, date: day(r.acceptedOn), issuer: issuerOf(app, 'ACCEPT'), basis: ownBasis(app) };
  const deemed = isLicence(app) ? 'print.receiptDeemed' : 'print.receiptDeemedOther';
  const rows: Array<[string, ReactNode]> = [
    [t('print.receiptNumber'), r.number],
    [t('application.number'), app.number],
    [t('application.item'), app.serviceItem.name],
    [t('application.applicant'), app.applicant.name],
  ];
  if (app.applicant.phone || app.noPhone) rows.push([t('application.phone'), app.applicant.phone ?? t('linkage.onBehalf.noPhoneShort')]);
  if (app.agent) rows.push([t('print.agent'), t('print.agentValue', { name: app.agent, station: app.handlingCenter || app.jurisdiction.name })]);
  // what the window received: each material once, a paper original marked as such
  const names = [...new Set(app.materials.filter((m) => m.round === 1).map((m) => m.requirement))];
  for (const name of app.paperOriginals) if (!names.includes(name)) names.push(name);
  const received = names.map((name) => (app.paperOriginals.includes(name) ? t('linkage.print.onPaper', { name }) : name));
  if (received.length) {
    rows.push([
      t('linkage.print.materialsReceived'),
      <ul key="materials" className="paper-materials">
        {received.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>,
    ]);
  }
  rows.push(
    [t('application.acceptedOn'), day(r.acceptedOn)],
    [t('application.dueDate'), <strong key="due">{day(app.dueDate ?? r.dueDate)}</strong>],
    [t('application.lookupCode'), <span key="code" className="lookup-code">{r.lookupCode}</span>],
  );
  return (
    <>
      <p className="paper-text">{r.deemed ? t(deemed, params) : t('print.receiptText', params)}</p>
      <Rows rows={rows} />
      <p className="paper-text paper-small">{t('print.receiptNote')}</p>
    </>
  );
}

function NoticeBody({ app, notice }: { app: App; notice: App['deficiencyNotices'][number] }) {
  const { t } = useTranslation();
  const { day } = useDates();
  return (
    <>
      <p className="paper-text">
        {t(isLicence(app) ? 'print.noticeText' : ownBasis(app) ? 'print.noticeTextBasis' : 'print.noticeTextPlain', {
          submitted: day(app.submittedAt),
          item: app.serviceItem.name,
          number: app.number,
          basis: ownBasis(app),
        })}
      </p>
      <p className="paper-small">{t('print.noticeSequence', { n: notice.sequence })}</p>
      <table className="paper-table paper-list">
        <thead>
          <tr>
            <th scope="col">{t('guide.materialNo')}</th>
            <th scope="col">{t('guide.materialName')}</th>
            <th scope="col">{t('application.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {notice.items.map((i, k) => (
            <tr key={k}>
              <td>{k + 1}</td>
              <td>{i.material}</td>
              <td>{i.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="paper-text">
        {t('print.noticeDeadline', { date: day(notice.supplementDeadline), issuer: issuerOf(app, 'ACCEPT') })}
      </p>
    </>
  );
}

function RejectionBody({ app }: { app: App }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const r = app.rejection!;
  return (
    <>
      <p className="paper-text">{t('print.rejectionText', { submitted: day(app.submittedAt), item: app.serviceItem.name, number: app.number, issuer: issuerOf(app, 'ACCEPT') })}</p>
      <Rows
        rows={[
          [t('reject.reason'), r.reason],
          [t('reject.legalBasis'), r.legalBasis],
          [t('reject.competentBody'), r.competentBody ?? t('print.none')],
        ]}
      />
      <AppealParagraph app={app} />
    </>
  );
}

function DecisionBody({ app }: { app: App }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const d = app.decision!;
  const params = { submitted: day(app.submittedAt), item: app.serviceItem.name, number: app.number, issuer: issuerOf(app, 'DECIDE') };
  const rows: Array<[string, ReactNode]> = [
    [t('application.item'), app.serviceItem.name],
    [t('application.decision'), t(`decision.${d.result}`)],
  ];
  if (d.resultDocumentNumber) rows.push([t('complete.documentNumber'), d.resultDocumentNumber]);
  if (d.feeReceiptNumber) rows.push([t('complete.feeReceipt'), d.feeReceiptNumber]);
  rows.push([t('application.decidedAt'), day(d.decidedAt)]);
  return (
    <>
      <p className="paper-text">{d.result === 'APPROVED' ? t('print.approvedText', params) : t('print.deniedText', params)}</p>
      {d.reasons && (
        <p className="paper-text">
          <strong>{t('print.reasons')}</strong>
          {d.reasons}
        </p>
      )}
      <Rows rows={rows} />
      {d.result === 'DENIED' && <AppealParagraph app={app} />}
    </>
  );
}
