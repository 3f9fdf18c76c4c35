import type { IdentityBatch, LinkObservation } from '../../src/identity/identity-batch.js';
import type { IdentityService, IngestResult } from '../../src/identity/identity-service.js';
import { idKey, type IdRef } from '../../src/identity/ids.js';
import { isPurchase, type AppEvent } from '../../src/events/app-event.js';

export interface EventWriteResult extends IngestResult {
  /** Events stored for the first time (a repeated event_id is stored once). */
  readonly created: number;
  /** Events whose identifiers were all blocked: not stored. */
  readonly unattached: number;
  /** Persons whose purchases changed. */
  readonly purchasePids: readonly number[];
}

/** One event ready for the graph: its row, the identifier it hangs on, the links it shows. */
interface PreparedEvent {
  readonly row: Record<string, unknown> & { eventId: string; purchase: boolean };
  readonly best: IdRef & { seenAt: string };
  readonly links: readonly LinkObservation[];
}

/**
 * A what-if for bench/kafka.ts (variant `norec`), not the service's writer: like
 * src/events/event-writer.ts, but an event other than a purchase leaves no record at all,
 * only its identifiers, links and last-seen times (idempotent facts, so it needs no
 * deduplication). It would change the per-source count of app events (sourceStats), which
 * is why the service keeps a bare record.
 */
export async function writeEventsNoRecords(
  identity: IdentityService,
  events: readonly AppEvent[],
  confidenceByChannel: Readonly<Record<string, number>>,
): Promise<EventWriteResult> {
  const prepared = events.map((e) => prepare(identity, e, confidenceByChannel[e.channel] ?? 0.9));
  const attached = prepared.filter((p): p is PreparedEvent => p !== undefined);
  const result = await identity.transact('events.write', async (tx) => {
    const stored = await tx.run<{ id: string }>('events/existing-event-ids', {
      ids: attached.filter((p) => p.row.purchase).map((p) => p.row.eventId),
    });
    const known = new Set(stored.map((s) => s.id));
    // new events only, each once even when the batch repeats it
    const fresh = attached.filter(
      (p) => !p.row.purchase || (!known.has(p.row.eventId) && known.add(p.row.eventId)),
    );
    const purchases = fresh.filter((p) => p.row.purchase);
    const batch: IdentityBatch = {
      identifiers: fresh.map((p) => p.best),
      links: fresh.flatMap((p) => p.links),
    };
    const ingest = await identity.ingestInTx(tx, batch, 'app_events');
    const [written] = purchases.length
      ? await tx.run<{ purchasePids: number[] }>('events/store-events', {
          events: purchases.map((p) => p.row),
        })
      : [];
    const purchasePids = written?.purchasePids ?? [];
    // persons whose purchases changed refresh their RFM with the identity changes
    const changedPids = [...new Set([...ingest.changedPids, ...purchasePids])];
    return { ...ingest, changedPids, created: fresh.length, purchasePids };
  });
  return { ...result, unattached: prepared.length - attached.length };
}

function prepare(
  identity: IdentityService,
  e: AppEvent,
  confidence: number,
): PreparedEvent | undefined {
  const raw: [string, string | null][] = [
    ['union_id', e.unionId],
    ['open_id', e.openId],
    ['device_id', e.deviceId],
  ];
  const types = identity.settings.types;
  const refs = raw
    .flatMap(([type, value]) => {
      const checked = value === null ? undefined : identity.check({ type, value });
      return checked?.ok ? [checked.ref] : [];
    })
    .sort((a, b) => types.priority(b.type) - types.priority(a.type));
  const [best, ...rest] = refs;
  if (!best) return undefined;
  return {
    best: { ...best, seenAt: e.time },
    links: rest.map((other) => ({
      a: best,
      b: other,
      source: e.channel,
      confidence,
      firstSeen: e.time,
      lastSeen: e.time,
    })),
    row: isPurchase(e)
      ? {
          eventId: e.eventId,
          type: e.eventType,
          channel: e.channel,
          platform: e.platform,
          pageName: e.pageName,
          sessionId: e.sessionId,
          itemId: e.itemId,
          cents: e.priceCents,
          time: e.time,
          day: e.time.slice(0, 10),
          by: idKey(best),
          purchase: true,
        }
      : {
          eventId: e.eventId,
          type: e.eventType,
          channel: e.channel,
          time: e.time,
          purchase: false,
        },
  };
}
