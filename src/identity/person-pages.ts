import { Coalescer } from '../neo4j/coalescer.js';
import type { Gateway } from '../neo4j/gateway.js';
import { personPages, type PersonPage } from './person-queries.js';

/** Reads running at once per kind of lookup; the calls that arrive meanwhile wait and go together. */
const MAX_IN_FLIGHT = 2;
/** Items of one read: ten full `persons(identifiers:)` batches. */
const MAX_KEYS = 1_000;

/**
 * Person pages (person, identifiers, profile) for every request of the process: concurrent
 * lookups share one read (see Coalescer), so a busy profile page costs a few transactions
 * rather than one per request, and a quiet one waits for nothing. One entry per item, in order,
 * null for an unknown one.
 */
export class PersonPages {
  private readonly keys: Coalescer<PersonPage | null>;
  private readonly oneIds: Coalescer<PersonPage | null>;

  constructor(db: Gateway) {
    const opts = { maxInFlight: MAX_IN_FLIGHT, maxKeys: MAX_KEYS };
    this.keys = new Coalescer((keys) => personPages(db, { keys }), opts);
    this.oneIds = new Coalescer((oneIds) => personPages(db, { oneIds }), opts);
  }

  /** By identifier key (`type:value`). */
  byKey(keys: readonly string[]): Promise<(PersonPage | null)[]> {
    return this.keys.lookup(keys);
  }

  /** By OneID; a retired one gives its survivor. */
  byOneId(oneIds: readonly string[]): Promise<(PersonPage | null)[]> {
    return this.oneIds.lookup(oneIds);
  }
}
