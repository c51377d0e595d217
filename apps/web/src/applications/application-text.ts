/**
 * Registers the Chinese text of an application's life (next steps, history lines, notifications: the shared
 * catalogue's `application` area) when a page that shows them loads; the first load of the public pages does not
 * carry it. The English text is in the English chunk (i18n/en.ts).
 */
import { applicationTextZh } from '@weimin/domain/src/texts/application';
import { i18n } from '../i18n';

i18n.addResourceBundle('zh-CN', 'translation', { texts: { application: applicationTextZh } }, true, true);
