import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compact, QueryRegistry } from '../../src/neo4j/query-registry.js';
import { projectRoot } from '../../src/paths.js';

describe('the Cypher registry', () => {
  it('sends queries without comments or indentation, keeping statement separators', () => {
    expect(compact('// header\n// Params: $x\nMATCH (n)\n  WHERE n.x = $x\n;\nRETURN 1\n')).toBe(
      'MATCH (n)\nWHERE n.x = $x\n;\nRETURN 1',
    );
  });

  it('keeps every service query within one 1,400-byte Bolt chunk (with room for parameters)', () => {
    const registry = new QueryRegistry(join(projectRoot, 'cypher'));
    const long = registry
      .names()
      .filter((name) => !name.startsWith('schema/') && !name.startsWith('bench/'))
      .map((name) => ({ name, bytes: Buffer.byteLength(registry.get(name)) }))
      .filter((q) => q.bytes > 1250);
    expect(long).toEqual([]);
  });

  it('fails loudly on a missing query', () => {
    expect(() =>
      new QueryRegistry(join(projectRoot, 'cypher')).get('identity/no-such-query'),
    ).toThrow('No Cypher file cypher/identity/no-such-query.cypher');
  });
});
