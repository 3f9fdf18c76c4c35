import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The document to run, or `allowed: false` for one not in the list. */
export type TrustedDocument =
  { readonly allowed: true; readonly query: string | undefined } | { readonly allowed: false };

/** The part of a GraphQL request that names its document. */
export interface DocumentRequest {
  readonly query?: unknown;
  /** GraphQL over HTTP persisted documents: `sha256:<hex>`. */
  readonly documentId?: unknown;
  /** Apollo's APQ protocol: `extensions.persistedQuery.sha256Hash`, hex with or without `sha256:`. */
  readonly extensions?: unknown;
}

/**
 * The operations allowed to run (trusted documents), by the SHA-256 of their exact text.
 * Built from graphql-codegen client-preset's `persisted-documents.json`.
 */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /**
   * Reads a manifest `{"sha256:<hex>": "<document>", ...}` (the prefix is optional). Throws a
   * ConfigError when it cannot be read, is not such an object, or a key is not the SHA-256 of
   * its document: a list that does not hold what it claims must not start the service.
   */
  static load(path: string): TrustedDocuments {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `ONEID_GRAPHQL_TRUSTED_DOCUMENTS: cannot read ${path}: ${String(error)}`,
      );
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new ConfigError(`ONEID_GRAPHQL_TRUSTED_DOCUMENTS: ${path} is not a JSON object.`);
    const byHash = new Map<string, string>();
    for (const [key, document] of Object.entries(manifest)) {
      const hash = bareHash(key);
      if (typeof document !== 'string' || hash !== sha256(document))
        throw new ConfigError(
          `ONEID_GRAPHQL_TRUSTED_DOCUMENTS: ${path}: "${key.slice(0, 80)}" is not the SHA-256 of its document (use the client preset's default hashAlgorithm).`,
        );
      byHash.set(hash, document);
    }
    return new TrustedDocuments(byHash);
  }

  /**
   * The text to run for a request: the listed document its hash names, or its own text when
   * that text is listed exactly; anything else is not allowed. A request naming no document
   * at all gives `query: undefined`, for the server to refuse as it would without a list.
   */
  documentOf(request: DocumentRequest): TrustedDocument {
    if (typeof request.query === 'string' && request.query !== '')
      return this.byHash.has(sha256(request.query))
        ? { allowed: true, query: request.query }
        : { allowed: false };
    const id = requestedHash(request);
    if (id === undefined) return { allowed: true, query: undefined };
    const query = this.byHash.get(bareHash(id) ?? '');
    return query === undefined ? { allowed: false } : { allowed: true, query };
  }
}

function requestedHash(request: DocumentRequest): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId;
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)
    ?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/** `sha256:<hex>` or `<hex>` as lower-case hex, or undefined for anything else. */
function bareHash(id: string): string | undefined {
  const hex = (id.startsWith('sha256:') ? id.slice(7) : id).toLowerCase();
  return SHA256_HEX.test(hex) ? hex : undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
