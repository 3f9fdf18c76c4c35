import { join } from 'node:path';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { Client, fetchExchange, type Exchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { projectRoot } from '../../src/paths.js';
import { KEYS } from './service.js';

/**
 * graphql-codegen's client preset as a front-end build runs it: typed documents for the
 * operations of `documents`, from the committed schema, and the trusted-documents manifest
 * (`persisted-documents.json`) beside them.
 */
export function codegenConfig(documents: string, outDir: string): CodegenConfig {
  return {
    schema: join(projectRoot, 'schema', 'schema.graphql'),
    documents,
    silent: true,
    generates: {
      [`${outDir}/`]: {
        preset: 'client',
        presetConfig: { persistedDocuments: true, fragmentMasking: false },
        config: {
          // custom scalars (dates, money) travel as strings
          scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' },
          useTypeImports: true,
          emitLegacyCommonJSImports: false,
        },
      },
    },
  };
}

export async function generateClient(documents: string, outDir: string): Promise<void> {
  await generate(codegenConfig(documents, outDir), true);
}

/** The JSON body of every request a client sent, in order. */
export type SentBodies = Record<string, unknown>[];

/** A `fetch` that records the body of each request before sending it. */
export function recordingFetch(sent: SentBodies): typeof fetch {
  return (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return fetch(input, init);
  };
}

/** How a document goes out: as text, by hash after APQ registration, or by its build-time hash. */
export type Sending = 'text' | 'apq' | 'trusted';

/** A urql client as a front end sets it up, with a reader key. */
export function urqlClient(url: string, sending: Sending, sent: SentBodies = []): Client {
  const exchanges: Exchange[] = [fetchExchange];
  if (sending === 'apq')
    exchanges.unshift(persistedExchange({ preferGetForPersistedQueries: false }));
  if (sending === 'trusted')
    exchanges.unshift(
      persistedExchange({
        preferGetForPersistedQueries: false,
        enforcePersistedQueries: true,
        generateHash: async (_query, document) =>
          (document as { __meta__?: { hash?: string } }).__meta__?.hash,
      }),
    );
  return new Client({
    url: `${url}/graphql`,
    exchanges,
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: recordingFetch(sent),
    fetchOptions: { headers: { 'x-api-key': KEYS.reader } },
  });
}
