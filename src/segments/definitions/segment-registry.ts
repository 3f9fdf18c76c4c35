import { log } from '../../log/logger.js';
import type { Gateway, Tx } from '../../neo4j/gateway.js';
import type { PurchaseSummary, Rfm } from '../../rfm/summary.js';
import type { TaggedPerson, Tagger } from '../../rfm/tags.js';
import type { ScoreScales } from '../facts/score-scales.js';
import { summaryFacts } from '../facts/summary-facts.js';
import { defaultDefinitions, type SegmentSettings } from './default-definitions.js';
import type { SegmentDefinition } from './segment-definition.js';
import { SegmentDefinitions } from './segment-definitions.js';

/**
 * The saved segments of this process: the graph's definitions, compiled. A graph that never had
 * any gets the configured defaults (the RFM group, "High Value") once. Every process reloads
 * them when the change feed says a definition changed. It is also the tagger of the RFM views:
 * a person's segment and tags come from the current definitions.
 */
export class SegmentRegistry implements Tagger {
  private defs: SegmentDefinitions;
  private loading: Promise<void> | undefined;
  /** The quintile scales score rules read (the segment maintenance keeps them). */
  scales: () => ScoreScales | undefined = () => undefined;

  constructor(
    private readonly db: Gateway,
    private readonly defaults: SegmentSettings,
  ) {
    this.defs = new SegmentDefinitions(defaultDefinitions(defaults, ''));
  }

  get current(): SegmentDefinitions {
    return this.defs;
  }

  /** Loads the definitions once (seeding an empty graph); later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.reload().then(
      () => undefined,
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Reads the definitions again (after a change in the feed). */
  async reload(): Promise<SegmentDefinitions> {
    let rows = await this.db.readQuery<SegmentDefinition>('segments/list-segments');
    if (rows.length === 0) {
      await this.db.writeQuery('segments/seed-segments', {
        segments: defaultDefinitions(this.defaults, '').map((d) => ({
          name: d.name,
          kind: d.kind,
          definition: d.definition,
          group: d.group,
          rank: d.rank,
          description: d.description,
        })),
        now: new Date().toISOString(),
      });
      rows = await this.db.readQuery<SegmentDefinition>('segments/list-segments');
    }
    this.defs = compileLeniently(rows);
    return this.defs;
  }

  /** The definitions as stored now, read in `tx` (to validate a change against). */
  async inTx(tx: Tx): Promise<SegmentDefinition[]> {
    return tx.run<SegmentDefinition>('segments/list-segments', {});
  }

  /** What the stored bitmaps were built from: every definition and its version. */
  fingerprint(): string {
    return JSON.stringify(this.defs.definitions.map((d) => [d.name, d.version]));
  }

  tagsOf(s: PurchaseSummary, rfm: Rfm | null, asOf: string): TaggedPerson {
    return this.defs.tagsOf(summaryFacts(s, rfm, asOf, this.scales()));
  }
}

/**
 * Compiles stored definitions; a set that does not compile (two processes changed segments at
 * once into a cycle) keeps every definition that does, and logs the ones left out.
 */
function compileLeniently(rows: readonly SegmentDefinition[]): SegmentDefinitions {
  let kept = [...rows];
  for (;;) {
    try {
      return new SegmentDefinitions(kept);
    } catch (error) {
      const segment = (error as { details?: { segment?: string } }).details?.segment;
      if (segment === undefined || !kept.some((d) => d.name === segment)) throw error;
      log.error({ err: error, segment }, 'A saved segment does not compile; it is left out');
      kept = kept.filter((d) => d.name !== segment);
    }
  }
}

/** A fixed set of definitions as a tagger (no scales: score rules are false). */
export function taggerOf(defs: SegmentDefinitions): Tagger {
  return { tagsOf: (s, rfm, asOf) => defs.tagsOf(summaryFacts(s, rfm, asOf, undefined)) };
}
