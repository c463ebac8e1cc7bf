// The progress benchmark runs under Jest so it starts the real stack exactly as the
// integration tests do: same global setup (PostgreSQL database, Temporal dev server, bundle).
const path = require('node:path');

module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'bench',
  rootDir: path.join(__dirname, '..'),
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: '<rootDir>/tools/testing/global-setup.ts',
  globalTeardown: '<rootDir>/tools/testing/global-teardown.ts',
  testTimeout: 60 * 60_000,
  maxWorkers: 1,
};
