/**
 * Registers the whole supervision text when a supervision page loads: the first load carries only the shell part
 * (supervision/shell-i18n.ts, mounted in i18n/zh-CN.ts). The English text is complete in the English chunk.
 */
import { i18n } from '../i18n';
import { supervisionZh } from './i18n';

i18n.addResourceBundle('zh-CN', 'translation', { supervision: supervisionZh }, true, true);
