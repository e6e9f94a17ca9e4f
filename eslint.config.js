// Lint: typescript-eslint's recommended rules plus the layer rules of CONVENTIONS.md, which keep
// the architecture from rotting silently (tests/unit/layers.test.ts proves each rule fires):
//   shared/    imports nothing from electron/ or renderer/, no Node built-ins, no native modules;
//   renderer/  imports only shared/ (and browser libraries): no Node, no electron, no SQLite;
//   electron/  only electron/main and electron/preload may import the `electron` module;
//              nothing on the main side imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'zlib'];
const nodeBuiltins = NODE_BUILTINS.map((name) => ({ group: [name], message: 'Node built-ins are not available here (see the layer rules in eslint.config.js).' }));

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'tests/bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // One allowlisted opener for external links (Beekeeper's rule): the raw call is banned elsewhere.
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal (electron/main/openExternal.main.ts).' },
      ],
    },
  },
  {
    files: ['electron/main/openExternal.main.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ must not import electron.' }, { name: 'better-sqlite3', message: 'shared/ must not touch SQLite.' }],
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' },
            ...nodeBuiltins,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer has no Node or Electron: call window.ringside through the client.' },
            { name: 'better-sqlite3', message: 'The renderer never sees SQL: call a service method.' },
          ],
          patterns: [{ group: ['**/electron/**'], message: 'renderer/ imports only shared/.' }, ...nodeBuiltins],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron; keep this code plain Node.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'The main side never imports renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'The main side never imports renderer/.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'The preload never imports renderer/.' },
            { regex: '^\\.\\./(?!\\.\\./shared/)', message: 'The preload imports only electron and shared/.' },
            ...nodeBuiltins,
          ],
        },
      ],
    },
  },
);
