// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import noOnlyTests from 'eslint-plugin-no-only-tests';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', '.pipeline/', 'bin/', '*.config.js']},
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {'import-x': importX, 'no-only-tests': noOnlyTests},
    rules: {
      'no-console': 'error',
      'import-x/no-cycle': 'error',
      'no-only-tests/no-only-tests': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {allowNumber: true, allowBoolean: true},
      ],
    },
  },
  {
    // node:test's test() returns a promise that the runner itself awaits.
    files: ['test/**'],
    rules: {'@typescript-eslint/no-floating-promises': 'off'},
  },
  {
    // Plain scripts that pipelines run as external programs (`command`
    // stages): outside the TypeScript project, so no type-aware rules.
    files: ['pipelines/tools/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {process: 'readonly', Buffer: 'readonly'},
    },
  },
  {
    // The log layer is the one place allowed to write to the terminal.
    files: ['runner/log/**', 'bench/**'],
    rules: {'no-console': 'off'},
  },
);
