// Type-aware checks that a Promise is never dropped or used as a value: every repository and feature
// is async, and a missing `await` compiles. Separate from eslint.config.js because type information
// makes it slow (about a minute); `npm run lint:promises`, run by .ci/run.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'data/**', 'coverage/**', 'src/web/public/**', 'h5/**'] },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    // Only the promise rules run here: the disable directives for eslint.config.js's rules are not unused.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
