import { boolean, decimal, optional, required, timestamp } from '../ingest/fields.js';
import { RowRejected } from '../ingest/row-error.js';
import type { IdentityService, IngestResult, LinkObservation } from './identity-service.js';

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
  return {
    oneId: required(row, 'one_id'),
    idType: required(row, 'id_type'),
    idValue: required(row, 'id_value'),
    sourceChannel: optional(row, 'source_channel') ?? 'mapping',
    confidence,
    firstSeen,
    lastSeen: optional(row, 'last_seen') === null ? firstSeen : timestamp(row, 'last_seen'),
    isActive: optional(row, 'is_active') === null ? true : boolean(row, 'is_active'),
  };
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
