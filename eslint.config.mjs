// Lint rules for the whole workspace. Module boundaries follow STYLE.md 3.1: the admin sees only
// shared; workflows see only shared; the API sees workflows for their types only.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import angular from 'angular-eslint';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/tmp/**',
      '.tools/**',
      '.nx/**',
      '**/.angular/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'type:workflows',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                '@angular/*',
                'pg',
                'undici',
                ...nodeBuiltins,
              ],
            },
            {
              sourceTag: 'scope:shared',
              bannedExternalImports: ['@nestjs/*', 'typeorm', '@angular/*', 'pg', ...nodeBuiltins],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*', '@nestjs/core'],
            },
            {
              sourceTag: 'scope:admin',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                '@temporalio/*',
                'pg',
                ...nodeBuiltins,
              ],
            },
            {
              sourceTag: 'scope:outbound',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*', '@nestjs/*', 'typeorm'],
            },
            {
              sourceTag: 'scope:worker',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'type:workflows',
                'type:data-access',
                'scope:outbound',
              ],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'type:workflows',
                'type:data-access',
                'scope:outbound',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
    },
  },
  {
    // Configuration is parsed once by each app's config module (STYLE.md 3.11).
    files: ['apps/api/src/**/*.ts', 'apps/temporal-worker/src/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/config/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through config/' },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox; shared code also runs in browsers.
    files: ['libs/workflows/src/**/*.ts', 'libs/shared/src/**/*.ts', 'apps/admin/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({
            name,
            message: 'Node built-ins are banned here',
          })),
          patterns: [{ group: ['node:*'], message: 'Node built-ins are banned here' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The end-to-end harness starts the API and the worker in-process on purpose, so it
    // imports both apps; no production code may do that.
    files: [
      'tools/testing/**/*.ts',
      'bench/**/*.ts',
      'apps/api-e2e/**/*.ts',
      'apps/admin-e2e/**/*.ts',
    ],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/admin/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
    },
  },
  {
    files: ['apps/admin/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  prettier,
);
