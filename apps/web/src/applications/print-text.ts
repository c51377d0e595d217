/**
 * Registers the printed papers' Chinese words when a page that prints or lists them loads: the first load does not
 * carry them (i18n/zh-CN.ts). The English words are in the English chunk.
 */
import { i18n } from '../i18n';
import { printZh } from './print-i18n';

i18n.addResourceBundle('zh-CN', 'translation', { print: printZh }, true, true);
