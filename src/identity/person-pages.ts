import { Coalescer } from '../neo4j/coalescer.js';
import type { Gateway } from '../neo4j/gateway.js';
import { personPages, type PersonPage } from './person-queries.js';

/** Reads running at once per kind of lookup; the calls that arrive meanwhile wait and go together. */
const MAX_IN_FLIGHT = 2;
/** Items of one read: ten full `persons(identifiers:)` batches. */
const MAX_KEYS = 1_000;

/** One coalesced lookup per kind of read: without and with the purchase summary. */
interface Lookups {
  readonly plain: Coalescer<PersonPage | null>;
  readonly withSummary: Coalescer<PersonPage | null>;
}

/**
 * Person pages (person, identifiers, profile, and when asked the purchase summary) for every
 * request of the process: concurrent lookups share one read (see Coalescer), so a busy profile
 * page costs a few transactions rather than one per request, and a quiet one waits for nothing.
 * One entry per item, in order, null for an unknown one.
 */
export class PersonPages {
  private readonly keys: Lookups;
  private readonly oneIds: Lookups;

  constructor(db: Gateway) {
    const opts = { maxInFlight: MAX_IN_FLIGHT, maxKeys: MAX_KEYS };
    const lookups = (
      read: (items: string[], withSummary: boolean) => Promise<(PersonPage | null)[]>,
    ) => ({
      plain: new Coalescer((items) => read(items, false), opts),
      withSummary: new Coalescer((items) => read(items, true), opts),
    });
    this.keys = lookups((keys, withSummary) => personPages(db, { keys }, withSummary));
    this.oneIds = lookups((oneIds, withSummary) => personPages(db, { oneIds }, withSummary));
  }

  /** By identifier key (`type:value`); with its purchase summary when `withSummary`. */
  byKey(keys: readonly string[], withSummary = false): Promise<(PersonPage | null)[]> {
    return pick(this.keys, withSummary).lookup(keys);
  }

  /** By OneID, a retired one giving its survivor; with its purchase summary when `withSummary`. */
  byOneId(oneIds: readonly string[], withSummary = false): Promise<(PersonPage | null)[]> {
    return pick(this.oneIds, withSummary).lookup(oneIds);
  }
}

function pick(lookups: Lookups, withSummary: boolean): Coalescer<PersonPage | null> {
  return withSummary ? lookups.withSummary : lookups.plain;
}
