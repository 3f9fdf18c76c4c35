import DataLoader from 'dataloader';
import type { App } from '../app.js';
import type { Role } from '../config.js';
import {
  activePidByOneId,
  detailsByPid,
  explainByPid,
  historyByPid,
  personPages,
  personsByKey,
  personsByPid,
  type PersonPage,
} from '../identity/person-queries.js';
import { packagesById } from '../segments/audience-packages.js';

/** Per-request state: the caller's role and one set of loaders (never shared between requests). */
export interface Context {
  readonly app: App;
  readonly role: Role;
  readonly loaders: Loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

export function createLoaders(app: App) {
  const db = app.db;
  const person = new DataLoader((pids: readonly number[]) => personsByPid(db, pids));
  /** Identifiers and profile in one read: a person page asks for both at once. */
  const details = new DataLoader((pids: readonly number[]) => detailsByPid(db, pids));
  /**
   * Pages with the purchase summary, by pid: what RFM and segments of a person are computed
   * from. Pages of a selection that shows them are read with it and prime this loader.
   */
  const summaryPage = new DataLoader((pids: readonly number[]) => personPages(db, { pids }, true));
  /** The persons of pages read with their details, priming `person`, `details` (and `summaryPage`). */
  const primed = async (pages: Promise<(PersonPage | null)[]>) => {
    const found = await pages;
    for (const page of found) {
      if (!page) continue;
      person.prime(page.person.pid, page.person);
      details.prime(page.person.pid, page.details);
      if (page.summary) summaryPage.prime(page.person.pid, page);
    }
    return found.map((page) => page?.person ?? null);
  };
  return {
    person,
    details,
    summaryPage,
    pidByOneId: new DataLoader((oneIds: readonly string[]) => activePidByOneId(db, oneIds)),
    /** The person of identifier keys (`type:value`) in one read; primes `person`. */
    personByKey: new DataLoader(async (keys: readonly string[]) => {
      const found = await personsByKey(db, keys);
      for (const p of found) if (p) person.prime(p.pid, p);
      return found;
    }),
    /** `personByKey` with the details read along, for a selection that shows them. */
    personPageByKey: new DataLoader((keys: readonly string[]) =>
      primed(app.personPages.byKey(keys)),
    ),
    /** `personPageByKey` with the purchase summary too, for a selection that shows RFM or tags. */
    summaryPageByKey: new DataLoader((keys: readonly string[]) =>
      primed(app.personPages.byKey(keys, true)),
    ),
    /** The active person of OneIDs (a retired one: its survivor) with its details, in one read. */
    personPageByOneId: new DataLoader((oneIds: readonly string[]) =>
      primed(app.personPages.byOneId(oneIds)),
    ),
    /** `personPageByOneId` with the purchase summary too. */
    summaryPageByOneId: new DataLoader((oneIds: readonly string[]) =>
      primed(app.personPages.byOneId(oneIds, true)),
    ),
    history: new DataLoader((pids: readonly number[]) => historyByPid(db, pids)),
    explain: new DataLoader((pids: readonly number[]) => explainByPid(db, pids)),
    /** Packages with their members: one read for all a request names, each decoded once. */
    audiencePackage: new DataLoader((ids: readonly string[]) => packagesById(db, ids)),
  };
}

export function createContext(app: App, role: Role): Context {
  return { app, role, loaders: createLoaders(app) };
}
