// Layering is enforced here: shared/ is pure, the engine never imports electron,
// the renderer only reaches the engine through the typed contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'zlib', 'http', 'url',
  'util', 'events', 'buffer', 'readline', 'net', 'module', 'process', 'assert', 'v8', 'timers',
];
const nodeBuiltinPatterns = NODE_BUILTINS.flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`]);
// What ships never imports test code, so the test harness cannot end up in a package.
const noTestImports = { group: ['**/test/**'], message: 'Product code must not import test code (the test harness never ships).' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'native/', '.bench/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is pure TypeScript.' }],
        patterns: [
          { group: nodeBuiltinPatterns, message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'better-sqlite3', 'exceljs'], message: 'shared/ must not depend on other layers or runtime libraries.' },
          noTestImports,
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The engine and CLI run without Electron.' }],
        patterns: [
          { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The engine must not depend on the shell or the UI.' },
          noTestImports,
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the engine only through the contract.' }],
        patterns: [
          { group: nodeBuiltinPatterns, message: 'The renderer runs sandboxed: no Node built-ins.' },
          { group: ['**/electron/**', 'better-sqlite3', 'exceljs'], message: 'The renderer talks to the engine only through the contract.' },
          noTestImports,
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/engine/**', 'better-sqlite3'], message: 'The preload only bridges the contract.' }, noTestImports],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noTestImports] }],
    },
  },
);
