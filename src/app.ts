import type { Config } from './config.js';
import { IdentifierTypes } from './identity/identifier-types.js';
import { IdentityService } from './identity/identity-service.js';
import { PersonPages } from './identity/person-pages.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import type { Gateway } from './neo4j/gateway.js';
import { RfmService } from './rfm/rfm-service.js';
import { loadSegmentRules } from './rfm/segment-rules.js';
import { Audiences } from './segments/audience.js';
import { AudiencePackages } from './segments/audience-packages.js';
import { BitmapStore } from './segments/bitmap-store.js';
import { Consents } from './segments/consent.js';
import { SegmentRegistry } from './segments/definitions/segment-registry.js';
import { LivePackages } from './segments/live-packages.js';
import { SegmentMaintenance } from './segments/segment-maintenance.js';
import { SegmentService } from './segments/segment-service.js';

/** The domain services of one process, wired together. */
export interface App {
  readonly config: Config;
  readonly db: Gateway;
  readonly identity: IdentityService;
  /** Person pages by identifier or OneID, concurrent requests sharing reads. */
  readonly personPages: PersonPages;
  readonly rfm: RfmService;
  /** The tag bitmaps' life: load or rebuild at start, upkeep, storing. */
  readonly segments: SegmentMaintenance;
  readonly audiences: Audiences;
  readonly packages: AudiencePackages;
  /** Saved segments: definitions, static lists, previews. */
  readonly savedSegments: SegmentService;
  /** Re-evaluates the live packages as the bitmaps change; prunes their old versions. */
  readonly live: LivePackages;
  /** Consent per purpose, for exports. */
  readonly consents: Consents;
  /** This app's Prometheus registry and histograms (served at /metrics). */
  readonly metrics: ServiceMetrics;
}

export function createApp(config: Config, db: Gateway): App {
  const identity = new IdentityService(db, {
    types: IdentifierTypes.load(config.identity.typesFile),
    threshold: config.identity.linkThreshold,
    supernodeLimit: config.identity.supernodeLimit,
    defaultCountryCode: config.identity.defaultCountryCode,
  });
  // the saved segments; an empty graph gets the configured RFM rules and High Value once
  const registry = new SegmentRegistry(db, {
    segmentRules: loadSegmentRules(config.rfm.segmentRulesFile),
    highValueThreshold: config.rfm.highValueThreshold,
    tagRules: [],
  });
  const rfm = new RfmService(
    db,
    registry,
    () => config.rfm.asOf ?? new Date().toISOString().slice(0, 10),
    config.feed,
  );
  const bitmaps = new BitmapStore(db);
  const segments = new SegmentMaintenance(rfm, bitmaps, registry);
  const audiences = new Audiences(rfm, bitmaps, segments);
  // Persons changed (purchases, merges, splits): their RFM follows in the same transaction,
  // which records them in the change feed; this process's views and bitmaps follow the feed.
  identity.observe(rfm.observer);
  return {
    config,
    db,
    identity,
    personPages: new PersonPages(db),
    rfm,
    segments,
    audiences,
    packages: new AudiencePackages(db, audiences, () => rfm.feed.sequence),
    savedSegments: new SegmentService(db, rfm, identity, registry, segments, bitmaps),
    // after the segment maintenance: its feed listener runs once the bitmaps followed
    live: new LivePackages(db, rfm, bitmaps, segments, {
      retentionMs: config.segments.packageVersionRetentionHours * 3_600_000,
    }),
    consents: new Consents(bitmaps, segments),
    metrics: new ServiceMetrics(),
  };
}
