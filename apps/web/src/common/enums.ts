/** Enum values in display order (the generated types are unions; these are the lists to render). */
import type { Facility, JurisdictionLevel, ServiceCategory } from '../gql/graphql';

export const LEVELS: readonly JurisdictionLevel[] = ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];

export const CATEGORIES: readonly ServiceCategory[] = [
  'SOCIAL_INSURANCE',
  'SOCIAL_ASSISTANCE',
  'FAMILY_PLANNING',
  'MEDICAL_INSURANCE',
  'BENEFIT_SUBSIDY',
  'EMPLOYMENT',
  'LAND_APPROVAL',
  'SOCIAL_WELFARE',
  'CIVIL_AFFAIRS',
  'OTHER',
];

/** The ten standard facilities (十有) in the order of the policy text. */
export const FACILITIES: readonly Facility[] = [
  'IT_EQUIPMENT',
  'SERVICE_COUNTER',
  'SERVICE_WINDOWS',
  'SIGNAGE',
  'CONSULTATION_PHONE',
  'SERVICE_GUIDE',
  'WORK_RULES',
  'CONVENIENCE_FACILITIES',
  'PUBLISHED_ITEMS',
  'PUBLISHED_PROCESS',
];
