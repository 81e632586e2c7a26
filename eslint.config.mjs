// Layering is enforced here (tested by test/integration/lint/layering.test.ts):
// - shared/ is pure: it imports zod and itself, nothing else;
// - the CLI and the API handlers reach the engine only through feature services, the engagement
//   handle and the engine's errors; engine features meet each other the same way;
// - the engine never imports Electron, the shell, the UI or the CLI;
// - the main process reaches the engine only through the engine host's client (no SQLite there);
// - the preload bridges the contract and nothing else; the renderer talks only through the contract;
// - nothing that ships imports test code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
/** Any Node built-in, with or without `node:`, and its subpaths ('fs/promises'). */
const NODE_BUILTIN = `(?:node:)?(?:${NODE_BUILTINS.map(escape).join('|')})(?:/.*)?`;
// 'node:*' also covers the modules only reachable with the scheme (node:test, node:sqlite).
const nodeBuiltinPatterns = ['node:*', ...NODE_BUILTINS.flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`])];
// What ships never imports test code, so the test harness cannot end up in a package.
const noTestImports = { group: ['**/test/**'], message: 'Product code must not import test code (the test harness never ships).' };

/** Every folder of the project below `root` (and `root` itself), as posix paths from the project root. */
function foldersUnder(root) {
  const below = fs.readdirSync(path.join(ROOT, root), { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [root, ...below.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))];
}

/**
 * How a file in folder `from` writes a relative import of `target`: a folder (`shared/**`, any
 * module below it) or one module, where `*` stands for one path segment (`electron/engine/*\/service`).
 */
function relativeImport(from, target) {
  if (target.endsWith('/**')) {
    const folder = target.slice(0, -3);
    const inside = from === folder || from.startsWith(`${folder}/`);
    if (!inside) return `${escape(path.posix.relative(from, folder))}/(?!\\.\\./).+`;
    const depth = from === folder ? 0 : from.slice(folder.length + 1).split('/').length;
    return depth === 0 ? '\\./(?!\\.\\./).+' : `(?:\\./|(?:\\.\\./){1,${depth}})(?!\\.\\./).+`;
  }
  const relative = path.posix.relative(from, target);
  return escape(relative.startsWith('.') ? relative : `./${relative}`).replace(/\\\*/g, '[^/]+');
}

/**
 * `no-restricted-imports` as an allow-list, one config block per folder (a relative import is
 * written differently from each): an import is refused unless it is one of `packages` or a
 * relative path to one of `targets`. Imports of test code are left to noTestImports, which says why.
 */
function allowList(root, { packages = [], targets, message }) {
  return foldersUnder(root).map((folder) => {
    const allowed = [...packages, ...targets.map((target) => relativeImport(folder, target))];
    return {
      files: [`${folder}/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [{ regex: `^(?!(?:${allowed.join('|')})$)(?!(?:\\.\\./)+test/)`, message }, noTestImports],
        }],
      },
    };
  });
}

/** Everywhere in the engine: no Electron, shell, UI or CLI. */
const ENGINE_RESTRICTIONS = {
  paths: [{ name: 'electron', message: 'The engine runs without Electron.' }],
  patterns: [
    { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'], message: 'The engine must not depend on the shell, the UI or the CLI.' },
    noTestImports,
  ],
};

/** The engine's features: the folders with a service module, their only entry. */
const FEATURES = fs.readdirSync(path.join(ROOT, 'electron/engine'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(ROOT, 'electron/engine', entry.name, 'service.ts')))
  .map((entry) => entry.name);
/** What a front door (CLI, API handlers) or another feature may use of a feature. */
const FEATURE_ENTRIES = ['electron/engine/*/service', 'electron/engine/engagement/handle', 'electron/engine/errors'];
const FRONT_DOOR_MESSAGE = 'The CLI and the API handlers use only feature services (electron/engine/<feature>/service), the engagement handle, the engine errors and shared/.';

/** Within a feature, other features are reached only through their service (or the engagement handle). */
function featuresMeetThroughServices() {
  return FEATURES.flatMap((feature) => foldersUnder(`electron/engine/${feature}`).map((folder) => {
    const others = FEATURES.filter((other) => other !== feature)
      .map((other) => `${escape(path.posix.relative(folder, `electron/engine/${other}`))}/(?!service$|handle$).+`);
    return {
      files: [`${folder}/*.ts`],
      rules: {
        'no-restricted-imports': ['error', {
          ...ENGINE_RESTRICTIONS,
          patterns: [...ENGINE_RESTRICTIONS.patterns, { regex: `^(?:${others.join('|')})$`, message: 'Features use each other only through their service module (or the engagement handle).' }],
        }],
      },
    };
  }));
}

/** Attributes whose text a person reads or hears (and props named for text: runningLabel, cancelledMessage…): they come from the catalogue too. */
const UI_TEXT_ATTRIBUTE_NAMES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label', 'summary', 'blockedBy']);
const UI_TEXT_ATTRIBUTES = { has: (name) => typeof name === 'string' && (UI_TEXT_ATTRIBUTE_NAMES.has(name) || /(Label|Message|Text|Title|Hint)$/.test(name)) };
const HAS_WORDS = /[A-Za-z]/;

/**
 * All UI text lives in the message catalogue (shared/messages.ts), so a translation is one
 * more object of its type: text written straight into JSX elsewhere in the renderer is refused,
 * as a child ('Save'), a choice shown as a child ({busy ? 'Saving…' : 'Save'}), a UI attribute, an
 * error's message or a dialog's question.
 */
const uiText = {
  rules: {
    'no-literal-text': {
      meta: { type: 'problem', schema: [], messages: { literal: 'UI text belongs in the message catalogue (shared/messages.ts): “{{text}}”.' } },
      create(context) {
        const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 60) } });
        /** Literal text in an expression that JSX shows: through parentheses, conditionals and && / || / ??. */
        const checkShown = (node) => {
          if (!node) return;
          if (node.type === 'Literal' && typeof node.value === 'string' && HAS_WORDS.test(node.value)) report(node, node.value);
          else if (node.type === 'TemplateLiteral' && node.quasis.some((quasi) => HAS_WORDS.test(quasi.value.cooked ?? ''))) report(node, node.quasis.map((quasi) => quasi.value.cooked).join('…'));
          else if (node.type === 'ConditionalExpression') { checkShown(node.consequent); checkShown(node.alternate); }
          else if (node.type === 'LogicalExpression') checkShown(node.right);
        };
        return {
          JSXText(node) {
            if (HAS_WORDS.test(node.value)) report(node, node.value);
          },
          JSXExpressionContainer(node) {
            const parent = node.parent;
            if (parent.type === 'JSXElement' || parent.type === 'JSXFragment') checkShown(node.expression);
            else if (parent.type === 'JSXAttribute' && UI_TEXT_ATTRIBUTES.has(parent.name.name)) checkShown(node.expression);
          },
          JSXAttribute(node) {
            if (UI_TEXT_ATTRIBUTES.has(node.name.name) && node.value?.type === 'Literal' && typeof node.value.value === 'string' && HAS_WORDS.test(node.value.value)) report(node.value, node.value.value);
          },
          // An error's message and a dialog's question reach the user too (errors are shown in alerts).
          NewExpression(node) {
            if (node.callee.type === 'Identifier' && node.callee.name === 'Error') checkShown(node.arguments[0]);
          },
          CallExpression(node) {
            const { callee } = node;
            if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'window' && ['alert', 'confirm', 'prompt'].includes(callee.property.name)) checkShown(node.arguments[0]);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'native/', '.bench/', 'test-results/', '.stryker-tmp/', 'reports/'] },
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
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'] },
  },
  ...allowList('shared', { packages: ['zod'], targets: ['shared/**'], message: 'shared/ is pure TypeScript: it imports only zod and shared/ itself.' }),
  { files: ['electron/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', ENGINE_RESTRICTIONS] } },
  ...featuresMeetThroughServices(),
  ...allowList('electron/engine/api', { packages: [NODE_BUILTIN], targets: ['electron/engine/api/**', ...FEATURE_ENTRIES, 'shared/**'], message: FRONT_DOOR_MESSAGE }),
  ...allowList('electron/cli', { packages: ['commander', NODE_BUILTIN], targets: ['electron/cli/**', ...FEATURE_ENTRIES, 'electron/web/serve', 'shared/**'], message: FRONT_DOOR_MESSAGE }),
  ...allowList('electron/web', {
    packages: [NODE_BUILTIN],
    targets: ['electron/web/**', 'electron/engine/host/client', 'electron/engine/api/host', 'electron/main/drop-guard', 'electron/main/log-file', 'electron/main/protocol-request', 'electron/main/trust', 'shared/**'],
    message: 'Browser mode reaches the engine only through its host (electron/engine/host/client), like the main process, and shares its Electron-free checks.',
  }),
  ...allowList('electron/main', {
    packages: ['electron', NODE_BUILTIN],
    targets: ['electron/main/**', 'electron/engine/host/client', 'electron/engine/api/host', 'shared/**'],
    message: 'The main process reaches the engine only through its host (electron/engine/host/client): no SQLite and no user files on this thread.',
  }),
  ...allowList('electron/preload', { packages: ['electron'], targets: ['electron/preload/**', 'shared/**'], message: 'The preload only bridges the contract: electron and shared/, never main, the engine or the CLI.' }),
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
    files: ['renderer/src/**/*.tsx'],
    plugins: { 'ui-text': uiText },
    rules: { 'ui-text/no-literal-text': 'error' },
  },
);
