/**
 * Registers the whole linkage text when a page that shows stages loads: the first load carries only the shell
 * part (linkage-shell-i18n.ts, mounted in i18n/zh-CN.ts). The English text is complete in the English chunk.
 */
import { i18n } from '../i18n';
import { linkageZh } from './linkage-i18n';

i18n.addResourceBundle('zh-CN', 'translation', { linkage: linkageZh }, true, true);
