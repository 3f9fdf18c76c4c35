import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraphqlSchema, printSortedSchema } from '../../src/graphql/schema.js';
import { projectRoot } from '../../src/paths.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(join(projectRoot, 'schema', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(await buildGraphqlSchema())).toBe(committed);
  });
});
