import { cluster, pairOf, type RefRules } from '../../support/union-find.js';

/** A link as the model keeps it, ends in key order. */
export interface ModelLink {
  readonly a: string;
  readonly b: string;
  confidence: number;
  active: boolean;
  firstSeen: string;
  lastSeen: string;
  /** Write order: links are numbered as they are first written. */
  seq: number;
}

/** One link row of an ingest batch. */
export interface LinkRow {
  readonly a: string;
  readonly b: string;
  readonly confidence: number;
  readonly firstSeen: string;
  /** Defaults to `firstSeen`. */
  readonly lastSeen?: string;
  readonly active: boolean;
  /**
   * observe: keep the highest confidence, any active observation activates; mapping: MERGE
   * INTO, from a row with a later lastSeen only. Either way first seen is the earliest.
   */
  readonly mode: 'observe' | 'mapping';
}

/**
 * The identity graph as the specification describes it, in memory: identifiers with their
 * earliest sighting, one link per pair, and persons computed by the reference union-find.
 */
export class IdentityModel {
  readonly identifiers = new Map<
    string,
    { key: string; type: string; firstSeen: string; quarantined: boolean }
  >();
  readonly links = new Map<string, ModelLink>();
  private written = 0;

  /** `supernodeLimit`: an identifier with more active links is quarantined when a batch links it. */
  constructor(
    readonly rules: RefRules,
    readonly supernodeLimit = Number.POSITIVE_INFINITY,
  ) {}

  /** One ingest batch: its identifiers and link ends, then its links, one row per pair. */
  ingest(ids: readonly { key: string; seenAt: string }[], rows: readonly LinkRow[]): void {
    const seen = new Map<string, string>();
    const see = (key: string, at: string) => {
      const known = seen.get(key);
      if (known === undefined || at < known) seen.set(key, at);
    };
    for (const id of ids) see(id.key, id.seenAt);
    const batch = new Map<string, Omit<ModelLink, 'seq'> & { mode: LinkRow['mode'] }>();
    for (const row of rows) {
      see(row.a, row.firstSeen);
      see(row.b, row.firstSeen);
      const pair = pairOf(row.a, row.b).join('\u0000');
      const [a, b] = pairOf(row.a, row.b);
      const next = { ...row, a, b, lastSeen: row.lastSeen ?? row.firstSeen };
      const known = batch.get(pair);
      batch.set(pair, known ? { ...known, ...apply(known, next) } : next);
    }
    for (const [key, at] of seen) {
      const known = this.identifiers.get(key);
      if (!known)
        this.identifiers.set(key, { key, type: typeOf(key), firstSeen: at, quarantined: false });
      else if (at < known.firstSeen) known.firstSeen = at;
    }
    for (const [pair, row] of batch) {
      const link = this.links.get(pair);
      const { mode: _, ...fresh } = row;
      this.links.set(pair, link ? apply(link, row) : { ...fresh, seq: ++this.written });
    }
    for (const row of batch.values()) {
      for (const key of [row.a, row.b]) {
        const id = this.identifiers.get(key);
        if (id && !id.quarantined && this.degree(key) > this.supernodeLimit) id.quarantined = true;
      }
    }
  }

  /**
   * Takes the write order the graph gave its links (concurrent writers number their links in
   * the order they reach the counter, which the model cannot know).
   */
  adoptWriteOrder(seqOf: (pair: string) => number | undefined): void {
    for (const [pair, link] of this.links) link.seq = seqOf(pair) ?? link.seq;
  }

  /** Active links of an identifier. */
  degree(key: string): number {
    return [...this.links.values()].filter((l) => l.active && (l.a === key || l.b === key)).length;
  }

  /** A steward unlink; false when there is no such link. */
  unlink(a: string, b: string): boolean {
    const link = this.links.get(pairOf(a, b).join('\u0000'));
    if (!link) return false;
    link.active = false;
    return true;
  }

  clustering() {
    return cluster([...this.identifiers.values()], [...this.links.values()], this.rules);
  }

  /** Everything the model knows, as one comparable string. */
  state(): string {
    const ids = [...this.identifiers.values()].sort((x, y) => (x.key < y.key ? -1 : 1));
    // last seen only decides which mapping row wins; a replay may move it (now-stamped rows);
    // the write order is history, not content
    const links = [...this.links.entries()]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([pair, { lastSeen: _, seq: __, ...link }]) => [pair, link]);
    return JSON.stringify({ ids, links });
  }
}

/** A link after one more row of a pair, written as upsert-links.cypher writes it. */
function apply<L extends Omit<ModelLink, 'seq'>>(
  link: L,
  row: Omit<ModelLink, 'seq'> & { mode: LinkRow['mode'] },
): L {
  const firstSeen = row.firstSeen < link.firstSeen ? row.firstSeen : link.firstSeen;
  if (row.mode === 'mapping')
    return row.lastSeen > link.lastSeen
      ? {
          ...link,
          confidence: row.confidence,
          active: row.active,
          lastSeen: row.lastSeen,
          firstSeen,
        }
      : { ...link, firstSeen };
  return {
    ...link,
    confidence: Math.max(link.confidence, row.confidence),
    active: link.active || row.active,
    firstSeen,
    lastSeen: row.lastSeen > link.lastSeen ? row.lastSeen : link.lastSeen,
  };
}

export function typeOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}
