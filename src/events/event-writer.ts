import type {
  IdentityService,
  IngestResult,
  LinkObservation,
} from '../identity/identity-service.js';
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

/**
 * Writes a batch of app events in one transaction: the identifiers they carry, links
 * between them (confidence per channel), and the events themselves, hung on their
 * highest-priority identifier. Re-delivered events change nothing.
 */
export async function writeEvents(
  identity: IdentityService,
  events: readonly AppEvent[],
  confidenceByChannel: Readonly<Record<string, number>>,
): Promise<EventWriteResult> {
  const types = identity.settings.types;
  const links: LinkObservation[] = [];
  const identifiers: (IdRef & { seenAt: string })[] = [];
  const rows: Record<string, unknown>[] = [];
  let unattached = 0;
  for (const e of events) {
    const raw: [string, string | null][] = [
      ['union_id', e.unionId],
      ['open_id', e.openId],
      ['device_id', e.deviceId],
    ];
    const refs = raw
      .flatMap(([type, value]) => {
        const checked = value === null ? undefined : identity.check({ type, value });
        return checked?.ok ? [checked.ref] : [];
      })
      .sort((a, b) => types.priority(b.type) - types.priority(a.type));
    const [best, ...rest] = refs;
    if (!best) {
      unattached++;
      continue;
    }
    identifiers.push({ ...best, seenAt: e.time });
    const confidence = confidenceByChannel[e.channel] ?? 0.9;
    for (const other of rest) {
      links.push({
        a: best,
        b: other,
        source: e.channel,
        confidence,
        firstSeen: e.time,
        lastSeen: e.time,
      });
    }
    rows.push({
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
      purchase: isPurchase(e),
    });
  }
  let created = 0;
  const result = await identity.db.writeTransaction(async (tx) => {
    const r = await identity.ingestInTx(tx, { identifiers, links }, 'app_events');
    const [row] = await tx.run<{ created: number }>('events/upsert-events', { events: rows });
    created = row?.created ?? 0;
    const purchaseKeys = [...new Set(rows.filter((r) => r.purchase).map((r) => r.by as string))];
    const owners = purchaseKeys.length
      ? await tx.run<{ pid: number | null }>('identity/resolve-keys', { keys: purchaseKeys })
      : [];
    return {
      ...r,
      purchasePids: [...new Set(owners.flatMap((o) => (o.pid === null ? [] : [o.pid])))],
    };
  }, 'events.write');
  await identity.notify({
    ...result,
    changedPids: [...new Set([...result.changedPids, ...(created > 0 ? result.purchasePids : [])])],
  });
  return { ...result, created, unattached };
}
