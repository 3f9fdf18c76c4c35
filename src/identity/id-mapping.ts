import { InputError } from '../errors.js';
import { MAX_SOURCE } from '../input-limits.js';
import { boolean, decimal, optional, required, timestamp } from '../rows/fields.js';
import { RowRejected } from '../rows/row-error.js';
import type { IdentityService, IngestResult, LinkObservation } from './identity-service.js';
import type { IdRef } from './ids.js';
import { requiredRowIdentifier } from './row-identifier.js';

/** One row of an external ID graph (id_mapping.csv, upsertIdMappings). */
export interface IdMappingRow {
  readonly oneId: string;
  readonly idType: string;
  readonly idValue: string;
  readonly sourceChannel: string;
  readonly confidence: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly isActive: boolean;
}

/** The external graph's own id is kept as an identifier of this type. */
export const EXTERNAL_ONE_ID = 'ext_one_id';

export function parseIdMapping(row: Record<string, unknown>): IdMappingRow {
  const confidence = decimal(row, 'confidence');
  if (confidence === null || confidence <= 0 || confidence > 1) {
    throw new RowRejected(`confidence must be in (0, 1], got "${String(row.confidence)}"`);
  }
  const firstSeen = timestamp(row, 'first_seen');
  const sourceChannel = optional(row, 'source_channel') ?? 'mapping';
  if (sourceChannel.length > MAX_SOURCE)
    throw new RowRejected(`source_channel longer than ${MAX_SOURCE} characters`);
  return {
    oneId: required(row, 'one_id'),
    idType: required(row, 'id_type'),
    idValue: required(row, 'id_value'),
    sourceChannel,
    confidence,
    firstSeen,
    lastSeen: optional(row, 'last_seen') === null ? firstSeen : timestamp(row, 'last_seen'),
    isActive: optional(row, 'is_active') === null ? true : boolean(row, 'is_active'),
  };
}

/** The two identifiers of a mapping row, by the names of their parts in the row. */
const EXT_PARTS = { type: 'oneId', value: 'oneId' } as const;
const ID_PARTS = { type: 'idType', value: 'idValue' } as const;
type MappingIdentifier = typeof EXT_PARTS | typeof ID_PARTS;

/**
 * A row with both identifiers through the one normalization path (a raw `mobile` / `email`
 * is hashed); `normalize` throws naming the part at fault.
 */
function normalizeIdMapping<R extends Pick<IdMappingRow, 'oneId' | 'idType' | 'idValue'>>(
  row: R,
  normalize: (ref: IdRef, parts: MappingIdentifier) => IdRef,
): R {
  const ext = normalize({ type: EXTERNAL_ONE_ID, value: row.oneId }, EXT_PARTS);
  const id = normalize({ type: row.idType, value: row.idValue }, ID_PARTS);
  return { ...row, oneId: ext.value, idType: id.type, idValue: id.value };
}

const COLUMNS = { oneId: 'one_id', idType: 'id_type', idValue: 'id_value' } as const;

/**
 * A parsed file row with both identifiers normalized; throws RowRejected naming the column
 * when either is blocked, malformed or unknown.
 */
export function checkIdMapping(identity: IdentityService, row: IdMappingRow): IdMappingRow {
  return normalizeIdMapping(row, (ref, parts) =>
    requiredRowIdentifier(identity, ref, {
      type: COLUMNS[parts.type],
      value: COLUMNS[parts.value],
    }),
  );
}

/** The GraphQL shape of a mapping row. */
export interface IdMappingInputRow {
  readonly oneId: string;
  readonly idType: string;
  readonly idValue: string;
  readonly sourceChannel?: string | null;
  readonly confidence: number;
  readonly firstSeen: string;
  readonly lastSeen?: string | null;
  readonly isActive?: boolean | null;
}

/**
 * Normalizes and parses a mapping row given as an argument; throws BAD_USER_INPUT naming
 * its `oneId` / `idType` / `idValue` under `field` (e.g. "rows[3].idValue") when an
 * identifier is bad, else `field` itself for the rest of the row, checked like a file row's.
 */
export function idMappingFromInput(
  identity: IdentityService,
  input: IdMappingInputRow,
  field: string,
): IdMappingRow {
  const ids = normalizeIdMapping(input, (ref, parts) =>
    identity.require(ref, { type: `${field}.${parts.type}`, value: `${field}.${parts.value}` }),
  );
  try {
    return parseIdMapping({
      one_id: ids.oneId,
      id_type: ids.idType,
      id_value: ids.idValue,
      source_channel: input.sourceChannel ?? null,
      confidence: input.confidence,
      first_seen: input.firstSeen,
      last_seen: input.lastSeen ?? null,
      is_active: input.isActive === false ? 'false' : 'true',
    });
  } catch (error) {
    if (error instanceof RowRejected) throw new InputError(`${field}: ${error.message}.`, field);
    throw error;
  }
}

/**
 * The seed's MERGE INTO: each (one_id, id_type, id_value) is one link from the external
 * one_id to the identifier. A known triple takes last_seen, confidence and is_active from a
 * row with a later last_seen and nothing else (an equal or earlier one is a no-op, so files
 * and calls may arrive in any order); a new triple is inserted; rows of one one_id belong
 * together.
 */
export function upsertIdMappings(
  identity: IdentityService,
  rows: readonly IdMappingRow[],
): Promise<IngestResult> {
  const links: LinkObservation[] = rows.map((r) => ({
    a: { type: EXTERNAL_ONE_ID, value: r.oneId },
    b: { type: r.idType, value: r.idValue },
    source: r.sourceChannel,
    confidence: r.confidence,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    active: r.isActive,
    mode: 'mapping',
  }));
  return identity.ingest({ identifiers: [], links }, 'id_mapping');
}
