import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { generateClient, urqlClient, type SentBodies } from '../support/codegen-client.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, startService, type RunningService } from '../support/service.js';

/**
 * A front end's view of OneID Graph: graphql-codegen's client preset types the operations of
 * test/e2e/client/operations.graphql from schema/schema.graphql, and urql runs them against
 * `oneid serve` with the seeds, as text, as automatic persisted queries, and by build-time
 * hash against a service that runs only the manifest codegen wrote (trusted documents).
 */

const OUT = join(projectRoot, '.cache', 'codegen-client');
const DOCUMENTS = join(projectRoot, 'test', 'e2e', 'client', 'operations.graphql');
const MANIFEST = join(OUT, 'persisted-documents.json');
const expected = JSON.parse(readFileSync(join(projectRoot, 'seeds', 'expected.json'), 'utf8'));
const asOf: string = expected.asOf;

interface Identifier {
  type: string;
  value: string;
}
interface PersonPage {
  person: {
    oneId: string;
    identifiers: (Identifier & { source: string | null })[];
    profile: {
      memberId: string;
      realName: string | null;
      level: string | null;
      totalPoints: number | null;
    } | null;
    rfm: {
      recencyDays: number;
      frequency: number;
      monetary: number | string;
      lastPurchaseDate: string;
      segment: string;
    } | null;
    segments: string[];
  } | null;
}
interface PersonsBatch {
  persons: ({ oneId: string; identifiers: Identifier[] } | null)[];
}

/** The generated documents this test uses (their types are checked by tsc below). */
interface Generated {
  PersonPageDocument: TypedDocumentNode<PersonPage, { identifier: Identifier; asOf?: string }>;
  PersonsBatchDocument: TypedDocumentNode<PersonsBatch, { identifiers: Identifier[] }>;
  AudienceCountDocument: TypedDocumentNode<
    { audience: { count: number } },
    { expression: string; asOf?: string }
  >;
}

const MBR001 = { type: 'member_id', value: 'MBR001' };

let db: Gateway;
let service: RunningService;
let ops: Generated;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await generateClient(DOCUMENTS, OUT);
  ops = (await import(pathToFileURL(join(OUT, 'graphql.ts')).href)) as Generated;
  db = await freshDatabase();
  service = await startService(14007);
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

async function ok<T, V extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<T> {
  const result = await client.query(document, variables).toPromise();
  if (result.error) throw result.error;
  return result.data as T;
}

/** The generated operations, checked against the seed's figures. */
async function runOperations(client: Client): Promise<void> {
  const page = await ok(client, ops.PersonPageDocument, { identifier: MBR001, asOf });
  expect(page.person?.profile).toEqual({
    memberId: 'MBR001',
    realName: 'Alice Wang',
    level: 'gold',
    totalPoints: 1200,
  });
  expect(page.person?.identifiers.map((i) => i.value)).toEqual(
    expect.arrayContaining(['MBR001', 'union_001', 'open_001', 'DEV001']),
  );
  const top = expected.rfmTop10ByMonetary.find((r: { person: string }) => r.person === 'MBR001');
  const rfm = page.person?.rfm;
  expect(rfm && { ...rfm, monetary: Number(rfm.monetary).toFixed(2) }).toEqual({
    recencyDays: top.recencyDays,
    frequency: top.frequency,
    monetary: top.monetary.toFixed(2),
    lastPurchaseDate: top.lastPurchaseDate,
    segment: 'Loyal Customers',
  });
  expect(page.person?.segments).toContain('Loyal Customers');

  const batch = await ok(client, ops.PersonsBatchDocument, {
    identifiers: [MBR001, { type: 'member_id', value: 'NO_SUCH_MEMBER' }, MBR001],
  });
  expect(batch.persons.map((p) => p?.oneId ?? null)).toEqual([
    page.person?.oneId,
    null,
    page.person?.oneId,
  ]);

  for (const [expression, count] of Object.entries(expected.algebra)) {
    const audience = await ok(client, ops.AudienceCountDocument, { expression, asOf });
    expect({ expression, count: audience.audience.count }).toEqual({ expression, count });
  }
}

