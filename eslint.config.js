import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.bank-data/',
      'test-results/',
      'playwright-report/',
      'e2e-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // noUncheckedIndexedAccess makes every index possibly undefined; `!` is how code states it is not.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // No runtime import circle in the product: a module of a circle runs before what it imports
    // is initialised, and a circle is two concerns that could not be told apart. Type-only imports
    // are erased before run time and do not count.
    files: ['main/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'shared/**/*.ts', 'simulator/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // The modules to parse for their imports are the TypeScript ones, named with their extension.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The browser shell's bridge script (served as is, no build step).
    files: ['main/browser-shell/bridge-client.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        WebSocket: 'readonly',
        document: 'readonly',
        location: 'readonly',
      },
    },
  },
  {
    // The QA console's small browser script (served as is, no build step).
    files: ['simulator/qa/console.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        fetch: 'readonly',
        location: 'readonly',
        confirm: 'readonly',
        FormData: 'readonly',
        setInterval: 'readonly',
      },
    },
  },
  {
    // The partner demo's reveal script (served as is, no build step).
    files: ['simulator/partner-demo/reveal.js'],
    languageOptions: { globals: { document: 'readonly', fetch: 'readonly', window: 'readonly' } },
  },
  {
    // The architecture's boundaries: the renderer never reaches into main or the simulator, and only
    // main/electron/ may import Electron.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/main/**', '**/simulator/**', 'electron'] }],
    },
  },
  {
    files: ['simulator/**', 'shared/**', 'test/**', 'main/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'] }],
    },
  },
  {
    // The desktop app's settings are read and validated in one place (main/app-config.ts): a shell
    // or the core reading the environment itself would skip the validation.
    files: ['main/**'],
    ignores: ['main/app-config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through main/app-config.ts (validated once at start), not process.env.',
        },
      ],
    },
  },
);
