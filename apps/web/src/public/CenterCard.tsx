/** A place's service centre (政务服务中心 / 为民服务中心 / 为民服务工作站): where to go, when, and whether it meets the standard. */
import { useTranslation } from 'react-i18next';
import type { CenterCardFieldsFragment } from '../gql/graphql';
import { Pill } from '../common/Tags';
import { Card, CheckIcon, ExclamationIcon } from '../common/ui';

export function CenterCard({ center, headingLevel = 2 }: { center: CenterCardFieldsFragment | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!center) {
    return (
      <Card className="center-card" title={<H className="card-heading">{t('center.heading')}</H>}>
        <p>{t('center.none')}</p>
      </Card>
    );
  }
  return (
    <Card className="center-card" title={<H className="card-heading">{center.name}</H>}>
      <p className="center-badge">
        {center.standardized ? (
          <Pill tone="green">
            <CheckIcon /> {t('center.standardized')}
          </Pill>
        ) : (
          <Pill tone="orange">
            <ExclamationIcon /> {t('center.notStandardized')}
          </Pill>
        )}
      </p>
      <dl className="fields fields-compact">
        <dt>{t('center.status')}</dt>
        <dd>{t(`centerStatus.${center.status}`)}</dd>
        {center.address && (
          <>
            <dt>{t('center.address')}</dt>
            <dd>{center.address}</dd>
          </>
        )}
        {center.phone && (
          <>
            <dt>{t('center.phone')}</dt>
            <dd>
              <a href={`tel:${center.phone}`}>{center.phone}</a>
            </dd>
          </>
        )}
        {center.openingHours && (
          <>
            <dt>{t('center.openingHours')}</dt>
            <dd>{center.openingHours}</dd>
          </>
        )}
        {center.windows > 0 && (
          <>
            <dt>{t('center.windows')}</dt>
            <dd>{t('center.windowsCount', { count: center.windows })}</dd>
          </>
        )}
      </dl>
    </Card>
  );
}
