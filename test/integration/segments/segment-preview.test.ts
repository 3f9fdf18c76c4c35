import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { loadSeedsIfEmpty } from '../../../src/ingest/seeds.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import {
  defaultSegmentRules,
  segmentOf,
  type SegmentRule,
} from '../../../src/rfm/segment-rules.js';
import { freshDatabase } from '../../support/db.js';
import { inProcessGraphql, type InProcessGraphql } from '../../support/graphql-exec.js';

/**
 * Previews of segment changes, computed with bitmaps, against a recomputation without them:
 * every person's RFM through the old and the new ordered rules (segmentOf, the plain
 * implementation the bitmaps replaced). As of 2026-06-20 the seed's At Risk buyers are 583 to
 * 595 days back, so moving the bound from 600 to 590 days moves some of them.
 */

const asOf = '2026-06-20';
let db: Gateway;
let app: App;
let gql: InProcessGraphql;

interface Preview {
  name: string;
  count: number;
  currentCount: number;
  entered: number;
  left: number;
  enteredSample: string[];
  leftSample: string[];
}

const RULE_TEXT = (r: SegmentRule) =>
  [
    r.recencyMax !== undefined && `recencyDays <= ${r.recencyMax}`,
    r.frequencyMin !== undefined && `frequency >= ${r.frequencyMin}`,
    r.monetaryMin !== undefined && `monetary >= ${r.monetaryMin}`,
  ]
    .filter(Boolean)
    .join(' AND ') || 'TRUE';

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: asOf }), db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
  gql = await inProcessGraphql(app);
});
afterAll(async () => {
  await gql?.stop();
  await db?.close();
});

describe('previews', () => {
  it('moving the At Risk bound from 600 to 590 days reports exactly who would move', async () => {
    const changed = defaultSegmentRules.map((r) =>
      r.segment === 'At Risk' ? { ...r, recencyMax: 590 } : r,
    );
    // recomputed without bitmaps, person by person
    const view = await app.rfm.view(asOf);
    const expected = new Map<string, { entered: string[]; left: string[]; count: number }>();
    for (const r of changed) expected.set(r.segment, { entered: [], left: [], count: 0 });
    for (const e of view.entries.values()) {
      const before = segmentOf(e.rfm, defaultSegmentRules);
      const after = segmentOf(e.rfm, changed);
      (expected.get(after) as { count: number }).count++;
      if (before === after) continue;
      expected.get(after)?.entered.push(e.oneId);
      expected.get(before)?.left.push(e.oneId);
    }
    const moved = [...expected.values()].reduce((n, x) => n + x.entered.length, 0);
    expect(moved).toBeGreaterThan(0);

    const data = await gql.ok<{ previewSegmentGroup: Preview[] }>(
      `query($segments: [GroupRuleInput!]!) {
        previewSegmentGroup(group: "rfm", segments: $segments, sample: 100) {
          name count currentCount entered left enteredSample leftSample
        }
      }`,
      { segments: changed.map((r) => ({ name: r.segment, definition: RULE_TEXT(r) })) },
    );
    for (const p of data.previewSegmentGroup) {
      const want = expected.get(p.name) ?? { entered: [], left: [], count: 0 };
      expect({ name: p.name, count: p.count, entered: p.entered, left: p.left }).toEqual({
        name: p.name,
        count: want.count,
        entered: want.entered.length,
        left: want.left.length,
      });
      expect(p.enteredSample.sort()).toEqual(want.entered.sort());
      expect(p.leftSample.sort()).toEqual(want.left.sort());
    }
    expect(data.previewSegmentGroup.find((p) => p.name === 'At Risk')?.left).toBe(moved);
    // nothing was written: the segments are as they were
    const listed = await gql.ok<{ savedSegment: { definition: string; version: number } }>(
      '{ savedSegment(name: "At Risk") { definition version } }',
    );
    expect(listed.savedSegment).toEqual({ definition: 'recencyDays <= 600', version: 1 });
  });

  it('previews a new rule segment and a changed one against their members now', async () => {
    const preview = async (name: string, definition: string) =>
      (
        await gql.ok<{ previewSegment: Preview }>(
          `query($input: SegmentInput!) { previewSegment(input: $input, sample: 5) { name count currentCount entered left enteredSample } }`,
          { input: { name, kind: 'RULE', definition } },
        )
      ).previewSegment;
    const fresh = await preview('Big spenders', 'monetary >= 300');
    expect(fresh).toMatchObject({ count: 3, currentCount: 0, entered: 3, left: 0 });
    expect(fresh.enteredSample).toHaveLength(3);
    const highValue = await preview('High Value', 'monetary >= 400');
    expect(highValue).toMatchObject({ count: 2, currentCount: 3, entered: 0, left: 1 });
    const bad = await gql.run(
      `query { previewSegment(input: {name: "X", kind: RULE, definition: "monetary >= "}) { count } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', position: 12 });
  });
});
