import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.venv/**', '**/.data/**', '**/dist/**', '**/cdk.out/**', '**/*.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is plain logic over ports: it never reaches for an adapter, a framework or a cloud SDK.
    files: ['functions/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/apps/**', '**/lambda/**'], message: 'core must not import adapters or apps' },
            { group: ['hono', 'hono/*', '@aws-sdk/*', 'pg', 'kysely', '@electric-sql/*', '@neondatabase/*', '@qdrant/*'], message: 'core must not import frameworks or drivers' },
          ],
        },
      ],
    },
  },
);
