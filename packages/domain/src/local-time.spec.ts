import { localDateTime, localDay } from './local-time';

describe('local time (Asia/Shanghai)', () => {
  it('gives the Shanghai day and time of an instant late in the UTC day', () => {
    expect(localDay(new Date('2026-03-04T17:30:00Z'))).toBe('2026-03-05');
    expect(localDateTime(new Date('2026-03-04T17:30:05Z'))).toBe('2026-03-05 01:30:05');
  });
  it('says nothing for an invalid instant', () => {
    expect(localDay('not a date')).toBe('');
  });
});
