module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'temporal-worker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
