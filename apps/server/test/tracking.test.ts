/** Tracking without login cannot be brute-forced: long codes, limited failures per number, one lookup per operation. */
import { JINAN, gql, jurisdictionId, loginAs, ok, pickItem, submitWithPdfs, withDb } from './helpers';

const TRACK = `query($n: String!, $c: String!) { applicationByNumber(number: $n, lookupCode: $c) { number status } }`;
let citizen: string;
let item: Awaited<ReturnType<typeof pickItem>>;
let place: string;

beforeAll(async () => {
  citizen = await loginAs('citizen');
  place = await jurisdictionId(JINAN);
  item = await pickItem(place);
});

async function submitted() {
  const a = await submitWithPdfs(citizen, item, place);
  const d = await ok(`query($id: ID!) { application(id: $id) { lookupCode } }`, { id: a.id }, citizen);
  return { ...a, code: d.application.lookupCode as string };
}

it('gives new applications a 10-character code without look-alikes; it tracks in any case, and old 6-digit codes still work', async () => {
  const a = await submitted();
  expect(a.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
  expect((await ok(TRACK, { n: a.number, c: a.code.toLowerCase() })).applicationByNumber.number).toBe(a.number);
  const old = await submitted();
  await withDb((c) => c.query(`UPDATE application SET lookup_code = '042317' WHERE id = $1`, [old.id]));
  expect((await ok(TRACK, { n: old.number, c: '042317' })).applicationByNumber.number).toBe(old.number);
});

it('after 10 wrong codes for a number, even the right one is refused with a message to contact the centre', async () => {
  const a = await submitted();
  // right answers do not use up the budget
  for (let i = 0; i < 3; i++) expect((await ok(TRACK, { n: a.number, c: a.code })).applicationByNumber).not.toBeNull();
  // concurrent wrong guesses: never more than the limit get an answer
  const guesses = await Promise.all(Array.from({ length: 14 }, (_, i) => gql(TRACK, { n: a.number, c: `WRONG${String(i).padStart(5, '2')}` })));
  const answered = guesses.filter((g) => !g.errors);
  expect(answered.length).toBe(10);
  expect(answered.every((g) => g.data.applicationByNumber === null)).toBe(true);
  const refused = await gql(TRACK, { n: a.number, c: a.code });
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'tracking.tooManyAttempts', scope: 'number' });
  expect(refused.errors?.[0].message).toContain('contact the service centre');
  // another number is not affected
  const b = await submitted();
  expect((await ok(TRACK, { n: b.number, c: b.code })).applicationByNumber).not.toBeNull();
});

it('one operation may ask for applicationByNumber only once', async () => {
  const r = await gql(`{ a: applicationByNumber(number: "1", lookupCode: "1") { status } b: applicationByNumber(number: "2", lookupCode: "2") { status } c: applicationByNumber(number: "3", lookupCode: "3") { status } }`);
  expect(r.data).toBeUndefined();
  expect(r.errors).toHaveLength(1);
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', messageKey: 'tracking.onePerRequest' });
});
