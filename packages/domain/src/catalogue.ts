import {
  HandlingKind,
  JurisdictionLevel,
  LEVEL_ORDER,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  ServiceCategory,
  ServiceItemType,
  ServiceObject,
  TimeLimitUnit,
} from './enums';
import { validateChain, type ChainStage } from './chain';

/** What an item code may look like: letters, digits, '-' and '_', 3–64 characters. */
export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

export interface MaterialRequirement {
  name: string;
  form: MaterialForm;
  medium: MaterialMedium;
  copies: number;
  necessity: MaterialNecessity;
  /** For CONDITIONAL materials: when it is needed. */
  condition?: string | null;
  acceptanceStandard?: string | null;
  notes?: string | null;
  /** The blank form to fill in (PDF or DOCX), as uploaded; the server keeps its name, type and size beside the id. */
  blankFormFileId?: string | null;
  blankForm?: BlankForm | null;
}

/** A blank application form attached to a material: a stored file offered for download with the guide. */
export interface BlankForm {
  fileId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
}

export interface ProcedureStep {
  title: string;
  description?: string | null;
}

export interface FeeItem {
  name: string;
  standard: string;
  basis: string;
}

export interface Fee {
  free: boolean;
  items: FeeItem[];
}

export interface Delegation {
  entrustingDepartment: string;
  document: string;
}

/** 暂不进驻: the item is handled outside the centre, with the approving document and where to go. */
export interface Exemption {
  document: string;
  office: string;
  address: string;
  phone: string;
}

export interface FaqEntry {
  question: string;
  answer: string;
}

/** The national item elements of one service item: what a guide shows and a version freezes. */
export interface ItemContent {
  name: string;
  type: ServiceItemType;
  category: ServiceCategory;
  handlingLevel: JurisdictionLevel;
  handlingDepartment: string;
  delegation: Delegation | null;
  legalBasis: string;
  conditions: string;
  serviceObject: ServiceObject;
  materials: MaterialRequirement[];
  procedure: ProcedureStep[];
  statutoryLimit: number | null;
  statutoryUnit: TimeLimitUnit | null;
  promisedLimit: number;
  promisedUnit: TimeLimitUnit;
  handlingKind: HandlingKind;
  fee: Fee;
  visitsRequired: number;
  onlineCapable: boolean;
  consultationPhone: string;
  supervisionPhone: string;
  location: string;
  officeHours: string;
  faq: FaqEntry[];
  exemption: Exemption | null;
  /** Demo data shipped with the system, labelled as such wherever it is shown. */
  demo: boolean;
  /** The handling chain across the levels; absent = the one-stage chain (ACCEPT + DECIDE at handlingLevel). */
  chain?: ChainStage[] | null;
  /** Longest extension of the decision period in working days (Art. 42; default 10). */
  extensionLimit?: number | null;
}

export interface Problem {
  /** Dotted path of the offending field, e.g. `materials.2.copies`. */
  field: string;
  message: string;
  /** The web's message key (`serverErrors.keys.<messageKey>`) and its values, where the rule has its own text. */
  messageKey: string;
  params?: Record<string, string | number>;
}

const PHONE = /^[0-9+\-() ]{5,30}$/;

function oneOf<T extends string>(values: Record<string, T>, v: unknown): v is T {
  return typeof v === 'string' && (Object.values(values) as string[]).includes(v);
}

/**
 * Every problem with an item's content at once (the same rules for the editor, the API and the Excel import).
 * An empty list means the content can be saved; publishing needs no further content checks.
 */
