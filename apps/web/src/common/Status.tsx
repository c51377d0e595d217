/** Small shared bits of page state: loading and error blocks with readable text. */
import { Alert, Button, Spinner } from './ui';
import { useTranslation } from 'react-i18next';
import { apiError } from './errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{t('app.loading')}</span>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = apiError(error);
  const message = e.message;
  return (
    <Alert
      type="error"
      title={t('app.loadFailed', { message })}
      action={
        onRetry ? (
          <Button onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
