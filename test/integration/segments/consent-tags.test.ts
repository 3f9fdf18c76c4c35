import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { InProcessGraphql } from '../../support/graphql-exec.js';
import { twoProcesses, type TwoProcesses } from '../../support/two-processes.js';

/**
 * Consent as bitmaps: `consent_<purpose>` holds the persons whose latest statement for the
 * purpose grants it, in this process and in another one following the feed; expressions and
 * saved segments may name it.
 */

const asOf = '2026-06-06';
const config = loadConfig({ ONEID_AS_OF: asOf, ONEID_FEED_POLL_MS: '50' });
let app: App;
let other: App;
let gql: InProcessGraphql;

const count = async (a: App, tag: string) =>
  (await a.audiences.list(asOf)).find((t) => t.tag === tag)?.count ?? 0;

async function consent(member: string, purpose: 'ADS' | 'EMAIL', granted: boolean, at: string) {
  await gql.ok(
    `mutation($m: String!, $p: ConsentPurpose!, $g: Boolean!, $at: DateTime) {
      setConsent(identifier: {type: "member_id", value: $m}, purpose: $p, granted: $g, at: $at) { oneId }
    }`,
    { m: member, p: purpose, g: granted, at },
    'service',
  );
}

let processes: TwoProcesses | undefined;

beforeAll(async () => {
  processes = await twoProcesses(config);
  ({ app, other, gql } = processes);
});
afterAll(() => processes?.close());

describe('consent bitmaps', () => {
  it('follow grants and withdrawals in every process, and expressions may name them', async () => {
    expect(await count(app, 'consent_ads')).toBe(0);
    await consent('MBR004', 'ADS', true, '2026-05-01T00:00:00Z');
    await consent('MBR006', 'ADS', true, '2026-05-01T00:00:00Z');
    await consent('MBR006', 'EMAIL', true, '2026-05-01T00:00:00Z');
    expect(await count(app, 'consent_ads')).toBe(2);
    expect(await count(app, 'consent_email')).toBe(1);
    const audience = await gql.ok<{ audience: { count: number } }>(
      '{ audience(expression: "\\"High Value\\" AND consent_ads") { count } }',
    );
    expect(audience.audience.count).toBe(2);

    // a later withdrawal wins; an older grant changes nothing
    await consent('MBR004', 'ADS', false, '2026-05-02T00:00:00Z');
    await consent('MBR004', 'ADS', true, '2026-04-01T00:00:00Z');
    expect(await count(app, 'consent_ads')).toBe(1);
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect(await count(other, 'consent_ads')).toBe(1);
    expect(await count(other, 'consent_email')).toBe(1);

    const page = await gql.ok<{ person: { segments: string[] } }>(
      '{ person(identifier: {type: "member_id", value: "MBR006"}) { segments } }',
    );
    expect(page.person.segments).toEqual(expect.arrayContaining(['consent_ads', 'consent_email']));
  });
});
