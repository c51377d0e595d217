import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './common/usePageTitle';
import { Result } from './common/ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page">
      <Result
        headingLevel={1}
        title={t('notFound.title')}
        subTitle={t('notFound.text')}
        extra={
          <Link to="/" className="big-link">
            {t('notFound.home')}
          </Link>
        }
      />
    </div>
  );
}
