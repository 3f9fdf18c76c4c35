import { InputError } from '../errors.js';
import type { IdentityService } from '../identity/identity-service.js';
import { idKey, nowStamp, type IdRef } from '../identity/ids.js';
import type { PersonPages } from '../identity/person-pages.js';
import type { ConsentRecord } from '../identity/person-queries.js';
import { recordConsentsInTx, withPids } from './consent-writer.js';
import type { ConsentPurpose } from './purposes.js';

/** How far past the service's clock a statement's time may be (clock skew of the caller). */
export const MAX_FUTURE_MS = 60_000;

export interface SetConsentInput {
  readonly identifier: IdRef;
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
  /** "YYYY-MM-DDTHH:MM:SS" (UTC), as the DateTime scalar gives it; default now. */
  readonly at?: string | null;
}

export interface ConsentOfPerson {
  readonly oneId: string;
  readonly pid: number;
  /** The person's effective statement per purpose after the write. */
  readonly consent: ConsentRecord[];
}

/**
 * States consent for one purpose on one identifier (created with its person when new, like
 * resolveId), as of `at`: an older statement than the stored one changes nothing, one of the
 * same time replaces it. The person is refreshed and the change recorded in the feed in the
 * same transaction. Throws BAD_USER_INPUT naming `identifier.type` / `identifier.value` for an
 * identifier refused by the one normalization path, and `at` for a time more than a minute
 * ahead of the service's clock.
 */
export async function setConsent(
  identity: IdentityService,
  pages: PersonPages,
  input: SetConsentInput,
  now = new Date(),
): Promise<ConsentOfPerson> {
  const ref = identity.require(input.identifier, 'identifier');
  const at = input.at ?? nowStamp(now);
  if (at > nowStamp(new Date(now.getTime() + MAX_FUTURE_MS)))
    throw new InputError(
      `at is in the future (more than ${MAX_FUTURE_MS / 1000} s after the service's clock).`,
      'at',
    );
  const key = idKey(ref);
  await identity.transact('consent.set', async (tx) => {
    const ingested = await identity.ingestInTx(
      tx,
      { identifiers: [{ ...ref, seenAt: at }], links: [] },
      'consent',
    );
    const pids = await recordConsentsInTx(
      tx,
      [{ key, purpose: input.purpose, granted: input.granted, at, source: 'api' }],
      'replace',
    );
    return { ...ingested, changedPids: withPids(ingested.changedPids, pids) };
  });
  const [page] = await pages.byKey([key]);
  // the identifier was written above and an identifier never loses its person
  if (!page) throw new Error(`no person holds ${ref.type} after setConsent`);
  return { oneId: page.person.oneId, pid: page.person.pid, consent: page.details.consent };
}
