import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import direction between the folders of src/ (the README's layering), enforced with core
 * `no-restricted-imports`. graphql/, http/ and cli/ are the top and may import anything. The
 * patterns match relative specifiers (`../ingest/x.js`, `../../ingest/x.js`), which is how
 * src/ imports src/. Each file matches exactly one block below: a later block would replace
 * the rule's options, not add to them. log/ (the process log, request ids) is a leaf that every
 * folder may import.
 */
const DOMAINS = ['identity', 'crm', 'events', 'purchases', 'rfm', 'segments'];
const TOP = ['graphql', 'http', 'cli'];
const ALL = [...TOP, 'ingest', 'local', ...DOMAINS, 'neo4j', 'rows'];
const LAYERS = [
  {
    what: 'A domain',
    folders: DOMAINS,
    forbidden: [...TOP, 'ingest', 'local', 'app'],
    why: 'domains never import graphql/, http/, cli/, local/ or app.ts; ingest/ orchestrates them, so no domain imports it (row parsing is in rows/)',
  },
  {
    what: 'ingest/',
    folders: ['ingest'],
    forbidden: [...TOP, 'local'],
    why: 'ingest/ is below graphql/, http/ and cli/ and starts no servers',
  },
  {
    what: 'neo4j/',
    folders: ['neo4j'],
    forbidden: ALL.filter((f) => f !== 'neo4j' && f !== 'rows').concat('app'),
    why: 'the gateway imports no domain, no ingest/, local/, cli/ or anything above',
  },
  {
    what: 'local/',
    folders: ['local'],
    forbidden: ALL.filter((f) => f !== 'local').concat('app'),
    why: 'provisioning of local servers depends on config and paths only',
  },
  {
    what: 'log/',
    folders: ['log'],
    forbidden: [...ALL, 'app'],
    why: 'log/ is a leaf every layer may import: it imports only the base files',
  },
  {
    what: 'rows/',
    folders: ['rows'],
    forbidden: ALL.filter((f) => f !== 'rows').concat('app'),
    why: 'rows/ is a leaf: it imports only the base files (dates, errors, input-limits)',
  },
];

const restrict = (prefix, targets, message) => [
  'error',
  {
    patterns: [
      {
        regex: `^${prefix}(${targets.join('|')})(/|\\.js$)`,
        message,
      },
    ],
  },
];

const importDirection = [
  ...LAYERS.map(({ what, folders, forbidden, why }) => ({
    files: folders.map((f) => `src/${f}/**/*.ts`),
    rules: {
      'no-restricted-imports': restrict(
        '(\\.\\./)+',
        forbidden,
        `${what} may not import this: ${why}.`,
      ),
    },
  })),
  {
    files: [
      'src/config.ts',
      'src/dates.ts',
      'src/env-schema.ts',
      'src/env-values.ts',
      'src/errors.ts',
      'src/input-limits.ts',
      'src/paths.ts',
    ],
    rules: {
      'no-restricted-imports': restrict(
        '\\./',
        [...ALL, 'app'],
        'A base file may not import this: config, env-schema, env-values, dates, errors, input-limits and paths import no folder and not app.ts.',
      ),
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // src/ logs through log/logger.ts and speaks to a CLI user through cli/output.ts
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  ...importDirection,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
