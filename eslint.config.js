// One flat config for the whole workspace: typescript-eslint's recommended rules plus our house rules.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The console's page script runs in the browser, as a classic script.
    files: ['console/src/**/assets/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', window: 'readonly', sessionStorage: 'readonly', fetch: 'readonly', setInterval: 'readonly', encodeURIComponent: 'readonly' },
    },
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts', 'scripts/**', '**/src/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
