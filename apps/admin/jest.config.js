// Component tests run in jsdom through jest-preset-angular, zoneless like the app itself.
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.json' }),
  displayName: 'admin',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Screens render with their real Material children in jsdom; a loaded CI machine needs room.
  testTimeout: 20_000,
  moduleNameMapper: {
    '^@sluice/shared$': path.join(__dirname, '../../libs/shared/src/index.ts'),
  },
};
