/**
 * The background rules of the law, run in-process against the test database with a controllable clock:
 * deemed acceptance after 5 working days (Art. 32) and lapse after the supplement deadline.
 */
import 'reflect-metadata';
import { WorkCalendar, addCalendarDays, chinaDate } from '@weimin/domain';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { createServices, type Services } from '../src/services';
import { JINAN, loginAs, ok, unique, uploadPdf, withDb } from './helpers';

let ds: DataSource;
const servicesAt = (day: string): Services => createServices(ds, loadConfig(), { clock: { now: () => new Date(`${day}T04:00:00Z`) } });

beforeAll(async () => {
  ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
  await ds.initialize();
});
afterAll(() => ds.destroy());

async function submitOne(): Promise<{ id: string; receivedOn: string }> {
  const citizen = await loginAs('citizen');
  const t = await withDb(async (c) => (await c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN])).rows[0]);
  const items = await ok(`query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } promisedUnit handlingChain { kind } materials { name necessity } } } }`, { at: t.id });
  const item = items.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.handlingChain.length === 2 && n.onlineCapable && !n.exemption && n.promisedUnit === 'WORKING_DAYS');
  const materials = await Promise.all(item.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => ({ requirement: m.name, fileIds: [await uploadPdf(citizen)] })));
  const d = await ok(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id receivedOn } }`, { i: { serviceItemId: item.id, jurisdictionId: t.id, materials, idempotencyKey: unique('job') } }, citizen);
  return d.submitApplication;
}

describe('deemed acceptance (Art. 32)', () => {
  it('accepts an application left without a decision for 5 working days, as of the day it was received', async () => {
    const a = await submitOne();
    const deadline = new WorkCalendar().deemedAcceptanceDeadline(a.receivedOn);
    expect(await servicesAt(deadline).applications.runDeemedAcceptance({ ids: [a.id] })).toBe(0);
    expect(await servicesAt(addCalendarDays(deadline, 1)).applications.runDeemedAcceptance({ ids: [a.id] })).toBe(1);
    const got = await ok(`query($id: ID!) { application(id: $id) { status acceptedOn receipt { deemed acceptedOn dueDate } events { action actor note } } }`, { id: a.id }, await loginAs('citizen'));
    expect(got.application).toMatchObject({ status: 'ACCEPTED', acceptedOn: a.receivedOn, receipt: { deemed: true, acceptedOn: a.receivedOn } });
    expect(got.application.events.at(-1)).toMatchObject({ action: 'DEEMED_ACCEPT', actor: '系统' });
    expect(got.application.events.at(-1).note).toContain('第三十二条');
    // Running again changes nothing.
    expect(await servicesAt(addCalendarDays(deadline, 2)).applications.runDeemedAcceptance({ ids: [a.id] })).toBe(0);
  });
});

describe('lapse', () => {
  it('lapses a deficient application the day after its supplement deadline, not before', async () => {
    const a = await submitOne();
    const clerk = await loginAs('town.clerk');
    const today = chinaDate(new Date());
    const deadline = new WorkCalendar().addWorkingDays(today, 3);
    const d = await ok(`query($id: ID!) { application(id: $id) { serviceItem { materials { name } } } }`, { id: a.id }, clerk);
    await ok(`mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { status } }`, { id: a.id, i: { items: [{ material: d.application.serviceItem.materials[0].name, problem: '缺页' }], supplementDeadline: deadline } }, clerk);
    expect(await servicesAt(deadline).applications.runLapses({ ids: [a.id] })).toBe(0);
    expect(await servicesAt(addCalendarDays(deadline, 1)).applications.runLapses({ ids: [a.id] })).toBe(1);
    const got = await ok(`query($id: ID!) { application(id: $id) { status nextActions events { action } } }`, { id: a.id }, await loginAs('citizen'));
    expect(got.application).toMatchObject({ status: 'LAPSED', nextActions: [] });
    const notes = await withDb((c) => c.query(`SELECT title FROM notification WHERE application_id = $1 ORDER BY created_at`, [a.id]));
    expect(notes.rows.map((r) => r.title)).toContain('申请已失效');
  });
});

describe('notification delivery', () => {
  it('hands each pending notification to the sender once, even with two workers', async () => {
    const a = await submitOne();
    const sent: string[] = [];
    const sender = { send: async (m: { id: string }) => void sent.push(m.id) };
    const cfg = loadConfig();
    const w1 = createServices(ds, cfg, { sender });
    const w2 = createServices(ds, cfg, { sender });
    await Promise.all([w1.notifications.deliverPending(1000), w2.notifications.deliverPending(1000)]);
    const mine = await withDb((c) => c.query(`SELECT id, delivered_at FROM notification WHERE application_id = $1`, [a.id]));
    // The server's own worker may have delivered it first; either way it is delivered, and never twice here.
    expect(mine.rows.every((r) => r.delivered_at)).toBe(true);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
