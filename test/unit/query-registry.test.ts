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

  it('fails loudly on a missing query', () => {
    expect(() =>
      new QueryRegistry(join(projectRoot, 'cypher')).get('identity/no-such-query'),
    ).toThrow('No Cypher file cypher/identity/no-such-query.cypher');
  });
});
