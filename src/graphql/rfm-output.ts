import type {
  ChannelStats as ChannelFigures,
  SegmentStats as SegmentFigures,
} from '../rfm/rfm-service.js';
import type { PersonRfm } from '../rfm/rfm-view.js';
import { centsText } from '../rows/cents.js';
import type { ChannelStats, SegmentStats } from './types/analytics.types.js';
import type { Rfm } from './types/rfm.type.js';

/** The GraphQL shapes of RFM figures: money goes out as exact decimal text, from cents. */

/** `scores` is resolved on its own (rfm-scores.resolver.ts), only when selected. */
export function toRfm(e: PersonRfm, asOf: string): Rfm {
  return {
    asOf,
    recencyDays: e.rfm.recencyDays,
    frequency: e.rfm.frequency,
    monetary: centsText(e.rfm.monetaryCents),
    firstPurchaseDate: e.rfm.firstPurchaseDate,
    lastPurchaseDate: e.rfm.lastPurchaseDate,
    segment: e.segment,
    figures: e,
  };
}

export function toChannelStats({
  totalCents,
  avgOrderCents,
  ...rest
}: ChannelFigures): ChannelStats {
  return { ...rest, totalRevenue: centsText(totalCents), avgOrderValue: centsText(avgOrderCents) };
}

export function toSegmentStats({ avgMonetaryCents, ...rest }: SegmentFigures): SegmentStats {
  return { ...rest, avgMonetary: centsText(avgMonetaryCents) };
}
