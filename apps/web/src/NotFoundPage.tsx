import { Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './common/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page">
      <Result
        status="404"
        title={<h1 className="result-title">{t('notFound.title')}</h1>}
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
