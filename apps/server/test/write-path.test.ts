/**
 * The write path's statement budget: submit, accept and forward each run a fixed, small number of SQL statements
 * (counted by the server, x-sql-statements), whatever the data set holds. A change that adds a round trip to these
 * hot mutations has to raise the budget here, in plain sight.
 */
import { JINAN, gql, jurisdictionId, loginAs, materialsFor, ok, pickItem, unique, uploadPdf, withDb, type ItemInfo } from './helpers';

// The budgets, per request, including authentication, BEGIN/COMMIT and the fields the mutation returns, for a
// session the process already knows (session-cache.ts; its first request looks the session up: one more).
// Submit: one read of all its rules need, one write. Accept and forward: the row with its line, one write (the
// answer is the row written). A repeated submit: the read, the answer.
const BUDGET = { submit: 2, accept: 2, forward: 2 };
const ME = `{ me { id } }`;

const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number status } }`;
const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { id status } }`;
const FORWARD = `mutation($id: ID!) { forwardApplication(id: $id) { id status } }`;

async function counted(query: string, variables: Record<string, unknown>, token: string) {
  const r = await gql(query, variables, token);
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return { data: r.data, statements: Number(r.headers.get('x-sql-statements')) };
}

let township: string;
let village: string;
let item: ItemInfo;
let chained: ItemInfo;

beforeAll(async () => {
  const ids = await withDb(async (c) => {
    const t = (await c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN])).rows[0];
    const v = (await c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(t.id)])).rows[0];
    return { township: t.id, village: v.id };
  });
  township = ids.township;
  village = ids.village;
  item = await pickItem(township);
  const items = await ok(`query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id name promisedLimit materials { name necessity } } } }`, { at: village });
  chained = items.serviceItems.nodes.find((n: ItemInfo) => n.name === '最低生活保障审核确认');
  expect(await jurisdictionId(JINAN)).toBeTruthy();
});

describe('the write path runs a fixed number of statements', () => {
  it('submit, accept and forward stay within their budgets, and a repeated submit is answered from the first', async () => {
    const citizen = await loginAs('citizen');
    const clerk = await loginAs('town.clerk');
    const agent = await loginAs('village.agent');
    // A session's first request looks it up; the next ones of the same process do not.
    const first = await counted(ME, {}, clerk);
    const next = await counted(ME, {}, clerk);
    expect(first.statements - next.statements).toBe(1);
    await counted(ME, {}, citizen);
    await counted(ME, {}, agent);
    // The first submit of a process may load the calendar and the item's content; the budget is for a warm process.
    await ok(SUBMIT, { i: { serviceItemId: item.id, jurisdictionId: township, materials: await materialsFor(citizen, item.materials), idempotencyKey: unique('warm') } }, citizen);
    const input = { serviceItemId: item.id, jurisdictionId: township, materials: await materialsFor(citizen, item.materials), idempotencyKey: unique('budget') };
    const submitted = await counted(SUBMIT, { i: input }, citizen);
    const again = await counted(SUBMIT, { i: input }, citizen);
    expect(again.data.submitApplication.id).toBe(submitted.data.submitApplication.id);
    const accepted = await counted(ACCEPT, { id: submitted.data.submitApplication.id }, clerk);
    expect(accepted.data.acceptApplication.status).toBe('ACCEPTED');

    const lodged = await ok(SUBMIT, {
      i: {
        serviceItemId: chained.id, jurisdictionId: village, idempotencyKey: unique('budget-f'),
        materials: await Promise.all(chained.materials.filter((m) => m.necessity === 'REQUIRED').map(async (m) => ({ requirement: m.name, fileIds: [await uploadPdf(agent)] }))),
        onBehalfOf: { name: '王秀英', idNumber: '341502195003070023', phone: '13900001111', consent: '本人签字的代办委托书，存村服务站' },
      },
    }, agent);
    const forwarded = await counted(FORWARD, { id: lodged.submitApplication.id }, agent);
    expect(submitted.statements).toBeLessThanOrEqual(BUDGET.submit);
    expect(again.statements).toBeLessThanOrEqual(BUDGET.submit);
    expect(accepted.statements).toBeLessThanOrEqual(BUDGET.accept);
    expect(forwarded.statements).toBeLessThanOrEqual(BUDGET.forward);
  });
});
