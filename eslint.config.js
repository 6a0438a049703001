import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'worker_threads', 'module'];

/** The three rings (DESIGN.md): renderer → shared ← main. A wrong import fails lint, and so CI. */
const ringRule = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ringRule(
        ['**/main/**', '../main', '../../main', ...NODE_BUILTINS, 'electron', 'better-sqlite3', 'ws'],
        'renderer/ may import only shared/ and its own files: no main/, no Node built-ins, no Electron.',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ringRule(
        ['**/main/**', '**/renderer/**', ...NODE_BUILTINS, 'electron', 'better-sqlite3', 'ws', 'react', 'zustand'],
        'shared/ is the pure contract: it imports neither main/, renderer/, Node nor Electron.',
      ),
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ringRule(['**/renderer/**', 'electron'], "main/ never imports renderer/; only main/electron/ imports 'electron'."),
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ringRule(['**/renderer/**'], 'main/ never imports renderer/.'),
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
