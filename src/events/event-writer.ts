import type { ConsentStatement } from '../consent/consent-statement.js';
import { recordConsentsInTx, withPids } from '../consent/consent-writer.js';
import type { IdentityBatch, LinkObservation } from '../identity/identity-batch.js';
import type { IdentityService, IngestResult } from '../identity/identity-service.js';
import { idKey, type IdRef } from '../identity/ids.js';
import { isPurchase, type AppEvent } from './app-event.js';

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
  /** A consent event's statements, one per identifier it carries. */
  readonly consents: readonly ConsentStatement[];
}

/**
 * Writes a batch of app events in one transaction: the identifiers they carry (last seen at
 * the event's time), links between them (confidence per channel), and the events: a purchase
 * in full, hung on its highest-priority identifier (RFM reads it); any other event as a bare
 * record of its id, type, channel and time (see cypher/events/store-events.cypher). A consent
 * event's statement is recorded on each of its identifiers (see consent-writer). Events
 * already stored are left out before anything is written, so a re-delivered batch changes
 * nothing and costs one read.
 */
export async function writeEvents(
  identity: IdentityService,
  events: readonly AppEvent[],
  confidenceByChannel: Readonly<Record<string, number>>,
): Promise<EventWriteResult> {
  const prepared = events.map((e) => prepare(identity, e, confidenceByChannel[e.channel] ?? 0.9));
  const attached = prepared.filter((p): p is PreparedEvent => p !== undefined);
  const result = await identity.transact('events.write', async (tx) => {
    const stored = await tx.run<{ id: string }>('events/existing-event-ids', {
      ids: attached.map((p) => p.row.eventId),
    });
    const known = new Set(stored.map((s) => s.id));
    // new events only, each once even when the batch repeats it
    const fresh = attached.filter((p) => !known.has(p.row.eventId) && known.add(p.row.eventId));
    const batch: IdentityBatch = {
      identifiers: fresh.map((p) => p.best),
      links: fresh.flatMap((p) => p.links),
    };
    const ingest = await identity.ingestInTx(tx, batch, 'app_events');
    const [written] = fresh.length
      ? await tx.run<{ purchasePids: number[] }>('events/store-events', {
          events: fresh.map((p) => p.row),
        })
      : [];
    const purchasePids = written?.purchasePids ?? [];
    // a stream's order: of two statements of the same second the later one wins
    const consentPids = await recordConsentsInTx(
      tx,
      fresh.flatMap((p) => p.consents),
      'replace',
    );
    // persons whose purchases or consent changed refresh with the identity changes
    const changedPids = withPids(ingest.changedPids, [...purchasePids, ...consentPids]);
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
  const consent = e.consent;
  return {
    consents: consent
      ? refs.map((ref) => ({ key: idKey(ref), ...consent, at: e.time, source: 'event' as const }))
      : [],
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
