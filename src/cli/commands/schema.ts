import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraphqlSchema, printSortedSchema } from '../../graphql/schema.js';
import { projectRoot } from '../../paths.js';
import { complain, print } from '../output.js';

export const schemaFile = join(projectRoot, 'schema', 'schema.graphql');

/** oneid schema emit|check */
export async function run(args: string[]): Promise<number> {
  const sdl = printSortedSchema(await buildGraphqlSchema());
  if (args[0] === 'emit') {
    writeFileSync(schemaFile, sdl);
    print(`Wrote ${schemaFile}`);
    return 0;
  }
  if (args[0] === 'check') {
    const committed = readFileSync(schemaFile, 'utf8');
    if (committed === sdl) return 0;
    complain(`${schemaFile} is out of date: run npm run schema:emit`);
    return 1;
  }
  complain('Usage: oneid schema emit|check');
  return 64;
}
