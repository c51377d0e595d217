import { Facility, ALL_FACILITIES, CenterStatus, JurisdictionLevel, LEVEL_ORDER } from './enums';

/** A statistical division code: 12 digits, 2 province, 2 city, 2 county, 3 township, 3 village. */
export const DIVISION_CODE_PATTERN = /^\d{12}$/;

export function isDivisionCode(code: string): boolean {
  return DIVISION_CODE_PATTERN.test(code);
}

/** The level a code denotes from its zero-filled tail (only meaningful for a city-rooted tree). */
export function levelOfCode(code: string): JurisdictionLevel {
  if (!isDivisionCode(code)) throw new RangeError(`not a 12-digit division code: ${code}`);
  if (code.slice(4) === '00000000') return JurisdictionLevel.CITY;
  if (code.slice(6) === '000000') return JurisdictionLevel.COUNTY;
  if (code.slice(9) === '000') return JurisdictionLevel.TOWNSHIP;
  return JurisdictionLevel.VILLAGE;
}

export function levelDepth(level: JurisdictionLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

/**
 * The levels a node of `level` may sit under. The tree's depth varies per branch: a city without counties
 * (东莞, 中山, 儋州) holds its townships directly, and a province may be a root above its cities.
 */
export function allowedParentLevels(level: JurisdictionLevel): readonly JurisdictionLevel[] {
  switch (level) {
    case JurisdictionLevel.PROVINCE:
      return [];
    case JurisdictionLevel.CITY:
      return [JurisdictionLevel.PROVINCE];
    case JurisdictionLevel.COUNTY:
      return [JurisdictionLevel.CITY];
    case JurisdictionLevel.TOWNSHIP:
      return [JurisdictionLevel.COUNTY, JurisdictionLevel.CITY];
    case JurisdictionLevel.VILLAGE:
      return [JurisdictionLevel.TOWNSHIP];
  }
}

/** The level directly below, or null for a village. */
export function childLevel(level: JurisdictionLevel): JurisdictionLevel | null {
  return LEVEL_ORDER[levelDepth(level) + 1] ?? null;
}

/** Minimum hall area (m²) per level for a centre to count as standardised. Village minimum is policy (≥ 40 m²). */
export const DEFAULT_MIN_HALL_AREA: Record<JurisdictionLevel, number> = {
  PROVINCE: 1000,
  CITY: 1000,
  COUNTY: 500,
  TOWNSHIP: 100,
  VILLAGE: 40,
};

export interface CenterStandardInput {
  status: CenterStatus;
  facilities: readonly Facility[];
  hallArea: number | null;
  level: JurisdictionLevel;
}

/** Standardised = built, all ten facilities present, and a hall at least the level's minimum. */
export function isStandardized(
  c: CenterStandardInput,
  minHallArea: Record<JurisdictionLevel, number> = DEFAULT_MIN_HALL_AREA,
): boolean {
  if (c.status !== CenterStatus.BUILT) return false;
  const present = new Set(c.facilities);
  if (!ALL_FACILITIES.every((f) => present.has(f))) return false;
  return c.hallArea != null && c.hallArea >= minHallArea[c.level];
}

/** The official name of a jurisdiction's centre, by level. */
export function officialCenterName(jurisdictionName: string, level: JurisdictionLevel, cityName?: string): string {
  switch (level) {
    case JurisdictionLevel.PROVINCE:
    case JurisdictionLevel.CITY:
      return `${jurisdictionName}政务服务中心`;
    case JurisdictionLevel.COUNTY:
      return `${cityName ?? ''}${jurisdictionName}政务服务中心`;
    case JurisdictionLevel.TOWNSHIP:
      return `${jurisdictionName}为民服务中心`;
    case JurisdictionLevel.VILLAGE:
      return `${jurisdictionName}为民服务工作站`;
  }
}
