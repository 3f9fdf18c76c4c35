import type { RowError } from '../rows/row-error.js';

export type SourceKind = 'crm' | 'events' | 'retail' | 'mappings';

/** Graph names of the sources, as sourceStats reports them. */
export const sourceNames: Record<SourceKind, string> = {
  crm: 'crm_members',
  events: 'app_events',
  retail: 'retail_transactions',
  mappings: 'id_mapping',
};

/** What one file load did. `rejected` rows were skipped and reported; the rest loaded. */
export interface LoadSummary {
  readonly kind: SourceKind;
  readonly file: string;
  readonly sha256: string;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows written (for retail: lines new to the graph). */
  loaded: number;
  rejected: RowError[];
  /** Retail lines without a customer: stored, attached to no person. */
  anonymous: number;
  /** Retail lines identical in all eight fields to an earlier line of the file. */
  duplicates: number;
  durationMs: number;
}
