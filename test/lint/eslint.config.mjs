// Lint: the architecture's import rule (arrows point inward) plus a size budget.
// Run from the project root: eslint -c test/lint/eslint.config.mjs src test
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/extension/ may import vscode.' };
const nodeBuiltins = { group: ['node:*'], message: 'src/core and src/protocol are pure: no node:* imports, no I/O.' };
const outerLayers = (from) => ({
  group: ['**/git/**', '**/app/**', '**/cli/**', '**/extension/**', '**/webview/**', 'simple-git'].filter((g) => !g.includes(from)),
  message: 'Arrows point inward: core ← git ← app ← {cli, extension}; webview → protocol.',
});

export default [
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/harness/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [noVscode] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // the only places that may import vscode: the extension, its tests and its bench in a real VS Code
    files: ['src/extension/**/*.ts', 'test/host/**/*.ts', 'test/bench/host/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [nodeBuiltins, outerLayers('core')] }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'document', 'window'],
    },
  },
  {
    files: ['src/git/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/app/**', '**/cli/**', '**/extension/**', '**/webview/**'], message: 'git depends on core only.' }],
      }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/cli/**', '**/extension/**', '**/webview/**'], message: 'app knows neither the CLI nor the editor.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'The CLI never imports the extension.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [nodeBuiltins, { group: ['**/git/**', '**/app/**', '**/cli/**', '**/extension/**', 'simple-git'], message: 'The webview imports protocol and core types only.' }],
      }],
    },
  },
];
