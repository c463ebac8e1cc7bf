// Shared Jest settings for the Node projects: SWC compiles TypeScript (with the decorator
// metadata Nest needs) and the workspace aliases resolve to library sources.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@sluice/shared$': path.join(root, 'libs/shared/src/index.ts'),
    '^@sluice/workflows$': path.join(root, 'libs/workflows/src/index.ts'),
    '^@sluice/persistence$': path.join(root, 'libs/persistence/src/index.ts'),
    '^@sluice/outbound$': path.join(root, 'libs/outbound/src/index.ts'),
  },
};
