import type { PersonPage } from '../identity/person-queries.js';
import type { PersonRfm } from './rfm-view.js';
import { rfmAsOf, type PurchaseSummary } from './summary.js';
import { tagsOf, type Tagger } from './tags.js';

/**
 * The purchase summary of a person page read with it (`personPages(..., withSummary)`), with
 * the profile fields custom tag rules may use; null when the page was read without it.
 */
export function pageSummary(page: PersonPage): PurchaseSummary | null {
  const { person, details, summary } = page;
  if (!summary) return null;
  const profile = details.profile;
  return {
    pid: person.pid,
    oneId: person.oneId,
    days: summary.days,
    dayCents: summary.dayCents,
    dayBought: summary.dayBought,
    channels: summary.channels,
    channelFirstDays: summary.channelFirstDays,
    identifierTypes: summary.identifierTypes,
    consents: summary.consents,
    segmentLists: summary.segmentLists,
    profile: {
      level: profile?.level ?? null,
      gender: profile?.gender ?? null,
      registerChannel: profile?.registerChannel ?? null,
      totalPoints: profile?.totalPoints ?? null,
      registerDate: profile?.registerDate ?? null,
      birthday: profile?.birthday ?? null,
    },
  };
}

/**
 * RFM, segment and tags of one person as of `asOf`, from its own summary as the graph held it
 * when the page was read: no process-wide view, so it never lags a write by another process.
 * Null for an unknown person or one that had bought nothing by then. Throws on a page read
 * without its summary (a wiring error, not a person without purchases).
 */
export function personRfmOf(
  page: PersonPage | null,
  asOf: string,
  tagger: Tagger,
): PersonRfm | null {
  if (!page) return null;
  const summary = pageSummary(page);
  if (!summary) throw new Error(`person ${page.person.pid}: page read without its summary`);
  const tags = tagsOf(summary, asOf, tagger);
  return tags && { ...tags, pid: summary.pid, oneId: summary.oneId };
}

/**
 * Every tag of one person as of `asOf` (its saved segments, channels and consents), from its
 * own summary as the page read it: also for a person without purchases (no RFM segment then).
 */
export function personTagsOf(page: PersonPage | null, asOf: string, tagger: Tagger): string[] {
  if (!page) return [];
  const summary = pageSummary(page);
  if (!summary) throw new Error(`person ${page.person.pid}: page read without its summary`);
  return [...tagger.tagsOf(summary, rfmAsOf(summary, asOf), asOf).tags];
}
