/**
 * Registers the chain editor's text and the chain rules' error texts when the item editor loads (the first load
 * carries neither). The English half is in the English chunk (i18n/en.ts).
 */
import { i18n } from '../i18n';
import { chainEditorZh } from './chain-i18n';

i18n.addResourceBundle('zh-CN', 'translation', { chainEditor: chainEditorZh }, true, true);
