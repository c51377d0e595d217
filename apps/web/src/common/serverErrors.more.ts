/**
 * Registers the Chinese half of the rest of the server's message keys (serverErrors.more.i18n.ts). App.tsx loads it
 * with every page behind the public ones, so any key resolves on any of them; the English half is in the English
 * chunk.
 */
import { i18n } from '../i18n';
import { serverErrorsMoreZh } from './serverErrors.more.i18n';

i18n.addResourceBundle('zh-CN', 'translation', { serverErrors: { keys: serverErrorsMoreZh } }, true, true);
