import type { SegmentRule } from '../../rfm/segment-rules.js';
import type { TagRule } from '../../rfm/tags.js';
import { RFM_GROUP, type SegmentDefinition } from './segment-definition.js';

export const HIGH_VALUE_SEGMENT = 'High Value';

/** The configured segment settings, which seed the saved segments of an empty graph. */
export interface SegmentSettings {
  readonly segmentRules: readonly SegmentRule[];
  readonly highValueThreshold: number;
  readonly tagRules: readonly TagRule[];
}

/**
 * The saved segments a graph starts with: the RFM segments as the ordered rule group "rfm", "High
 * Value" and the configured tag rules as rule segments. From then on they are ordinary
 * segments, edited through GraphQL.
 */
export function defaultDefinitions(settings: SegmentSettings, now: string): SegmentDefinition[] {
  const def = (
    name: string,
    definition: string,
    group: string | null,
    rank: number | null,
  ): SegmentDefinition => ({
    name,
    kind: 'rule',
    definition,
    group,
    rank,
    description: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  return [
    ...settings.segmentRules.map((r, i) =>
      def(
        r.segment,
        conditions([
          r.recencyMax !== undefined && `recencyDays <= ${r.recencyMax}`,
          r.frequencyMin !== undefined && `frequency >= ${r.frequencyMin}`,
          r.monetaryMin !== undefined && `monetary >= ${r.monetaryMin}`,
        ]),
        RFM_GROUP,
        i + 1,
      ),
    ),
    def(HIGH_VALUE_SEGMENT, `monetary >= ${settings.highValueThreshold}`, null, null),
    ...settings.tagRules.map((r) =>
      def(
        r.tag,
        conditions([
          r.recencyMax !== undefined && `recencyDays <= ${r.recencyMax}`,
          r.frequencyMin !== undefined && `frequency >= ${r.frequencyMin}`,
          r.monetaryMin !== undefined && `monetary >= ${r.monetaryMin}`,
          // a tag rule applied to buyers only
          'frequency >= 1',
          ...Object.entries(r.profile ?? {}).map(([f, v]) => `${f} = ${JSON.stringify(v)}`),
        ]),
        null,
        null,
      ),
    ),
  ];
}

function conditions(parts: (string | false)[]): string {
  const kept = parts.filter((p): p is string => p !== false);
  return kept.length === 0 ? 'TRUE' : kept.join(' AND ');
}
