import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const HTTP_ONLY = { group: ['**/main/*', 'node:*', 'electron'], message: 'The UI talks to the server over HTTP only.' };
const UI_ZONES = [
  {
    regex: '(^|/)app/',
    message: 'Only the shell imports features; features, lib/ and components/ui/ never import app/.',
  },
  { regex: '(^|/)features/', message: 'lib/ and components/ui/ are below the features: they never import one.' },
  {
    regex: '^\\.\\./(?!\\.\\./)',
    message: 'A feature never imports another feature; move what they share to lib/ or components/ui/.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'main/db/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // shared/ is imported by the renderer: it must stay free of Node and server code.
      'no-restricted-imports': 'off',
    },
  },
  {
    // The SDK stays inside main/mcp/, so moving to its next major version is one folder's work.
    files: ['main/**/*.ts'],
    ignores: ['main/mcp/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only main/electron/ may import Electron: the server core runs without it.' },
          ],
          patterns: [{ group: ['@modelcontextprotocol/*'], message: 'Import the MCP SDK only inside main/mcp/.' }],
        },
      ],
    },
  },
  {
    // Electron's own modules: the SDK rule still holds; importing Electron is their job.
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@modelcontextprotocol/*'], message: 'Import the MCP SDK only inside main/mcp/.' }] },
      ],
    },
  },
  {
    // One configuration (main/config/): the environment is read there once and handed on, never read or written
    // elsewhere. Tests and the Claude Desktop launcher (a program of its own, bundled without dependencies) may.
    files: ['main/**/*.ts'],
    ignores: [
      'main/config/environment.ts',
      'main/connect/claude-bundle-launcher.ts',
      'main/testing/**',
      'main/**/testing/**',
      'main/**/*.test.ts',
      'main/**/*.contract.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings from AppConfig (main/config/), not process.env.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'drizzle-orm*', '@modelcontextprotocol/*', 'electron', '../main/*', '../renderer/*'] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // The UI reaches the server only over HTTP (lib/api-client.ts); tests may start a real server.
    rules: { 'no-restricted-imports': ['error', { patterns: [HTTP_ONLY] }] },
  },
  {
    // bulletproof-react's zones: the shell (app/) composes features; a feature imports neither the shell nor another
    // feature, and lib/ and components/ui/ import neither. What two features share lives in lib/ or components/ui/.
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/lib/**/*.{ts,tsx}', 'renderer/components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [HTTP_ONLY, ...UI_ZONES] }] },
  },
  {
    files: ['renderer/testing/**', 'renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests may start a real server (main/), and still keep to the zones.
    files: ['renderer/features/**/*.test.{ts,tsx}', 'renderer/lib/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: UI_ZONES }] },
  },
  {
    // Tests read JSON answers whose shape is what they assert; typing every one adds nothing.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
