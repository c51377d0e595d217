/**
 * Registers the whole accounts text when an account page loads: the first load carries only the shell part
 * (users/shell-i18n.ts, mounted in i18n/zh-CN.ts). The English text is complete in the English chunk.
 */
import { i18n } from '../i18n';
import { usersZh } from './i18n';

i18n.addResourceBundle('zh-CN', 'translation', { users: usersZh }, true, true);
