import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries of Lambda code, one rule set per layer (flat config: a later `no-restricted-imports` replaces an
 * earlier one for the same file, so each layer lists every pattern it forbids):
 * - no local-cloud or CDK code in a Lambda; no zod namespace object `{ z }` (it keeps zod's locales, ~258 KiB);
 *   no `#platform/clients` barrel (it loads every SDK client: import the one `#platform/clients/<name>` you use);
 * - only functions/composition (and the adapters themselves) import `#adapters/*`: handlers and services reach
 *   adapters through the per-use-case wiring;
 * - domain code is pure: no SDK, no Redis, no I/O;
 * - no DynamoDB SDK package at run time (types only).
 * Tests, benchmarks and the local cloud may import adapters (they build their own ports around the same wiring).
 */
function lambdaBoundaries() {
  const lambda = [{ group: ['**/local/**', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'Lambda code must not import local-cloud or CDK code.' }];
  const paths = [{ name: '#platform/clients', message: 'Import the one client module you use (#platform/clients/dynamo, …) so the bundle loads no other SDK client.' }];
  const adapters = { group: ['#adapters/*', '**/adapters/**'], message: 'Only functions/composition wires adapters; depend on a port and take it from #composition/*.' };
  const impure = { group: ['@aws-sdk/*', 'ioredis', '#platform/*', '#platform/clients/*', 'node:fs', 'node:http', '#composition/*'], message: 'Domain code is pure and knows no HTTP: put I/O in an adapter behind a port; errors come from #domain/errors.' };
  const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns: [...lambda, ...patterns] }] });
  const zodLocales = {
    selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
    message: "Use `import * as z from 'zod'`: the `z` namespace object keeps every zod locale in the bundle.",
  };
  // Types from the DynamoDB SDK packages are fine; loading them is what the signed client (clients/dynamo-json-client.ts) saves.
  const dynamoSdk = {
    paths: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'].map((name) => ({ name, allowTypeImports: true, message: 'Send through #platform/clients/dynamo (commands in #platform/clients/dynamo-commands): the SDK costs every cold start ~100 ms.' })),
  };
  return [
    { files: ['functions/**/*.ts'], rules: { ...rule(adapters), 'no-restricted-syntax': ['error', zodLocales], '@typescript-eslint/no-restricted-imports': ['error', dynamoSdk] } },
    { files: ['functions/composition/**/*.ts', 'functions/adapters/**/*.ts'], rules: rule() },
    { files: ['functions/domain/**/*.ts'], rules: rule(adapters, impure) },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'cdk.out.*/', 'load/reports/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', WebSocket: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', performance: 'readonly', document: 'readonly', window: 'readonly', localStorage: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'load/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...lambdaBoundaries(),
);
