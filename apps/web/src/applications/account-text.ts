/** Registers the Chinese text of account notices (the shared catalogue's `account` area) with the notifications page. */
import { accountTextZh } from '@weimin/domain/src/texts/account';
import { i18n } from '../i18n';

i18n.addResourceBundle('zh-CN', 'translation', { texts: { account: accountTextZh } }, true, true);
