import type { SegmentInput } from '../../src/segments/definitions/segment-definition.js';

/**
 * Saved segments to add to the six a graph starts with (the five RFM segments and High Value)
 * for a mix of 50: rule segments over every kind of field, expressions over them, and static
 * lists. The rules read the fields cypher/bench/create-synthetic-persons and
 * set-synthetic-profiles give the synthetic persons; none reads a quintile score (a score
 * rule makes every start rebuild the bitmaps, which the cold definition stage must avoid).
 */
export function segmentMix(counts: { rules: number; expressions: number; statics: number }): {
  readonly rules: SegmentInput[];
  readonly expressions: SegmentInput[];
  readonly statics: SegmentInput[];
} {
  const templates = [
    (k: number) => `recencyDays <= ${60 * k} AND monetary >= ${50 * k}`,
    (k: number) => `level IN ("gold", "silver") AND totalPoints >= ${250 * k}`,
    (k: number) => `channels CONTAINS "app" AND frequency >= 1 AND monetary < ${100 * k}`,
    (k: number) => `identifierTypes CONTAINS "member_id" AND birthdayMonth = ${1 + (k % 12)}`,
    (k: number) =>
      `registerDate >= "${2018 + (k % 7)}-01-01" AND registerChannel = "${['store', 'app', 'miniapp', 'web'][k % 4]}"`,
    (k: number) => `gender = "${['F', 'M', 'U'][k % 3]}" AND monetary >= ${30 * k}`,
    (k: number) =>
      `channels CONTAINS ANY ("miniapp", "online_retail") AND recencyDays <= ${100 + 40 * k}`,
    (k: number) => `level = "platinum" OR (totalPoints > ${9000 - 100 * k} AND recencyDays < 400)`,
  ];
  const rules = Array.from({ length: counts.rules }, (_, i) => ({
    name: `Bench rule ${i + 1}`,
    kind: 'rule' as const,
    definition: (templates[i % templates.length] as (k: number) => string)(
      1 + Math.floor(i / templates.length) + (i % 5),
    ),
  }));
  const statics = Array.from({ length: counts.statics }, (_, i) => ({
    name: `Bench list ${i + 1}`,
    kind: 'static' as const,
    definition: '',
  }));
  const rule = (i: number) => JSON.stringify(rules[i % rules.length]?.name ?? 'High Value');
  const list = (i: number) => JSON.stringify(statics[i % Math.max(1, statics.length)]?.name);
  const shapes = [
    (i: number) => `${rule(i)} AND ${rule(i + 1)}`,
    (i: number) => `"Champions" OR ${rule(i + 2)}`,
    (i: number) => `"High Value" ANDNOT "At Risk" AND ${rule(i + 3)}`,
    (i: number) =>
      statics.length > 0 ? `(${rule(i)} OR ${rule(i + 5)}) ANDNOT ${list(i)}` : rule(i),
    (i: number) => `ANY(${rule(i)}, ${rule(i + 7)}, "Loyal Customers") XOR ${rule(i + 11)}`,
  ];
  const expressions = Array.from({ length: counts.expressions }, (_, i) => ({
    name: `Bench expression ${i + 1}`,
    kind: 'expression' as const,
    definition: (shapes[i % shapes.length] as (i: number) => string)(i),
  }));
  return { rules, expressions, statics };
}
