import { isWorkday as packageIsWorkday } from 'chinese-days';
import {
  WorkCalendar,
  addCalendarDays,
  calendarDaysBetween,
  chinaDate,
  isValidDate,
  packageCalendarDays,
  packageCalendarYears,
  weekdayOf,
  TimeLimitUnit,
} from './index';

/**
 * The 2026 arrangement as found in chinese-days 1.5.7 (State Council notice 国办发明电〔2025〕7号,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm). The expected dates below are computed from it.
 */
const HOLIDAYS_2026: Record<string, string[]> = {
  元旦: ['2026-01-01', '2026-01-02', '2026-01-03'],
  春节: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
  清明节: ['2026-04-04', '2026-04-05', '2026-04-06'],
  劳动节: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
  端午节: ['2026-06-19', '2026-06-20', '2026-06-21'],
  中秋节: ['2026-09-25', '2026-09-26', '2026-09-27'],
  国庆节: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
};
const ADJUSTED_WORKDAYS_2026: Record<string, string> = {
  '2026-01-04': '元旦', // Sunday
  '2026-02-14': '春节', // Saturday
  '2026-02-28': '春节', // Saturday
  '2026-05-09': '劳动节', // Saturday
  '2026-09-20': '国庆节', // Sunday
  '2026-10-10': '国庆节', // Saturday
};

const cal = new WorkCalendar();

describe('day arithmetic on YYYY-MM-DD strings', () => {
  it('converts instants to the China calendar day (UTC+8)', () => {
    expect(chinaDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(chinaDate(new Date('2026-03-08T23:30:00-05:00'))).toBe('2026-03-09');
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
  });
  it('adds calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change day elsewhere: irrelevant here
    expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });
  it('refuses malformed or impossible dates', () => {
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-9-1')).toBe(false);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => addCalendarDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => new WorkCalendar([{ date: '2031/03/12', working: false }])).toThrow(RangeError);
  });
});

