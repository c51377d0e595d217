/**
 * Checks of what an agent types for a villager, before the server's own (GB 11643 check digit; mainland mobile).
 * Kept here rather than imported from @weimin/domain, whose index also brings the holiday calendar into the bundle.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function isValidIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return CHECK[sum % 11] === v[17];
}

export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}
