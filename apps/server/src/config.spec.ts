import { loadConfig } from './config';

describe('configuration defaults that keep published demo passwords off the network', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const withEnv = (env: Record<string, string | undefined>) => {
    for (const k of ['DATABASE_URL', 'NODE_ENV', 'DEMO_DATA', 'HOST']) delete process.env[k];
    Object.assign(process.env, env);
    return loadConfig();
  };

  it('loads demo data with the embedded database, and then listens on 127.0.0.1 only', () => {
    expect(withEnv({})).toMatchObject({ demoData: true, host: '127.0.0.1' });
    expect(withEnv({ DATABASE_URL: 'postgres://x/y', DEMO_DATA: 'true' })).toMatchObject({ demoData: true, host: '127.0.0.1' });
  });

  it('never loads demo data in production unless DEMO_DATA=true is set explicitly', () => {
    expect(withEnv({ NODE_ENV: 'production' })).toMatchObject({ demoData: false, host: '0.0.0.0' });
    expect(withEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toMatchObject({ demoData: false });
    expect(withEnv({ NODE_ENV: 'production', DEMO_DATA: 'true' })).toMatchObject({ demoData: true, host: '127.0.0.1' });
    expect(withEnv({ NODE_ENV: 'production', DEMO_DATA: 'true', HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0' });
  });
});
