/**
 * The words of the directory workbook's drop-down columns, zh-CN and en, by enum and code: the workbook writes the
 * Chinese label (and accepts label or code on import), and the web shows the same words (i18n/zh-CN.ts, i18n/en.ts).
 * Item types and categories keep their own maps (ITEM_TYPE_LABELS_ZH, CATEGORY_LABELS_ZH in enums.ts). Plain
 * strings (no runtime imports), so the web's first load carries only the words.
 */
import type { HandlingKind, JurisdictionLevel, MaterialForm, MaterialMedium, MaterialNecessity, ServiceObject, TimeLimitUnit } from '../enums';

interface WorkbookLabels {
  level: Record<Exclude<`${JurisdictionLevel}`, 'PROVINCE'>, string>;
  necessity: Record<`${MaterialNecessity}`, string>;
  form: Record<`${MaterialForm}`, string>;
  medium: Record<`${MaterialMedium}`, string>;
  handlingKind: Record<`${HandlingKind}`, string>;
  unit: Record<`${TimeLimitUnit}`, string>;
  serviceObject: Record<`${ServiceObject}`, string>;
}

export const WORKBOOK_LABELS_ZH: WorkbookLabels = {
  level: { CITY: '市', COUNTY: '县(区)', TOWNSHIP: '乡镇(街道)', VILLAGE: '村(社区)' },
  necessity: { REQUIRED: '必须', CONDITIONAL: '容缺(条件)', OPTIONAL: '可选' },
  form: { ORIGINAL: '原件', COPY: '复印件', ORIGINAL_AND_COPY: '原件及复印件' },
  medium: { PAPER: '纸质', ELECTRONIC: '电子', PAPER_OR_ELECTRONIC: '纸质或电子' },
  handlingKind: { INSTANT: '即办件', PROMISED: '承诺件' },
  unit: { WORKING_DAYS: '工作日', CALENDAR_DAYS: '自然日' },
  serviceObject: { PERSON: '自然人', ORGANISATION: '法人或其他组织', BOTH: '自然人、法人或其他组织' },
};

export const WORKBOOK_LABELS_EN: WorkbookLabels = {
  level: { CITY: 'City', COUNTY: 'County / district', TOWNSHIP: 'Township / street', VILLAGE: 'Village / community' },
  necessity: { REQUIRED: 'Required', CONDITIONAL: 'Conditional', OPTIONAL: 'Optional' },
  form: { ORIGINAL: 'Original', COPY: 'Copy', ORIGINAL_AND_COPY: 'Original and copy' },
  medium: { PAPER: 'Paper', ELECTRONIC: 'Electronic', PAPER_OR_ELECTRONIC: 'Paper or electronic' },
  handlingKind: { INSTANT: 'Instant', PROMISED: 'Promised' },
  unit: { WORKING_DAYS: 'working days', CALENDAR_DAYS: 'calendar days' },
  serviceObject: { PERSON: 'Individuals', ORGANISATION: 'Organisations', BOTH: 'Individuals and organisations' },
};