describe('the 2026 calendar from chinese-days', () => {
  const days2026 = packageCalendarDays().filter((d) => d.date.startsWith('2026-'));

  it('has exactly the announced days off and adjusted working days', () => {
    const off: Record<string, string[]> = {};
    for (const d of days2026.filter((x) => !x.working)) (off[d.name as string] ??= []).push(d.date);
    expect(off).toEqual(HOLIDAYS_2026);
    const adjusted = Object.fromEntries(days2026.filter((x) => x.working).map((d) => [d.date, d.name]));
    expect(adjusted).toEqual(ADJUSTED_WORKDAYS_2026);
  });
  it('is plausible: National Day is off, adjusted working days are weekends, weekday holidays are HOLIDAY', () => {
    expect(cal.kind('2026-10-01')).toBe('HOLIDAY');
    expect(cal.day('2026-10-01')).toMatchObject({ name: '国庆节', nameEn: 'National Day', working: false, source: 'PACKAGE' });
    for (const date of Object.keys(ADJUSTED_WORKDAYS_2026)) {
      expect([0, 6]).toContain(weekdayOf(date));
      expect(cal.kind(date)).toBe('ADJUSTED_WORKDAY');
      expect(cal.isWorkingDay(date)).toBe(true);
    }
    for (const date of Object.values(HOLIDAYS_2026).flat()) {
      expect(cal.isWorkingDay(date)).toBe(false);
      expect(cal.kind(date)).toBe('HOLIDAY');
    }
    expect(cal.kind('2026-10-08')).toBe('WORKDAY');
    expect(cal.kind('2026-10-17')).toBe('WEEKEND');
    expect(cal.kind('2026-10-09')).toBe('WORKDAY');
  });
  // The package's own query functions mix local and UTC dates and give wrong answers west of UTC (e.g. 2026-01-03
  // counts as a workday in America/Los_Angeles) — which is why WorkCalendar reads the package's JSON data instead.
  // Cross-check against them only where they are right (UTC and east of it, which includes China).
  const packageApiIsReliableHere = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
  (packageApiIsReliableHere ? it : it.skip)('agrees with the package API on every day of 2026', () => {
    let date = '2026-01-01';
    while (date.startsWith('2026')) {
      const [y, m, d] = date.split('-').map(Number);
      expect([date, cal.isWorkingDay(date)]).toEqual([date, packageIsWorkday(new Date(y, m - 1, d))]);
      date = addCalendarDays(date, 1);
    }
  });
  it('has 248 working days in 2026', () => {
    // 365 days − 104 weekend days − 19 holidays on weekdays + 6 adjusted working weekend days
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
  it('knows the package years and no others', () => {
    expect(packageCalendarYears()[0]).toBe(2004);
    expect(packageCalendarYears()).toContain(2026);
    expect(cal.knowsYear(2026)).toBe(true);
    expect(cal.knowsYear(2004)).toBe(true);
    expect(cal.knowsYear(2003)).toBe(false);
    expect(cal.knowsYear(2031)).toBe(false);
  });
});

describe('working days', () => {
  it('counts the Nth working day after the start, the start not counted', () => {
    expect(cal.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    expect(cal.addWorkingDays('2026-09-28', 10)).toBe('2026-10-16');
    expect(() => cal.addWorkingDays('2026-03-09', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-09', 1.5)).toThrow(RangeError);
  });
  it('counts working days d with from < d ≤ to', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-09-30', '2026-09-30')).toBe(0);
    expect(cal.workingDaysBetween('2026-09-28', '2026-10-16')).toBe(10);
    expect(cal.workingDaysBetween('2026-10-16', '2026-09-28')).toBe(-10);
    expect(cal.workingDaysBetween('2026-09-19', '2026-09-20')).toBe(1); // the adjusted working Sunday
  });
});

describe('due dates', () => {
  it('gives the same date and suspended days without the explanation (explain: false), for every case tried', () => {
    let checked = 0;
    for (let day = 0; day < 400; day += 3) {
      const acceptedOn = addCalendarDays('2025-09-01', day);
      for (const unit of ['WORKING_DAYS', 'CALENDAR_DAYS'] as const) {
        for (const limit of [0, 1, 5, 20, 60]) {
          const suspensions = day % 2 ? [{ from: addCalendarDays(acceptedOn, 2), to: addCalendarDays(acceptedOn, 2 + (day % 17)) }] : [];
          const full = cal.dueDate({ acceptedOn, limit, unit, suspensions });
          const bare = cal.dueDate({ acceptedOn, limit, unit, suspensions, explain: false });
          expect(bare).toEqual({ dueDate: full.dueDate, suspendedDays: full.suspendedDays, explanation: [], explanationEn: [] });
          expect(full.explanation.length).toBeGreaterThan(1);
          checked++;
        }
      }
    }
    expect(checked).toBe(1340);
  });

  it('spans National Day: the 7 days off are skipped, the adjusted working Saturday counts', () => {
    const r = cal.dueDate({ acceptedOn: '2026-09-28', limit: 10, unit: 'WORKING_DAYS' });
    // 09-29, 09-30, [10-01…10-07 off], 10-08, 10-09, 10-10 (Sat, 调休), 10-12 … 10-16
    expect(r.dueDate).toBe('2026-10-16');
    expect(r.suspendedDays).toBe(0);
    expect(r.explanation).toEqual([
      '受理日期：2026-09-28（星期一），受理当日不计入期限。',
      '办理时限：10 个工作日。依据《行政许可法》第八十二条，期限以工作日计算，不含法定节假日；调休上班日计为工作日。',
      '2026-10-01 至 10-07 国庆节 放假，不计入期限。',
      '2026-10-10（星期六）国庆节 调休上班，计为工作日。',
      '办结期限：2026-10-16（星期五），即受理日后第 10 个工作日，当日办结即不超期。',
    ]);
    expect(r.explanationEn[2]).toBe('2026-10-01 to 10-07: National Day holiday, not counted.');
    expect(r.explanationEn[4]).toContain('Due date: 2026-10-16 (Friday), the 10th working day');
  });
  it('spans the Spring Festival with adjusted working Saturdays on both sides', () => {
    const r = cal.dueDate({ acceptedOn: '2026-02-10', limit: 10, unit: TimeLimitUnit.WORKING_DAYS });
    // 02-11, 02-12, 02-13, 02-14 (Sat, 调休), [02-15…02-23 off], 02-24 … 02-27, 02-28 (Sat, 调休), 03-02
    expect(r.dueDate).toBe('2026-03-02');
    expect(r.explanation).toContain('2026-02-15 至 02-23 春节 放假，不计入期限。');
    expect(r.explanation).toContain('2026-02-14（星期六）春节 调休上班，计为工作日。');
    expect(r.explanation).toContain('2026-02-28（星期六）春节 调休上班，计为工作日。');
  });
  it('starts counting on the next working day after a Friday acceptance', () => {
    expect(cal.dueDate({ acceptedOn: '2026-03-06', limit: 1, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-03-09');
    expect(cal.dueDate({ acceptedOn: '2026-03-06', limit: 5, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-03-13');
  });
  it('counts an adjusted working Sunday as a working day', () => {
    // Friday 09-18 → Sunday 09-20 is a 调休 working day for National Day
    const r = cal.dueDate({ acceptedOn: '2026-09-18', limit: 1, unit: 'WORKING_DAYS' });
    expect(r.dueDate).toBe('2026-09-20');
    expect(r.explanation).toContain('2026-09-20（星期日）国庆节 调休上班，计为工作日。');
    expect(cal.dueDate({ acceptedOn: '2026-09-18', limit: 3, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-09-22');
    // across the year boundary: 2026-01-01…03 off, Sunday 01-04 works
    expect(cal.dueDate({ acceptedOn: '2025-12-31', limit: 1, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-01-04');
  });
  it('handles an acceptance on a holiday (e.g. an online submission deemed accepted)', () => {
    const r = cal.dueDate({ acceptedOn: '2026-10-03', limit: 5, unit: 'WORKING_DAYS' });
    // 10-08, 10-09, 10-10 (调休), 10-12, 10-13
    expect(r.dueDate).toBe('2026-10-13');
    expect(r.explanation[0]).toBe('受理日期：2026-10-03（星期六，国庆节 放假），受理当日不计入期限。');
    expect(r.explanation).toContain('2026-10-04 至 10-07 国庆节 放假，不计入期限。');
    expect(cal.dueDate({ acceptedOn: '2026-10-03', limit: 1, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-10-08');
  });
  it('moves a calendar-day limit that ends on a holiday to the next working day, and says so', () => {
    const r = cal.dueDate({ acceptedOn: '2026-09-03', limit: 30, unit: 'CALENDAR_DAYS' });
    expect(r.dueDate).toBe('2026-10-08');
    expect(r.explanation).toEqual([
      '受理日期：2026-09-03（星期四），受理当日不计入期限。',
      '办理时限：30 个自然日（日历日），节假日照常计入；期限最后一日为法定节假日或休息日的，顺延至其后的第一个工作日。',
      '2026-09-25 至 09-27 中秋节 放假（按自然日计算，照常计入）。',
      '2026-10-01 至 10-07 国庆节 放假（按自然日计算，照常计入）。',
      '第 30 个自然日 2026-10-03（星期六，国庆节 放假）不是工作日，期限顺延至其后的第一个工作日。',
      '办结期限：2026-10-08（星期四），当日办结即不超期。',
    ]);
    expect(r.explanationEn[4]).toBe(
      'Calendar day 30, 2026-10-03 (Saturday, National Day holiday), is not a working day; the period ends on the next working day.',
    );
    // lands on an adjusted working Saturday: stays
    expect(cal.dueDate({ acceptedOn: '2026-09-10', limit: 30, unit: 'CALENDAR_DAYS' }).dueDate).toBe('2026-10-10');
    // lands on an ordinary Saturday: Monday
    expect(cal.dueDate({ acceptedOn: '2026-02-05', limit: 30, unit: 'CALENDAR_DAYS' }).dueDate).toBe('2026-03-09');
    // lands on a working day: no move, no move sentence
    const plain = cal.dueDate({ acceptedOn: '2026-03-02', limit: 10, unit: 'CALENDAR_DAYS' });
    expect(plain.dueDate).toBe('2026-03-12');
    expect(plain.explanation.some((l) => l.includes('不是工作日'))).toBe(false);
  });
  it('adds a suspension of 3 working days', () => {
    // accepted Mon 03-02, 10 working days → 03-16; suspended 03-04 … 03-09 covers 03-05, 03-06, 03-09
    expect(cal.dueDate({ acceptedOn: '2026-03-02', limit: 10, unit: 'WORKING_DAYS' }).dueDate).toBe('2026-03-16');
    const r = cal.dueDate({
      acceptedOn: '2026-03-02',
      limit: 10,
      unit: 'WORKING_DAYS',
      suspensions: [{ from: '2026-03-04', to: '2026-03-09' }],
    });
    expect(r.suspendedDays).toBe(3);
    expect(r.dueDate).toBe('2026-03-19');
    expect(r.explanation).toContain(
      '中止（特殊程序，依据第四十五条所需时间不计入期限）2026-03-04 至 2026-03-09：3 个工作日（中止当日不计，恢复当日计入）。',
    );
    expect(r.explanation).toContain('期限相应顺延 3 个工作日。');
    expect(r.explanation[r.explanation.length - 1]).toBe('办结期限：2026-03-19（星期四），即受理日后第 13 个工作日，当日办结即不超期。');
  });
  it('counts only working days of a suspension over a holiday, calendar days for calendar-day items', () => {
    const w = cal.dueDate({
      acceptedOn: '2026-09-21',
      limit: 5,
      unit: 'WORKING_DAYS',
      suspensions: [{ from: '2026-09-24', to: '2026-10-09' }],
    });
    // (09-24, 10-09]: 09-28, 09-29, 09-30, 10-08, 10-09 = 5 working days; 10 after 09-21:
    // 09-22, 09-23, 09-24, 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12
    expect(w.suspendedDays).toBe(5);
    expect(w.dueDate).toBe('2026-10-12');
    const c = cal.dueDate({
      acceptedOn: '2026-03-02',
      limit: 10,
      unit: 'CALENDAR_DAYS',
      suspensions: [{ from: '2026-03-04', to: '2026-03-09' }],
    });
    expect(c.suspendedDays).toBe(5);
    expect(c.dueDate).toBe('2026-03-17');
  });
  it('counts an open suspension up to today, and needs today', () => {
    const params = {
      acceptedOn: '2026-03-02',
      limit: 10,
      unit: 'WORKING_DAYS' as const,
      suspensions: [
        { from: '2026-03-03', to: '2026-03-04' },
        { from: '2026-03-09', to: null },
      ],
    };
    const r = cal.dueDate({ ...params, today: '2026-03-11' });
    // 1 (03-04) + 2 (03-10, 03-11) → 13 working days after 03-02
    expect(r.suspendedDays).toBe(3);
    expect(r.dueDate).toBe('2026-03-19');
    expect(r.explanation).toContain(
      '中止（特殊程序，依据第四十五条所需时间不计入期限）自 2026-03-09 起，尚未结束，暂计至今日 2026-03-11：2 个工作日。',
    );
    expect(r.explanation).toContain('中止合计 3 个工作日，期限相应顺延。');
    expect(cal.dueDate({ ...params, today: '2026-03-09' }).suspendedDays).toBe(1);
    expect(() => cal.dueDate(params)).toThrow(/needs today/);
  });
  it('refuses inconsistent input', () => {
    const base = { acceptedOn: '2026-03-02', limit: 10, unit: 'WORKING_DAYS' as const };
    expect(() => cal.dueDate({ ...base, limit: -1 })).toThrow(RangeError);
    expect(() => cal.dueDate({ ...base, suspensions: [{ from: '2026-03-01', to: '2026-03-03' }] })).toThrow(/before the acceptance/);
    expect(() => cal.dueDate({ ...base, suspensions: [{ from: '2026-03-05', to: '2026-03-03' }] })).toThrow(/before it starts/);
    expect(() =>
      cal.dueDate({
        ...base,
        suspensions: [
          { from: '2026-03-03', to: '2026-03-06' },
          { from: '2026-03-05', to: '2026-03-09' },
        ],
      }),
    ).toThrow(/overlap/);
    expect(() =>
      cal.dueDate({
        ...base,
        today: '2026-03-20',
        suspensions: [
          { from: '2026-03-03', to: null },
          { from: '2026-03-10', to: '2026-03-12' },
        ],
      }),
    ).toThrow(/only the last/);
  });
});

describe('overrides from the city admin', () => {
  it('adds a made-up 2031 holiday and a 2031 adjusted working Saturday', () => {
    // 2031-03-12 is a Wednesday, 2031-03-15 a Saturday
    const c = new WorkCalendar([
      { date: '2031-03-12', working: false, name: '植树假' },
      { date: '2031-03-15', working: true, name: '植树假' },
    ]);
    expect(cal.knowsYear(2031)).toBe(false);
    expect(c.knowsYear(2031)).toBe(true);
    expect(c.knowsYear(2026)).toBe(true);
    expect(c.kind('2031-03-12')).toBe('HOLIDAY');
    expect(c.day('2031-03-12')).toMatchObject({ name: '植树假', source: 'OVERRIDE', weekday: 3 });
    expect(c.kind('2031-03-15')).toBe('ADJUSTED_WORKDAY');
    expect(cal.kind('2031-03-12')).toBe('WORKDAY');
    const r = c.dueDate({ acceptedOn: '2031-03-11', limit: 3, unit: 'WORKING_DAYS' });
    // 03-13, 03-14, 03-15 (Sat, works)
    expect(r.dueDate).toBe('2031-03-15');
    expect(r.explanation).toContain('2031-03-12 植树假 放假，不计入期限。');
    expect(r.explanation.some((l) => l.startsWith('注意'))).toBe(false);
    expect(cal.dueDate({ acceptedOn: '2031-03-11', limit: 3, unit: 'WORKING_DAYS' }).dueDate).toBe('2031-03-14');
  });
  it('corrects package days, the last override winning', () => {
    const c = new WorkCalendar([
      { date: '2026-10-08', working: false, name: '国庆节' },
      { date: '2026-10-10', working: true },
      { date: '2026-10-10', working: false },
      { date: '2026-10-01', working: true, name: '补班' },
    ]);
    expect(c.kind('2026-10-08')).toBe('HOLIDAY');
    expect(c.kind('2026-10-10')).toBe('WEEKEND'); // unnamed day off on a Saturday
    expect(c.kind('2026-10-01')).toBe('WORKDAY');
    expect(c.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
    expect(c.addWorkingDays('2026-09-30', 1)).toBe('2026-10-01');
  });
  it('warns in the explanation when a year is not known', () => {
    const r = cal.dueDate({ acceptedOn: '2031-12-22', limit: 10, unit: 'WORKING_DAYS' });
    expect(r.dueDate).toBe('2032-01-05');
    expect(r.explanation.filter((l) => l.startsWith('注意'))).toEqual([
      '注意：2031 年的法定节假日安排尚未录入日历，该年仅按周末计算休息日，结果可能有误。',
      '注意：2032 年的法定节假日安排尚未录入日历，该年仅按周末计算休息日，结果可能有误。',
    ]);
  });
});

describe('deemed acceptance (Art. 32)', () => {
  it('is the 5th working day after receipt, across National Day', () => {
    // 09-30, [10-01…10-07], 10-08, 10-09, 10-10 (调休), 10-12
    expect(cal.deemedAcceptanceDeadline('2026-09-29')).toBe('2026-10-12');
  });
  it('across the Spring Festival', () => {
    // 02-13, 02-14 (调休), [02-15…02-23], 02-24, 02-25, 02-26
    expect(cal.deemedAcceptanceDeadline('2026-02-12')).toBe('2026-02-26');
  });
  it('on an ordinary week', () => {
    expect(cal.deemedAcceptanceDeadline('2026-03-06')).toBe('2026-03-13');
  });
});

describe('overdue and warning', () => {
  it('is overdue only after the end of the due day', () => {
    expect(cal.isOverdue('2026-10-16', '2026-10-15')).toBe(false);
    expect(cal.isOverdue('2026-10-16', '2026-10-16')).toBe(false);
    expect(cal.isOverdue('2026-10-16', '2026-10-17')).toBe(true);
  });
  it('warns within N working days of the due date, not once overdue', () => {
    expect(cal.isWarning('2026-10-16', '2026-10-13', 2)).toBe(false); // 3 working days left
    expect(cal.isWarning('2026-10-16', '2026-10-14', 2)).toBe(true); // 2 left
    expect(cal.isWarning('2026-10-16', '2026-10-16', 2)).toBe(true); // due today
    expect(cal.isWarning('2026-10-16', '2026-10-16', 0)).toBe(true);
    expect(cal.isWarning('2026-10-16', '2026-10-15', 0)).toBe(false);
    expect(cal.isWarning('2026-10-16', '2026-10-17', 2)).toBe(false); // overdue instead
  });
  it('counts working days across a holiday for the warning', () => {
    // from 09-30 to 10-08 only 10-08 is a working day
    expect(cal.isWarning('2026-10-08', '2026-09-30', 1)).toBe(true);
    expect(cal.isWarning('2026-10-08', '2026-09-29', 1)).toBe(false);
    expect(() => cal.isWarning('2026-10-08', '2026-09-29', -1)).toThrow(RangeError);
  });
});
