import type { Gateway } from '../../neo4j/gateway.js';
import { LinkGraph } from './link-graph.js';

interface Row {
  key: string;
  type: string;
  firstSeen: string;
  lastSeen: string;
  quarantined: boolean;
  hasPerson: boolean;
  links: [string, boolean, number, boolean, string, number, string | null][];
}

export interface ReadLinkGraph {
  readonly graph: LinkGraph;
  /** Identifiers read that already had a person (reading stops at the first page with one). */
  readonly withPerson: number;
}

/**
 * Reads `seeds` and everything linked to them, transitively over any link, in pages of
 * `pageSize` identifiers, `concurrency` reads at a time: each identifier once, each link
 * once (from its start node). Seeds not in the graph are ignored.
 */
export async function readLinkGraph(
  db: Gateway,
  seeds: Iterable<string>,
  opts: { pageSize?: number; concurrency?: number; onPage?: (read: number) => void } = {},
): Promise<ReadLinkGraph> {
  const pageSize = opts.pageSize ?? 10_000;
  const graph = new LinkGraph();
  const asked = new Set<string>();
  let withPerson = 0;
  let frontier = [...seeds];
  while (frontier.length > 0 && withPerson === 0) {
    for (const k of frontier) asked.add(k);
    const pages: string[][] = [];
    for (let i = 0; i < frontier.length; i += pageSize) pages.push(frontier.slice(i, i + pageSize));
    const next = new Set<string>();
    let at = 0;
    const worker = async () => {
      while (at < pages.length && withPerson === 0) {
        const page = pages[at++] as string[];
        const rows = await db.readQuery<Row>('identity/read-link-graph', { keys: page });
        for (const r of rows) {
          graph.addIdentifier(r);
          if (r.hasPerson) withPerson++;
          for (const [other, out, confidence, active, firstSeen, seq, conflict] of r.links) {
            if (out)
              graph.addLink({ a: r.key, b: other, confidence, active, firstSeen, seq, conflict });
            if (!asked.has(other)) next.add(other);
          }
        }
        opts.onPage?.(graph.size);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, worker));
    frontier = [...next];
  }
  return { graph, withPerson };
}