describe('a codegen-typed urql client (issue 14)', () => {
  it('generates typed documents that type-check in a consumer, and their manifest', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    expect(Object.values(manifest).map((d) => /query (\w+)/.exec(d)?.[1])).toEqual([
      'PersonPage',
      'PersonsBatch',
      'AudienceCount',
    ]);
    expect(Object.keys(manifest).every((k) => /^sha256:[0-9a-f]{64}$/.test(k))).toBe(true);
    writeFileSync(
      join(OUT, 'consumer.ts'),
      `import type { Client } from '@urql/core';
import { PersonsBatchDocument, type PersonsBatchQuery } from './graphql.js';

export async function oneIds(client: Client, values: string[]): Promise<(string | null)[]> {
  const identifiers = values.map((value) => ({ type: 'member_id', value }));
  const { data } = await client.query(PersonsBatchDocument, { identifiers }).toPromise();
  const persons: PersonsBatchQuery['persons'] = data?.persons ?? [];
  // @ts-expect-error the batch selects no profile
  void persons[0]?.profile;
  return persons.map((p) => p?.oneId ?? null);
}
`,
    );
    const tsc = spawnSync(
      process.execPath,
      [
        join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        ...['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--skipLibCheck'],
        ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'],
        join(OUT, 'consumer.ts'),
      ],
      { encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs the person page, a batch lookup and audience counts as text', async () => {
    const sent: SentBodies = [];
    await runOperations(urqlClient(service.url, 'text', sent));
    expect(sent.every((body) => typeof body.query === 'string')).toBe(true);
  });

  it('registers an automatic persisted query once, then sends only its hash', async () => {
    const sent: SentBodies = [];
    const client = urqlClient(service.url, 'apq', sent);
    const variables = { identifier: MBR001, asOf };
    const first = await ok(client, ops.PersonPageDocument, variables);
    // the hash alone (PersistedQueryNotFound), then the hash with the text
    expect(sent.map((body) => typeof body.query)).toEqual(['undefined', 'string']);
    const hash = (sent[0]?.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery
      .sha256Hash;
    sent.length = 0;
    expect(await ok(client, ops.PersonPageDocument, variables)).toEqual(first);
    expect(sent).toEqual([
      {
        operationName: 'PersonPage',
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      },
    ]);
  });
});

describe('trusted documents: only the manifest codegen wrote runs', () => {
  let trusted: RunningService;
  beforeAll(async () => {
    trusted = await startService(14008, { ONEID_GRAPHQL_TRUSTED_DOCUMENTS: MANIFEST });
  });
  afterAll(async () => {
    await trusted?.stop();
  });

  it('runs the generated operations by their build-time hash, never sending their text', async () => {
    const sent: SentBodies = [];
    await runOperations(urqlClient(trusted.url, 'trusted', sent));
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    for (const body of sent) {
      expect(body.query).toBeUndefined();
      const { sha256Hash } = (body.extensions as { persistedQuery: { sha256Hash: string } })
        .persistedQuery;
      expect(Object.keys(manifest)).toContain(sha256Hash);
    }
    // the exact text of a listed document runs too
    const batch = Object.values(manifest).find((d) => d.startsWith('query PersonsBatch'));
    const text = await trusted.gql(batch ?? '', { identifiers: [MBR001] });
    expect(text).toMatchObject({ status: 200, data: { persons: [{ oneId: expect.any(String) }] } });
  });

  it('refuses an ad-hoc operation and an unknown hash with PERSISTED_QUERY_NOT_ALLOWED', async () => {
    const adHoc = await urqlClient(trusted.url, 'text')
      .query('{ sourceStats { source rows } }', {})
      .toPromise();
    expect(adHoc.data).toBeUndefined();
    expect(adHoc.error?.graphQLErrors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(adHoc.error?.graphQLErrors[0]?.message).toMatch(/registered operations/);
    const res = await fetch(`${trusted.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.reader },
      body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } }],
    });
  });

  it('serves no GraphiQL (its introspection and typed queries are not in the list)', async () => {
    const res = await fetch(`${trusted.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});
