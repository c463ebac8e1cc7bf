// Integration tests run against real services that global setup prepares once per run:
// PostgreSQL, a Temporal dev server, and the workflow bundle.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/tools/testing/global-setup.ts',
  globalTeardown: '<rootDir>/tools/testing/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
};
