// scratch (not a test): open a page against the dev server and print console/network errors
const { chromium } = require('playwright-core');
(async () => {
  const url = 'http://127.0.0.1:4711';
  const [login, path, shot, width] = process.argv.slice(2);
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const ctx = await b.newContext({ baseURL: url, viewport: { width: Number(width || 1280), height: 900 }, locale: 'zh-CN' });
  if (login !== '-') {
    const r = await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation{login(login:"${login}",password:"weimin-demo"){token}}` }) });
    const tok = (await r.json()).data.login.token;
    await ctx.addCookies([{ name: 'weimin_session', value: tok, url }]);
  }
  const p = await ctx.newPage();
  p.on('console', (m) => m.type() === 'error' || m.type() === 'warning' ? console.log('console', m.type(), m.text()) : null);
  p.on('response', async (res) => { if (res.status() >= 400) console.log('HTTP', res.status(), res.url(), (await res.text().catch(() => '')).slice(0, 500), res.request().postData()?.slice(0, 300)); });
  await p.goto(path);
  await p.waitForTimeout(3000);
  if (shot) await p.screenshot({ path: shot, fullPage: true });
  await b.close();
})();
