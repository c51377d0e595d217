import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title of the current route ("<page> - 为民服务"). */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.fullName');
  useEffect(() => {
    document.title = title ? `${title} - ${app}` : app;
  }, [title, app]);
}
