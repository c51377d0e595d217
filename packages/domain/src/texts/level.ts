/**
 * A jurisdiction level's words, zh-CN and en, as the web's `level` texts say them (i18n/zh-CN.ts, en.ts: the
 * workbook's words and the province): the dashboard's stage export uses them. The web does not import this file
 * (its first load carries the workbook's words only once).
 */
import type { JurisdictionLevel } from '../enums';
import { WORKBOOK_LABELS_EN, WORKBOOK_LABELS_ZH } from './workbook';

export const LEVEL_LABELS_ZH: Record<`${JurisdictionLevel}`, string> = { PROVINCE: '省', ...WORKBOOK_LABELS_ZH.level };
export const LEVEL_LABELS_EN: Record<`${JurisdictionLevel}`, string> = { PROVINCE: 'Province', ...WORKBOOK_LABELS_EN.level };
