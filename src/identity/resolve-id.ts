import { InputError } from '../errors.js';
import {
  MAX_LINKS_PER_CALL,
  MAX_LINKS_PER_IDENTIFIER,
  MAX_RESOLVE_INPUTS,
} from '../input-limits.js';
import { confidenceArg, fieldAt, sourceArg } from './command-args.js';
import type { IdentityService } from './identity-service.js';
import { idKey, nowStamp, type IdRef } from './ids.js';

/** One identifier to resolve, as the caller gives it (raw `mobile` / `email` included). */
export interface ResolveIdRequest {
  readonly type: string;
  readonly value: string;
  /** Identifiers of the same person, linked to this one. */
  readonly links?: readonly IdRef[] | null;
  /** Of the links; default "resolveId". */
  readonly source?: string | null;
  /** Of the links; default 1. */
  readonly confidence?: number | null;
}

export type MatchKind = 'EXISTING' | 'LINKED' | 'NEW';

export interface ResolveIdResult {
  readonly oneId: string;
  readonly pid: number;
  /** A new person was created for this identifier. */
  readonly created: boolean;
  /** EXISTING: known identifier; LINKED: joined an existing person through `links`; NEW: new person. */
  readonly matchedBy: MatchKind;
}

/**
 * Resolves identifiers to persons, creating them when new. Known identifiers without links
 * are answered by one read; the rest are written in one transaction for the whole batch.
 * Every identifier takes the one normalization path (`IdentityService.require`), sources
 * and confidences theirs (command-args.ts); a bad one is BAD_USER_INPUT naming its field
 * under `path(i)`: "" for the arguments of `resolveId`, "inputs[i]" (the default) for
 * `resolveIds`.
 */
export async function resolveIds(
  identity: IdentityService,
  requests: readonly ResolveIdRequest[],
  path: (i: number) => string = (i) => `inputs[${i}]`,
): Promise<ResolveIdResult[]> {
  if (requests.length > MAX_RESOLVE_INPUTS)
    throw new InputError(`At most ${MAX_RESOLVE_INPUTS} inputs per call.`, 'inputs');
  const totalLinks = requests.reduce((n, r) => n + (r.links?.length ?? 0), 0);
  if (totalLinks > MAX_LINKS_PER_CALL)
    throw new InputError(
      `At most ${MAX_LINKS_PER_CALL} links per call, got ${totalLinks}.`,
      'inputs',
    );
  const normalized = requests.map((r, i) => {
    const at = (name: string) => fieldAt(path(i), name);
    const confidence = confidenceArg(r.confidence, at('confidence'));
    const source = sourceArg(r.source, 'resolveId', at('source'));
    const links = r.links ?? [];
    if (links.length > MAX_LINKS_PER_IDENTIFIER)
      throw new InputError(
        `At most ${MAX_LINKS_PER_IDENTIFIER} links per identifier, got ${links.length}.`,
        at('links'),
      );
    return {
      id: identity.require({ type: r.type, value: r.value }, path(i)),
      links: links.map((l, j) => identity.require(l, at(`links[${j}]`))),
      source,
      confidence,
    };
  });
  const keys = normalized.map((n) => idKey(n.id));
  const known = await identity.personsOf(keys);
  const pending = normalized.filter((n, i) => n.links.length > 0 || known[i]?.pid == null);
  let created = new Set<number>();
  if (pending.length > 0) {
    const now = nowStamp();
    const result = await identity.ingest(
      {
        identifiers: pending.map((n) => ({ ...n.id, seenAt: now })),
        links: pending.flatMap((n) =>
          n.links.map((l) => ({
            a: n.id,
            b: l,
            source: n.source,
            confidence: n.confidence,
            firstSeen: now,
            lastSeen: now,
          })),
        ),
      },
      'resolveId',
    );
    created = new Set(result.createdPids);
  }
  const after = pending.length > 0 ? await identity.personsOf(keys) : known;
  // Identifiers a link of this batch touches; any other one that was unknown and not created
  // here was created by a concurrent call: it matched an existing person, not through links.
  const linked = new Set(
    pending.flatMap((n) => (n.links.length > 0 ? [n.id, ...n.links] : []).map(idKey)),
  );
  return normalized.map((_, i) => {
    const row = after[i];
    if (!row || row.pid === null || row.oneId === null)
      throw new Error(`identifier ${keys[i]} has no person after resolving`);
    const wasKnown = known[i]?.pid != null;
    const isNew = !wasKnown && created.has(row.pid);
    return {
      oneId: row.oneId,
      pid: row.pid,
      created: isNew,
      matchedBy: wasKnown
        ? 'EXISTING'
        : isNew
          ? 'NEW'
          : linked.has(keys[i] as string)
            ? 'LINKED'
            : 'EXISTING',
    };
  });
}
