import isIdentityCard from 'validator/lib/isIdentityCard';
import isMobilePhone from 'validator/lib/isMobilePhone';

/** A resident ID number (GB 11643): 18 characters, region, birth date and ISO 7064 check digit. */
export function isValidIdNumber(value: string): boolean {
  return typeof value === 'string' && value.length === 18 && isIdentityCard(value.toUpperCase(), 'zh-CN');
}

export function isValidMobile(value: string): boolean {
  return typeof value === 'string' && isMobilePhone(value, 'zh-CN', { strictMode: false });
}

/** 张三 → 张*, 欧阳娜娜 → 欧***. Used wherever a name is shown to people who are not the applicant or staff. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 340102199001011234 → 3401**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 13912345678 → 139****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