export function validateItemContent(c: ItemContent, ownerLevel?: JurisdictionLevel): Problem[] {
  const p: Problem[] = [];
  const text = (field: keyof ItemContent | string, v: unknown, max: number, required = true) => {
    if (v == null || (typeof v === 'string' && v.trim() === '')) {
      if (required) p.push({ field, message: 'is required', messageKey: 'input.required' });
    } else if (typeof v !== 'string') p.push({ field, message: 'must be text', messageKey: 'input.notText' });
    else if (v.length > max) p.push({ field, message: `must be at most ${max} characters`, messageKey: 'input.tooLong', params: { max } });
  };
  text('name', c.name, 200);
  if (!oneOf(ServiceItemType, c.type)) p.push({ field: 'type', message: `must be one of ${Object.values(ServiceItemType).join(', ')}`, messageKey: 'item.type' });
  if (!oneOf(ServiceCategory, c.category)) p.push({ field: 'category', message: `must be one of ${Object.values(ServiceCategory).join(', ')}`, messageKey: 'item.category' });
  if (!oneOf(JurisdictionLevel, c.handlingLevel) || !LEVEL_ORDER.includes(c.handlingLevel)) p.push({ field: 'handlingLevel', message: 'must be CITY, COUNTY, TOWNSHIP or VILLAGE', messageKey: 'item.handlingLevel' });
  else if (ownerLevel && LEVEL_ORDER.indexOf(c.handlingLevel) < LEVEL_ORDER.indexOf(ownerLevel)) {
    p.push({ field: 'handlingLevel', message: `a ${ownerLevel} directory cannot hold items handled at ${c.handlingLevel}`, messageKey: 'item.levelAboveOwner', params: { ownerLevel, level: c.handlingLevel } });
  }
  text('handlingDepartment', c.handlingDepartment, 200);
  text('legalBasis', c.legalBasis, 4000);
  text('conditions', c.conditions, 4000);
  if (!oneOf(ServiceObject, c.serviceObject)) p.push({ field: 'serviceObject', message: 'must be PERSON, ORGANISATION or BOTH', messageKey: 'item.serviceObject' });
  if (c.delegation) {
    text('delegation.entrustingDepartment', c.delegation.entrustingDepartment, 200);
    text('delegation.document', c.delegation.document, 300);
  }
  if (!Array.isArray(c.materials)) p.push({ field: 'materials', message: 'must be a list', messageKey: 'input.notAList' });
  else {
    const names = new Set<string>();
    c.materials.forEach((m, i) => {
      const f = `materials.${i}`;
      text(`${f}.name`, m.name, 200);
      if (m.name && names.has(m.name.trim())) p.push({ field: `${f}.name`, message: `"${m.name}" is listed twice`, messageKey: 'item.materialTwice', params: { name: m.name } });
      names.add(m.name?.trim());
      if (!oneOf(MaterialForm, m.form)) p.push({ field: `${f}.form`, message: 'must be ORIGINAL, COPY or ORIGINAL_AND_COPY', messageKey: 'item.materialForm' });
      if (!oneOf(MaterialMedium, m.medium)) p.push({ field: `${f}.medium`, message: 'must be PAPER, ELECTRONIC or PAPER_OR_ELECTRONIC', messageKey: 'item.materialMedium' });
      if (!Number.isInteger(m.copies) || m.copies < 0 || m.copies > 99) p.push({ field: `${f}.copies`, message: 'must be a whole number from 0 to 99', messageKey: 'input.wholeNumberRange', params: { min: 0, max: 99 } });
      if (!oneOf(MaterialNecessity, m.necessity)) p.push({ field: `${f}.necessity`, message: 'must be REQUIRED, CONDITIONAL or OPTIONAL', messageKey: 'item.materialNecessity' });
      else if (m.necessity === MaterialNecessity.CONDITIONAL) text(`${f}.condition`, m.condition, 500);
    });
  }
  if (!Array.isArray(c.procedure) || c.procedure.length === 0) p.push({ field: 'procedure', message: 'needs at least one step', messageKey: 'item.noStep' });
  else c.procedure.forEach((s, i) => text(`procedure.${i}.title`, s.title, 200));
  if (!oneOf(TimeLimitUnit, c.promisedUnit)) p.push({ field: 'promisedUnit', message: 'must be WORKING_DAYS or CALENDAR_DAYS', messageKey: 'item.timeUnit' });
  if (!Number.isInteger(c.promisedLimit) || c.promisedLimit < 0 || c.promisedLimit > 3650) {
    p.push({ field: 'promisedLimit', message: 'must be a whole number of days from 0 to 3650', messageKey: 'input.wholeNumberRange', params: { min: 0, max: 3650 } });
  }
  if (c.statutoryLimit != null) {
    if (!Number.isInteger(c.statutoryLimit) || c.statutoryLimit < 0 || c.statutoryLimit > 3650) {
      p.push({ field: 'statutoryLimit', message: 'must be a whole number of days from 0 to 3650', messageKey: 'input.wholeNumberRange', params: { min: 0, max: 3650 } });
    } else if (!oneOf(TimeLimitUnit, c.statutoryUnit)) {
      p.push({ field: 'statutoryUnit', message: 'is required with statutoryLimit: WORKING_DAYS or CALENDAR_DAYS', messageKey: 'item.statutoryUnit' });
    } else if (c.statutoryUnit === c.promisedUnit && c.promisedLimit > c.statutoryLimit) {
      p.push({ field: 'promisedLimit', message: `may not exceed the statutory limit (${c.statutoryLimit})`, messageKey: 'item.overStatutory', params: { max: c.statutoryLimit } });
    }
  }
  if (!oneOf(HandlingKind, c.handlingKind)) p.push({ field: 'handlingKind', message: 'must be INSTANT or PROMISED', messageKey: 'item.handlingKind' });
  else if (c.handlingKind === HandlingKind.INSTANT && c.promisedLimit !== 0) {
    p.push({ field: 'promisedLimit', message: 'must be 0 for an instant item (即办件)', messageKey: 'item.instantLimit' });
  } else if (c.handlingKind === HandlingKind.PROMISED && c.promisedLimit < 1) {
    p.push({ field: 'promisedLimit', message: 'must be at least 1 day for a promised item (承诺件)', messageKey: 'item.promisedLimit' });
  }
  if (!c.fee || typeof c.fee.free !== 'boolean') p.push({ field: 'fee.free', message: 'is required', messageKey: 'input.required' });
  else if (!c.fee.free) {
    if (!c.fee.items?.length) p.push({ field: 'fee.items', message: 'a charged item needs at least one fee with its standard and basis', messageKey: 'item.noFee' });
    c.fee.items?.forEach((f, i) => {
      text(`fee.items.${i}.name`, f.name, 200);
      text(`fee.items.${i}.standard`, f.standard, 200);
      text(`fee.items.${i}.basis`, f.basis, 500);
    });
  }
  if (!Number.isInteger(c.visitsRequired) || c.visitsRequired < 0 || c.visitsRequired > 10) {
    p.push({ field: 'visitsRequired', message: 'must be a whole number from 0 to 10', messageKey: 'input.wholeNumberRange', params: { min: 0, max: 10 } });
  }
  if (typeof c.onlineCapable !== 'boolean') p.push({ field: 'onlineCapable', message: 'must be true or false', messageKey: 'input.yesOrNo' });
  for (const f of ['consultationPhone', 'supervisionPhone'] as const) {
    text(f, c[f], 30);
    if (c[f] && !PHONE.test(c[f])) p.push({ field: f, message: 'must be a telephone number', messageKey: 'input.notAPhone' });
  }
  text('location', c.location, 300);
  text('officeHours', c.officeHours, 200);
  (c.faq ?? []).forEach((q, i) => {
    text(`faq.${i}.question`, q.question, 500);
    text(`faq.${i}.answer`, q.answer, 2000);
  });
  if (c.chain != null && oneOf(JurisdictionLevel, c.handlingLevel)) {
    p.push(...validateChain(c.chain, c.handlingLevel, { ownerLevel, promisedLimit: c.promisedLimit, promisedUnit: c.promisedUnit }));
  }
  if (c.extensionLimit != null && (!Number.isInteger(c.extensionLimit) || c.extensionLimit < 0 || c.extensionLimit > 60)) {
    p.push({ field: 'extensionLimit', message: 'must be a whole number of working days from 0 to 60', messageKey: 'chain.extensionLimit', params: { max: 60 } });
  }
  if (c.exemption) {
    text('exemption.document', c.exemption.document, 300);
    text('exemption.office', c.exemption.office, 200);
    text('exemption.address', c.exemption.address, 300);
    text('exemption.phone', c.exemption.phone, 30);
    if (c.exemption.phone && !PHONE.test(c.exemption.phone)) p.push({ field: 'exemption.phone', message: 'must be a telephone number', messageKey: 'input.notAPhone' });
  }
  return p;
}
