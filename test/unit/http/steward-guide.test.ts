import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compact } from '../../../src/neo4j/query-registry.js';
import { projectRoot } from '../../../src/paths.js';
import { stewardGuide } from '../../../src/http/steward/steward-guide.js';
import {
  parseStewardQuery,
  readStewardQueries,
} from '../../../src/http/steward/steward-queries.js';

const dir = join(projectRoot, 'cypher', 'steward');
const files = readdirSync(dir).filter((f) => f.endsWith('.cypher'));
const queries = readStewardQueries(dir);
const guide = stewardGuide(queries, 'http://127.0.0.1:4000/steward/style.grass');

/** What Neo4j Browser runs from each runnable block: its text content. */
const runnables = [...guide.matchAll(/<pre class="[^"]*\brunnable\b[^"]*">([\s\S]*?)<\/pre>/g)].map(
  (m) => (m[1] as string).replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
);

describe('the Neo4j Browser guide for stewards', () => {
  it('starts with applying the style from the service', () => {
    expect(runnables[0]).toBe(':style http://127.0.0.1:4000/steward/style.grass');
  });

  it('runs every file of cypher/steward/ exactly as the file holds it', () => {
    expect(queries.map((q) => `${q.name}.cypher`).sort()).toEqual([...files].sort());
    for (const file of files) {
      const statement = compact(readFileSync(join(dir, file), 'utf8'));
      expect(runnables.map(compact), file).toContain(statement);
    }
  });

  it("sets every parameter a query uses, before the query, from the file's header", () => {
    for (const query of queries) {
      const used = new Set([...query.cypher.matchAll(/\$(\w+)/g)].map((m) => m[1]));
      const set = query.params.map((p) => /^:param (\w+) =>/.exec(p)?.[1]);
      expect(new Set(set), query.name).toEqual(used);
      const at = runnables.indexOf(query.cypher);
      expect(runnables.slice(at - query.params.length, at), query.name).toEqual(query.params);
    }
  });

  it('puts the person cluster first: the query a steward starts from', () => {
    expect(queries[0]?.name).toBe('person-cluster');
    expect(queries[0]?.params).toEqual([":param key => 'member_id:MBR001'"]);
  });

  it('keeps header prose as the description and drops the params lines', () => {
    const query = parseStewardQuery(
      'x',
      "// Shows a thing.\n// In Neo4j Browser first run:   :param key => 'a'\n// Params: $key\nMATCH (n {key: $key})\nRETURN n\n",
    );
    expect(query).toEqual({
      name: 'x',
      description: 'Shows a thing.',
      params: [":param key => 'a'"],
      cypher: 'MATCH (n {key: $key})\nRETURN n',
    });
  });

  it('escapes Cypher arrows so the HTML keeps them as text', () => {
    expect(guide).toContain('&lt;-[:BELONGS_TO]-');
    expect(guide).not.toMatch(/<-\[/);
  });
});
