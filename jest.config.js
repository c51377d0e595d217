/**
 * One jest run for the whole repository. One PostgreSQL and one server process are started for all suites
 * (test/global-setup.mjs); suites isolate themselves by the data they create.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = { transform: { '^.+\\.(t|j)sx?$': swc }, testEnvironment: 'node' };

module.exports = {
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'domain', testMatch: ['<rootDir>/packages/domain/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'server',
      testMatch: ['<rootDir>/apps/server/src/**/*.spec.ts', '<rootDir>/apps/server/test/**/*.test.ts'],
      setupFiles: ['reflect-metadata'],
    },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/apps/web/e2e/**/*.e2e.ts'] },
  ],
};
