import { InputError } from '../errors.js';
import { MAX_MAPPING_ROWS } from '../input-limits.js';
import { confidenceArg, sourceArg } from './command-args.js';
import { idMappingFromInput, upsertIdMappings, type IdMappingInputRow } from './id-mapping.js';
import type { IdentityService, IngestResult } from './identity-service.js';
import { nowStamp, type IdRef } from './ids.js';

/**
 * The identity commands of the API. Each takes the caller's input as given (identifiers by
 * type and value, a raw `mobile` / `email` included) and runs it through one path: every
 * identifier through `IdentityService.require`, confidences and sources through
 * command-args.ts. What one command accepts the others accept alike, normalized the same
 * way; what one refuses they refuse with the same BAD_USER_INPUT, naming the field by its
 * path in the input (`a.value`, `rows[3].idValue`, `inputs[2].links[0].type`).
 */

export { resolveIds, type ResolveIdRequest, type ResolveIdResult } from './resolve-id.js';
export type { IdMappingInputRow } from './id-mapping.js';

/** What a command changed, and how many rows or links it wrote. */
export interface CommandResult extends IngestResult {
  readonly written: number;
}

/** Two identifiers, as the caller names them. */
export interface IdentifierPair {
  readonly a: IdRef;
  readonly b: IdRef;
}

export interface LinkRequest extends IdentifierPair {
  /** Default 1. */
  readonly confidence?: number | null;
  /** Default "steward". */
  readonly source?: string | null;
}

/** Links two identifiers (or re-activates their link) and merges their persons if admissible. */
export async function link(
  identity: IdentityService,
  request: LinkRequest,
): Promise<CommandResult> {
  const confidence = confidenceArg(request.confidence, 'confidence');
  const source = sourceArg(request.source, 'steward', 'source');
  const a = identity.require(request.a, 'a');
  const b = identity.require(request.b, 'b');
  const now = nowStamp();
  const result = await identity.ingest(
    { identifiers: [], links: [{ a, b, source, confidence, firstSeen: now, lastSeen: now }] },
    `link by ${source}`,
  );
  return { ...result, written: 1 };
}

/**
 * Deactivates the link between two identifiers, on a steward's word; the person splits if
 * nothing else holds it together. BAD_USER_INPUT on `b` when they are not linked.
 */
export async function unlink(
  identity: IdentityService,
  request: IdentifierPair,
): Promise<CommandResult> {
  const a = identity.require(request.a, 'a');
  const b = identity.require(request.b, 'b');
  const { found, ...result } = await identity.setLinkActive(a, b, false, 'steward');
  if (!found) throw new InputError('These identifiers are not linked.', 'b');
  return { ...result, skipped: [], quarantined: [], written: 1 };
}

/** Rows of an external ID graph with MERGE INTO semantics (see `upsertIdMappings`). */
export async function upsertMappings(
  identity: IdentityService,
  rows: readonly IdMappingInputRow[],
): Promise<CommandResult> {
  if (rows.length > MAX_MAPPING_ROWS)
    throw new InputError(`At most ${MAX_MAPPING_ROWS} rows per call.`, 'rows');
  const parsed = rows.map((r, i) => idMappingFromInput(identity, r, `rows[${i}]`));
  return { ...(await upsertIdMappings(identity, parsed)), written: parsed.length };
}
