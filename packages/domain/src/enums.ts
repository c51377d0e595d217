/** Enumerations of the four-level service system, shared by server and web. Names follow GLOSSARY.md. */

export enum JurisdictionLevel {
  /** A province above its cities (a multi-city tree); not one of the four service levels. */
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

/** The four service levels, top first (a PROVINCE root sits above them and handles no items). */
export const LEVEL_ORDER: readonly JurisdictionLevel[] = [
  JurisdictionLevel.CITY,
  JurisdictionLevel.COUNTY,
  JurisdictionLevel.TOWNSHIP,
  JurisdictionLevel.VILLAGE,
];

export enum Role {
  CITIZEN = 'CITIZEN',
  AGENT = 'AGENT',
  CLERK = 'CLERK',
  DIRECTORY_ADMIN = 'DIRECTORY_ADMIN',
  SUPERVISOR = 'SUPERVISOR',
  SYSTEM_ADMIN = 'SYSTEM_ADMIN',
}

/** The ten standard facilities ("十有") of a service centre. */
export enum Facility {
  IT_EQUIPMENT = 'IT_EQUIPMENT',
  SERVICE_COUNTER = 'SERVICE_COUNTER',
  SERVICE_WINDOWS = 'SERVICE_WINDOWS',
  SIGNAGE = 'SIGNAGE',
  CONSULTATION_PHONE = 'CONSULTATION_PHONE',
  SERVICE_GUIDE = 'SERVICE_GUIDE',
  WORK_RULES = 'WORK_RULES',
  CONVENIENCE_FACILITIES = 'CONVENIENCE_FACILITIES',
  PUBLISHED_ITEMS = 'PUBLISHED_ITEMS',
  PUBLISHED_PROCESS = 'PUBLISHED_PROCESS',
}

export const ALL_FACILITIES: readonly Facility[] = Object.values(Facility);

export enum CenterStatus {
  PLANNED = 'PLANNED',
  BUILT = 'BUILT',
}

export enum ServiceItemType {
  ADMINISTRATIVE_LICENSE = 'ADMINISTRATIVE_LICENSE',
  ADMINISTRATIVE_PAYMENT = 'ADMINISTRATIVE_PAYMENT',
  ADMINISTRATIVE_CONFIRMATION = 'ADMINISTRATIVE_CONFIRMATION',
  ADMINISTRATIVE_LEVY = 'ADMINISTRATIVE_LEVY',
  ADMINISTRATIVE_REWARD = 'ADMINISTRATIVE_REWARD',
  ADMINISTRATIVE_RULING = 'ADMINISTRATIVE_RULING',
  OTHER_POWER = 'OTHER_POWER',
  PUBLIC_SERVICE = 'PUBLIC_SERVICE',
}

/** Topics of the catalogue. The stored value is the code; the web shows the Chinese label. */
export enum ServiceCategory {
  SOCIAL_INSURANCE = 'SOCIAL_INSURANCE',
  SOCIAL_ASSISTANCE = 'SOCIAL_ASSISTANCE',
  FAMILY_PLANNING = 'FAMILY_PLANNING',
  MEDICAL_INSURANCE = 'MEDICAL_INSURANCE',
  BENEFIT_SUBSIDY = 'BENEFIT_SUBSIDY',
  EMPLOYMENT = 'EMPLOYMENT',
  LAND_APPROVAL = 'LAND_APPROVAL',
  SOCIAL_WELFARE = 'SOCIAL_WELFARE',
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  OTHER = 'OTHER',
}

export const CATEGORY_LABELS_ZH: Record<ServiceCategory, string> = {
  SOCIAL_INSURANCE: '社会保险',
  SOCIAL_ASSISTANCE: '社会救助',
  FAMILY_PLANNING: '计划生育',
  MEDICAL_INSURANCE: '医疗保险',
  BENEFIT_SUBSIDY: '惠民补贴',
  EMPLOYMENT: '劳动就业',
  LAND_APPROVAL: '用地审批',
  SOCIAL_WELFARE: '社会福利',
  CIVIL_AFFAIRS: '民政服务',
  OTHER: '其他',
};

export const ITEM_TYPE_LABELS_ZH: Record<ServiceItemType, string> = {
  ADMINISTRATIVE_LICENSE: '行政许可',
  ADMINISTRATIVE_PAYMENT: '行政给付',
  ADMINISTRATIVE_CONFIRMATION: '行政确认',
  ADMINISTRATIVE_LEVY: '行政征收',
  ADMINISTRATIVE_REWARD: '行政奖励',
  ADMINISTRATIVE_RULING: '行政裁决',
  OTHER_POWER: '其他行政权力',
  PUBLIC_SERVICE: '公共服务',
};

export enum ServiceItemStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum TimeLimitUnit {
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_DAYS = 'CALENDAR_DAYS',
}

/** Instant items (即办件) are completed on acceptance; promised items (承诺件) within the promised limit. */
export enum HandlingKind {
  INSTANT = 'INSTANT',
  PROMISED = 'PROMISED',
}

export enum MaterialNecessity {
  REQUIRED = 'REQUIRED',
  CONDITIONAL = 'CONDITIONAL',
  OPTIONAL = 'OPTIONAL',
}

export enum MaterialForm {
  ORIGINAL = 'ORIGINAL',
  COPY = 'COPY',
  ORIGINAL_AND_COPY = 'ORIGINAL_AND_COPY',
}

export enum MaterialMedium {
  PAPER = 'PAPER',
  ELECTRONIC = 'ELECTRONIC',
  PAPER_OR_ELECTRONIC = 'PAPER_OR_ELECTRONIC',
}

export enum ServiceObject {
  PERSON = 'PERSON',
  ORGANISATION = 'ORGANISATION',
  BOTH = 'BOTH',
}
