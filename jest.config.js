// Unit tests of the Node projects. They run with --experimental-vm-modules (NestJS 12 ships as
// ESM), which the admin's Angular tests do not support, so those run from their own config.
module.exports = {
  projects: [
    '<rootDir>/libs/shared/jest.config.js',
    '<rootDir>/libs/workflows/jest.config.js',
    '<rootDir>/libs/persistence/jest.config.js',
    '<rootDir>/libs/outbound/jest.config.js',
    '<rootDir>/apps/api/jest.config.js',
    '<rootDir>/apps/temporal-worker/jest.config.js',
  ],
};
