/**
 * SMS codes in-process against the test database: the per-address limit, and what reaches the log — the full text
 * in demo mode only; outside demo mode no code, ever.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import type { RequestContext } from '../src/common/context';
import { createDataSource } from '../src/db/data-source';
import { createServices } from '../src/services';
import { idNumber, randomPhone, withDb } from './helpers';

let ds: DataSource;
beforeAll(async () => {
  ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
  await ds.initialize();
});
afterAll(() => ds.destroy());

function ctxFor(services: ReturnType<typeof createServices>, ip: string): RequestContext {
  return { requestId: 'test', ip, userAgent: null, viewer: null, sessionTokenHash: null, services, loaders: {} as never, setSessionCookie: () => undefined, clearSessionCookie: () => undefined };
}

describe('verification SMS', () => {
  it('limits codes per client address, answering RATE_LIMITED with the wait in minutes', async () => {
    const services = createServices(ds, { ...loadConfig(), smsPerIpPerHour: 3, demoData: false }, { log: () => undefined });
    const ctx = ctxFor(services, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    for (let i = 0; i < 3; i++) await services.accounts.sendRegistrationCode(ctx, randomPhone(), idNumber());
    await expect(services.accounts.sendRegistrationCode(ctx, randomPhone(), idNumber())).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMinutes: 60 } });
  });

  it('outside demo mode the log carries neither the text nor the code; the sent code leaves the outbox', async () => {
    const lines: string[] = [];
    const services = createServices(ds, { ...loadConfig(), demoData: false }, { log: (o, m) => lines.push(JSON.stringify({ o, m })), warn: (o, m) => lines.push(JSON.stringify({ o, m })) });
    const phone = randomPhone();
    await services.accounts.sendPasswordResetCode(ctxFor(services, '10.8.0.1'), phone);
    const citizen = await withDb(async (c) => (await c.query(`SELECT phone FROM app_user WHERE login = 'citizen'`)).rows[0].phone);
    await services.accounts.sendPasswordResetCode(ctxFor(services, '10.8.0.1'), citizen);
    expect(lines.length).toBe(2);
    const logged = lines.join('\n').replace(/"notificationId":"[0-9a-f-]{36}"/g, '');
    expect(logged).not.toMatch(/\d{6}/);
    expect(logged).not.toMatch(/验证码|【为民】/);
    expect(lines.join('\n')).not.toContain(citizen);
    const bodies = await withDb(async (c) => (await c.query(`SELECT body, delivered_at FROM notification WHERE phone = $1 AND kind = 'VERIFICATION_CODE'`, [citizen])).rows);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((b) => b.delivered_at && !/\d{6}/.test(b.body))).toBe(true);
  });

  it('in demo mode the log line carries the full text, so a tester can read the code', async () => {
    const lines: string[] = [];
    const services = createServices(ds, { ...loadConfig(), demoData: true }, { log: () => undefined, warn: (o) => lines.push(JSON.stringify(o)) });
    const phone = randomPhone();
    await services.accounts.sendRegistrationCode(ctxFor(services, '10.7.0.1'), phone, idNumber());
    expect(lines.join('\n')).toMatch(new RegExp(`"phone":"${phone}","text":"【为民】您的注册验证码是 \\d{6}`));
  });
});
