import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The text sent to the server: full-line comments dropped, lines trimmed and joined, so the
 * documentation in the files costs no bytes on the wire. Statement separators (a line holding
 * only ";") are kept.
 */
export function compact(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}

/**
 * All Cypher of the service, read once from `cypher/<domain>/<verb-noun>.cypher` and
 * addressed by name (`identity/merge-identifiers`). A missing name fails loudly.
 * Files may hold several statements separated by lines that are exactly `;`
 * (used for schema files); `statements(name)` returns them split.
 */
export class QueryRegistry {
  private readonly texts = new Map<string, string>();

  constructor(readonly dir: string) {
    for (const file of walk(dir)) {
      if (!file.endsWith('.cypher')) continue;
      const name = relative(dir, file)
        .split(sep)
        .join('/')
        .replace(/\.cypher$/, '');
      this.texts.set(name, compact(readFileSync(file, 'utf8')));
    }
  }

  get(name: string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`No Cypher file cypher/${name}.cypher`);
    return text;
  }

  statements(name: string): string[] {
    return this.get(name)
      .split(/^\s*;\s*$/m)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  names(): string[] {
    return [...this.texts.keys()].sort();
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
