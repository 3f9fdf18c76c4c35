import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One file of cypher/steward/, split into what the Neo4j Browser guide shows. */
export interface StewardQuery {
  /** The file name without `.cypher`, e.g. `person-cluster`. */
  readonly name: string;
  /** The header's prose: every `//` line that is neither a `:param` nor the `Params:` line. */
  readonly description: string;
  /** The `:param name => value` commands the header gives, in order. */
  readonly params: readonly string[];
  /** The statement, without its header. */
  readonly cypher: string;
}

/** The order the guide teaches them in; files not listed follow, by name. */
const ORDER = ['person-cluster', 'recent-changes', 'conflicts', 'largest-clusters', 'supernodes'];

const rank = (name: string) => {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
};

/** Splits a steward file: its `//` header documents it, a `:param` in a header line is a command. */
export function parseStewardQuery(name: string, text: string): StewardQuery {
  const prose: string[] = [];
  const params: string[] = [];
  const body: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('//')) {
      if (trimmed !== '') body.push(line.trimEnd());
      continue;
    }
    const comment = trimmed.replace(/^\/\/\s?/, '');
    const param = comment.indexOf(':param ');
    if (param >= 0) params.push(comment.slice(param).trim());
    else if (!comment.startsWith('Params:')) prose.push(comment.trim());
  }
  return { name, description: prose.join(' '), params, cypher: body.join('\n') };
}

/** Every `.cypher` file of `dir`, in teaching order. */
export function readStewardQueries(dir: string): StewardQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cypher'))
    .map((file) =>
      parseStewardQuery(file.slice(0, -'.cypher'.length), readFileSync(join(dir, file), 'utf8')),
    )
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
