/**
 * The written documents of the linkage on A4 with the tracking QR code: 延期通知书 (the extension of the decision
 * period with its reasons, Art. 42) and 转报单 (the forwarding slip that goes with the papers to the next centre).
 */
import { Result as PageResult } from '../common/ui';
import { Button, Result } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireLogin } from '../auth/RequireLogin';
import { LoadError, Loading } from '../common/Status';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { ApplicationDocument } from './documents';
import { Paper, isLicence, issuerOf } from './PrintPage';
import './linkage-text';
import './print-text';

export type LinkagePrintKind = 'extension' | 'forwarding';

export function LinkagePrintPage({ kind }: { kind: LinkagePrintKind }) {
  return <RequireLogin>{() => <Loader kind={kind} />}</RequireLogin>;
}

function Loader({ kind }: { kind: LinkagePrintKind }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(ApplicationDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const app = data?.application ?? null;
  const title = kind === 'extension' ? t('linkage.print.extensionTitle') : t('linkage.print.forwardingTitle');
  usePageTitle(app ? `${title} ${app.number}` : null);
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const back = (
    <Link to={app ? `/applications/${app.id}` : '/me/applications'} className="big-link">
      {app ? t('print.back') : t('nav.myApplications')}
    </Link>
  );
  if (!app) return <PageResult headingLevel={1} title={t('application.notFound')} extra={back} />;
  const extension = app.events.filter((e) => e.action === 'EXTEND').at(-1);
  const forwardedIndex = app.stages.map((s) => s.outcome).lastIndexOf('FORWARDED');
  const from = forwardedIndex >= 0 ? app.stages[forwardedIndex] : null;
  const to = forwardedIndex >= 0 ? (app.stages[forwardedIndex + 1] ?? null) : null;
  if ((kind === 'extension' && !extension) || (kind === 'forwarding' && !from)) {
    return <Result status="info" title={<h1 className="result-title">{t('print.notIssued')}</h1>} extra={back} />;
  }
  const decide = app.stages.filter((s) => s.extendedDays).at(-1);
  const reason = app.extension?.reason ?? '';
  return (
    <div className="page print-page">
      <div className="print-toolbar no-print">
        {back}
        <Button type="primary" icon={<PrinterOutlined aria-hidden="true" />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
      </div>
      <Paper app={app} title={title} date={kind === 'extension' ? (extension?.at ?? null) : (from?.doneOn ?? null)} issuer={kind === 'extension' ? issuerOf(app, 'DECIDE') : from?.centre}>
        {kind === 'extension' ? (
          <p>
            {t(isLicence(app) ? 'linkage.print.extensionBody' : 'linkage.print.extensionBodyOther', {
              issuer: issuerOf(app, 'DECIDE'),
              submitted: day(app.submittedAt),
              item: app.serviceItem.name,
              number: app.number,
              reason,
              days: decide?.extendedDays ?? '',
              due: day(app.dueDate),
            })}
          </p>
        ) : (
          <>
            <p>{t('linkage.print.forwardingBody', { applicant: app.applicant.name, item: app.serviceItem.name, number: app.number })}</p>
            <table className="paper-table">
              <tbody>
                <tr>
                  <th scope="row">{t('linkage.print.from')}</th>
                  <td>{from ? t('linkage.print.centreStage', { centre: from.centre, stage: from.name }) : '—'}</td>
                </tr>
                <tr>
                  <th scope="row">{t('linkage.print.to')}</th>
                  <td>{to ? t('linkage.print.centreStage', { centre: to.centre, stage: to.name }) : '—'}</td>
                </tr>
                <tr>
                  <th scope="row">{t('linkage.print.date')}</th>
                  <td>{day(from?.doneOn)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('linkage.print.materials')}</th>
                  <td>
                    {[...new Set([...app.materials.map((m) => m.requirement), ...app.paperOriginals.map((p) => t('linkage.print.onPaper', { name: p }))])].join(t('linkage.print.listSeparator'))}
                  </td>
                </tr>
              </tbody>
            </table>
          </>
        )}
      </Paper>
    </div>
  );
}
