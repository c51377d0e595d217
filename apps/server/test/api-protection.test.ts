import { BASE, gql } from './helpers';

describe('API protections', () => {
  it('answers health and readiness probes', async () => {
    expect((await fetch(`${BASE()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${BASE()}/readyz`);
    expect(ready.status).toBe(200);
    // The session cache's listener connects with the first session a process looks up (the suites have logged in).
    expect(await ready.json()).toEqual({ status: 'ready', sessionCache: expect.stringMatching(/^(on|paused)$/) });
  });

  it('refuses queries nested too deep', async () => {
    let inner = 'name';
    for (let i = 0; i < 12; i++) inner = `${i % 2 ? 'parent' : 'children'} { ${inner} }`;
    const deep = `{ jurisdiction(code: "341500000000") { ${inner} } }`;
    const r = await gql(deep);
    expect(r.errors?.[0].message).toMatch(/depth/i);
    expect(r.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: jurisdiction(code: "341500000000") { name }`).join(' ');
    const r = await gql(`{ ${aliases} }`);
    expect(r.errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses a body over the size limit', async () => {
    // The server answers 413 from the declared length and may close the socket before the client has sent the
    // body; then the client sees a broken pipe instead of the answer. Either way the request is refused.
    try {
      const res = await fetch(`${BASE()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(9 * 1024 * 1024) } }),
      });
      expect(res.status).toBe(413);
    } catch (e) {
      expect(String((e as { cause?: { code?: string } }).cause?.code)).toMatch(/EPIPE|ECONNRESET/);
    }
  });

  it('blocks cross-site simple requests (CSRF prevention)', async () => {
    const res = await fetch(`${BASE()}/graphql?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('sends security headers and a request id', async () => {
    const res = await fetch(`${BASE()}/healthz`, { headers: { 'x-request-id': 'trace-me-123' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toBe('trace-me-123');
  });

  it('names the offending variable in a malformed request', async () => {
    const r = await gql(`query($first: Int) { jurisdictions(first: $first) { totalCount } }`, { first: 'many' });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // the argument the variable is bound to, as resolvers name fields, with the key the web renders
    expect(r.errors?.[0].extensions?.field).toBe('first');
    expect(r.errors?.[0].extensions?.messageKey).toBe('input.notANumber');
  });

  it('caps page sizes', async () => {
    const r = await gql(`{ jurisdictions(first: 1000) { totalCount } }`);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
