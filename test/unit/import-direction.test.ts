import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: projectRoot });
});

/** The no-restricted-imports messages for `code` linted as if it were the file `path`. */
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, path) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('the import direction rule in eslint.config.js', () => {
  it.each([
    ['src/identity/probe.ts', "export { RowRejected } from '../ingest/load-records.js';"],
    ['src/events/probe.ts', "export type { App } from '../app.js';"],
    ['src/segments/expression/probe.ts', "export { buildSchema } from '../../graphql/schema.js';"],
    ['src/purchases/probe.ts', "export { main } from '../cli/main.js';"],
    ['src/neo4j/probe.ts', "export { IdentityService } from '../identity/identity-service.js';"],
    ['src/neo4j/probe.ts', "export { startNeo4j } from '../local/neo4j.js';"],
    ['src/ingest/probe.ts', "export { routes } from '../http/routes.js';"],
    ['src/rows/probe.ts', "export { normalize } from '../identity/normalize.js';"],
    ['src/errors.ts', "export { createApp } from './app.js';"],
    ['src/log/probe.ts', "export { createServer } from '../http/server.js';"],
  ])('reports %s importing %s', async (path, code) => {
    expect(await restricted(path, code)).toEqual([expect.stringContaining('may not import')]);
  });

  it.each([
    ['src/identity/probe.ts', "export { RowRejected } from '../rows/row-error.js';"],
    ['src/crm/probe.ts', "export { IdentityService } from '../identity/identity-service.js';"],
    ['src/ingest/probe.ts', "export { parseAppEvent } from '../events/app-event.js';"],
    ['src/graphql/probe.ts', "export { loadFile } from '../ingest/load-file.js';"],
    ['src/rows/probe.ts', "export { preview } from '../input-limits.js';"],
    ['src/rows/probe.ts', "export { log } from '../log/logger.js';"],
    ['src/neo4j/probe.ts', "export { requestLog } from '../log/request-log.js';"],
    ['src/log/probe.ts', "export type { Config } from '../config.js';"],
  ])('allows %s importing %s', async (path, code) => {
    expect(await restricted(path, code)).toEqual([]);
  });
});
