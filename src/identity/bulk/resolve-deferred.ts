import { nowStamp } from '../ids.js';
import type { IdentityService } from '../identity-service.js';
import type { ReclusterResult } from '../recluster.js';
import type { DeferredIdentity } from './deferred-identity.js';
import { planBackfill } from './plan-backfill.js';
import { readLinkGraph } from './read-link-graph.js';
import { writePersons } from './write-persons.js';

/** The phases of a resolve pass, in order. */
export type ResolvePhase = 'read' | 'plan' | 'persons' | 'recluster' | 'rfm';

export interface ResolveOptions {
  /** Called when a phase starts, and with a count of items done as it goes. */
  readonly onPhase?: (phase: ResolvePhase, done?: number) => void;
  /** Seeds per re-clustering transaction when the graph already has persons. */
  readonly reclusterChunk?: number;
  readonly reason?: string;
}

export interface ResolveSummary {
  /** "backfill": persons planned at once; "recluster": the incremental re-clustering, in chunks. */
  readonly mode: 'backfill' | 'recluster' | 'none';
  readonly seeds: number;
  readonly identifiers: number;
  readonly links: number;
  readonly persons: number;
  readonly conflicts: number;
  /** Milliseconds per phase. */
  readonly ms: Partial<Record<ResolvePhase, number>>;
}

/**
 * Resolves what a deferred load (`IdentityService.defer`) left: re-clusters the identifiers
 * its writes touched, then lets the observers refresh RFM and bitmaps once for every person
 * changed. When nothing the load touched, nor anything linked to it, had a person yet (a
 * backfill), the persons are planned in one pass over the link graph (`planBackfill`) and
 * written in large batches; otherwise the touched identifiers are re-clustered as the
 * incremental path does, in chunks. Ends the deferral.
 */
export async function resolveDeferred(
  identity: IdentityService,
  deferred: DeferredIdentity,
  opts: ResolveOptions = {},
): Promise<ResolveSummary> {
  identity.undefer();
  const ms: Partial<Record<ResolvePhase, number>> = {};
  const timed = async <T>(phase: ResolvePhase, work: () => Promise<T>): Promise<T> => {
    opts.onPhase?.(phase);
    const started = performance.now();
    try {
      return await work();
    } finally {
      ms[phase] = Math.round(performance.now() - started);
    }
  };
  const reason = opts.reason ?? 'bulk load';
  const seedCount = deferred.seeds.size;
  const { db, settings } = identity;
  // the read takes the seed set as it is: one copy of tens of millions of keys
  const { graph, withPerson } = await timed('read', () =>
    readLinkGraph(db, deferred.seeds, { onPage: (n) => opts.onPhase?.('read', n) }),
  );
  const backfill = graph.size > 0 && withPerson === 0 && graph.missing().length === 0;
  // what each phase no longer needs goes before the next one: the seeds of a backfill are
  // all in the graph, and its key index is not used after the read
  const seeds = backfill ? [] : [...deferred.seeds];
  deferred.seeds.clear();
  let change: ReclusterResult;
  let mode: ResolveSummary['mode'];
  let persons = 0;
  let conflicts = 0;
  if (graph.size === 0) {
    mode = 'none';
    change = { changedPids: [], retiredPids: [], createdPids: [], conflicts: 0 };
  } else if (backfill) {
    mode = 'backfill';
    graph.seal();
    const plan = await timed('plan', async () =>
      planBackfill(graph, { types: settings.types, threshold: settings.threshold }),
    );
    const createdPids = await timed('persons', async () => {
      const [row] = await db.writeQuery<{ first: number }>('identity/allocate-pids', {
        n: plan.persons.length,
      });
      const first = row?.first ?? 1;
      await writePersons(db, graph, plan, first, {
        now: nowStamp(),
        onProgress: (n) => opts.onPhase?.('persons', n),
      });
      return Array.from({ length: plan.persons.length }, (_, i) => first + i);
    });
    persons = createdPids.length;
    conflicts = plan.conflicts.length;
    change = { changedPids: createdPids, retiredPids: [], createdPids, conflicts };
  } else {
    mode = 'recluster';
    change = await timed('recluster', async () => {
      const reclustered = await reclusterInChunks(
        identity,
        seeds,
        opts.reclusterChunk ?? 2_000,
        reason,
        (n) => opts.onPhase?.('recluster', n),
      );
      const quarantined = [...deferred.quarantined];
      return quarantined.length === 0
        ? reclustered
        : identity.db.writeTransaction(
            (tx) => identity.refreshQuarantined(tx, quarantined, reclustered),
            'identity.bulk.quarantined',
          );
    });
    persons = change.createdPids.length;
    conflicts = change.conflicts;
  }
  const retired = new Set([...change.retiredPids, ...deferred.retiredPids]);
  const changed = [...new Set([...change.changedPids, ...deferred.changedPids])]
    .filter((pid) => !retired.has(pid))
    .sort((a, b) => a - b);
  await timed('rfm', () =>
    identity.publish(
      { ...change, changedPids: changed, retiredPids: [...retired].sort((a, b) => a - b) },
      `identity.bulk:${reason}`,
    ),
  );
  return {
    mode,
    seeds: seedCount,
    identifiers: graph.size,
    links: graph.links,
    persons,
    conflicts,
    ms,
  };
}

/** The incremental re-clustering of `seeds`, `chunk` seeds a transaction; the changes summed. */
async function reclusterInChunks(
  identity: IdentityService,
  seeds: readonly string[],
  chunk: number,
  reason: string,
  onProgress: (done: number) => void,
): Promise<ReclusterResult> {
  const changed = new Set<number>();
  const retired = new Set<number>();
  const created: number[] = [];
  let conflicts = 0;
  for (let i = 0; i < seeds.length; i += chunk) {
    const part = seeds.slice(i, i + chunk);
    const r = await identity.db.writeTransaction(
      (tx) => identity.reclusterInTx(tx, part, reason),
      `identity.bulk.recluster`,
    );
    for (const pid of r.changedPids) changed.add(pid);
    for (const pid of r.retiredPids) retired.add(pid);
    created.push(...r.createdPids);
    conflicts += r.conflicts;
    onProgress(Math.min(i + chunk, seeds.length));
  }
  return {
    changedPids: [...changed].filter((p) => !retired.has(p)),
    retiredPids: [...retired],
    createdPids: created,
    conflicts,
  };
}
