import { describe, expect, it } from 'vitest';
import { LinkGraph } from '../../../src/identity/bulk/link-graph.js';
import { planBackfill } from '../../../src/identity/bulk/plan-backfill.js';
import { defaultIdentifierTypes, IdentifierTypes } from '../../../src/identity/identifier-types.js';

const day = '2024-01-01T00:00:00';
const id = (key: string) => ({
  key,
  type: key.split(':')[0] as string,
  firstSeen: day,
  lastSeen: day,
  quarantined: false,
});
const link = (a: string, b: string) => ({
  a,
  b,
  confidence: 1,
  active: true,
  firstSeen: day,
  seq: 1,
  conflict: null,
});

function graph(): LinkGraph {
  const g = new LinkGraph();
  g.addLink(link('member_id:1', 'union_id:1'));
  g.addIdentifier(id('member_id:1'));
  g.addIdentifier(id('union_id:1'));
  g.addIdentifier(id('open_id:1'));
  return g;
}

describe('LinkGraph.seal', () => {
  it('keeps what the plan reads, and the plan is the same', () => {
    const opts = { types: new IdentifierTypes(defaultIdentifierTypes), threshold: 0.8 };
    const before = planBackfill(graph(), opts);
    const g = graph();
    g.seal();
    expect(g.size).toBe(3);
    expect(g.links).toBe(1);
    expect([g.keys[g.a(0)], g.keys[g.b(0)]]).toEqual(['member_id:1', 'union_id:1']);
    expect(planBackfill(g, opts)).toEqual(before);
  });

  it('refuses additions and lookups once sealed, and a graph with unread link ends', () => {
    const g = graph();
    g.seal();
    expect(() => g.has('member_id:1')).toThrow(/sealed/);
    expect(() => g.addIdentifier(id('open_id:2'))).toThrow(/sealed/);
    expect(() => g.addLink(link('open_id:1', 'member_id:1'))).toThrow(/sealed/);
    const open = new LinkGraph();
    open.addLink(link('member_id:1', 'union_id:1'));
    expect(() => open.seal()).toThrow(/never added/);
  });
});
