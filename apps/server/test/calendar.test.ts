import { fails, gql, loginAs, ok, withDb } from './helpers';

const YEAR = `query($y: Int!) { workingCalendar(year: $y) { year known days { date kind working name override } } }`;
const SET = `mutation($d: Date!, $w: Boolean!, $n: String) { setCalendarDay(date: $d, working: $w, name: $n) { date kind working name override } }`;

describe('the official working-day calendar', () => {
  it('knows 2026 from the holiday package: National Day off, the adjusted working Sunday on', async () => {
    const d = await ok(YEAR, { y: 2026 });
    expect(d.workingCalendar.known).toBe(true);
    const byDate = new Map(d.workingCalendar.days.map((x: any) => [x.date, x]));
    expect(byDate.get('2026-10-01')).toMatchObject({ kind: 'HOLIDAY', working: false, override: false });
    expect(byDate.get('2026-09-20')).toMatchObject({ kind: 'ADJUSTED_WORKDAY', working: true });
    expect(byDate.get('2026-02-14')).toMatchObject({ kind: 'ADJUSTED_WORKDAY', working: true });
  });

  it('lets the city administrator add a year the package does not know, audited', async () => {
    const admin = await loginAs('admin');
    expect((await ok(YEAR, { y: 2031 })).workingCalendar.known).toBe(false);
    const set = await ok(SET, { d: '2031-05-06', w: false, n: '测试假日' }, admin);
    expect(set.setCalendarDay).toEqual({ date: '2031-05-06', kind: 'HOLIDAY', working: false, name: '测试假日', override: true });
    const year = await ok(YEAR, { y: 2031 });
    expect(year.workingCalendar.known).toBe(true);
    expect(year.workingCalendar.days).toContainEqual({ date: '2031-05-06', kind: 'HOLIDAY', working: false, name: '测试假日', override: true });
    const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE entity = 'CalendarDay' AND entity_id = '2031-05-06'`));
    expect(audit.rows.map((r) => r.action)).toContain('setCalendarDay');
  });

  it('keeps county administrators and citizens out, and names a bad date', async () => {
    expect((await fails(SET, { d: '2031-05-07', w: false }, await loginAs('jinan.admin'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(SET, { d: '2031-05-07', w: false }, await loginAs('citizen'))).extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(SET, { d: '2031-02-30', w: false }, await loginAs('admin'));
    expect(bad.errors?.[0].message).toMatch(/2031-02-30/);
    expect((await withDb((c) => c.query(`SELECT 1 FROM calendar_override WHERE date = '2031-05-07'`))).rows).toEqual([]);
  });
});
