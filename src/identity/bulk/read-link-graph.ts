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
 * once (from its start node). Seeds not in the graph are ignored. A Set of seeds is read as
 * it is, without a copy (tens of millions of keys), and is not modified.
 */
export async function readLinkGraph(
  db: Gateway,
  seeds: Iterable<string>,
  opts: { pageSize?: number; concurrency?: number; onPage?: (read: number) => void } = {},
): Promise<ReadLinkGraph> {
  const pageSize = opts.pageSize ?? 10_000;
  const graph = new LinkGraph();
  let withPerson = 0;
  // Asked already: read into the graph in an earlier round (a key that was not found never
  // comes back as a link end), or in this round's frontier; so no set of every key asked.
  let frontier: ReadonlySet<string> = seeds instanceof Set ? seeds : new Set(seeds);
  while (frontier.size > 0 && withPerson === 0) {
    const keys = frontier.values();
    const nextPage = (): string[] => {
      const page: string[] = [];
      for (let k = keys.next(); !k.done; k = keys.next()) {
        page.push(k.value);
        if (page.length === pageSize) break;
      }
      return page;
    };
    const asked = frontier;
    const next = new Set<string>();
    const worker = async () => {
      for (let page = nextPage(); page.length > 0 && withPerson === 0; page = nextPage()) {
        const rows = await db.readQuery<Row>('identity/read-link-graph', { keys: page });
        let at = 0;
        for (const r of rows) {
          // the graph keeps the asked key, not the row's equal copy (rows follow the page's
          // order, a missing key giving none; out of order, the row's copy is kept)
          while (at < page.length && page[at] !== r.key) at++;
          if (at < page.length) r.key = page[at++] as string;
          graph.addIdentifier(r);
          if (r.hasPerson) withPerson++;
          for (const [other, out, confidence, active, firstSeen, seq, conflict] of r.links) {
            if (out)
              graph.addLink({ a: r.key, b: other, confidence, active, firstSeen, seq, conflict });
            if (!graph.has(other) && !asked.has(other)) next.add(other);
          }
        }
        opts.onPage?.(graph.size);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, worker));
    frontier = next;
  }
  return { graph, withPerson };
}
