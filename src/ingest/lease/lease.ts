import type { Gateway } from '../../neo4j/gateway.js';

export interface LeaseSettings {
  /** A holding lasts this long after its last renewal (on the database's clock), in ms. */
  readonly ttlMs: number;
  /** The holder renews, and a standby tries again, this often (less than `ttlMs`), in ms. */
  readonly renewMs: number;
}

/** The outcome of one attempt to take the lease. */
export interface LeaseAttempt {
  readonly acquired: boolean;
  /** Who holds it now (this process when acquired). */
  readonly holder: string;
  /** The fencing token of the holding: grows by one with every new holder. */
  readonly token: number;
}

/** What the lease node says, for status output; null holder when released. */
export interface LeaseState {
  readonly holder: string | null;
  readonly token: number;
  /** Milliseconds until it expires on the database's clock; 0 or less when expired. */
  readonly remainingMs: number;
}

/**
 * A named lease kept in Neo4j as a (:Lease {name}) node: one holder at a time, taken over
 * when it expires or is released. Every holding has a token; a write fenced by the lease
 * (`ingest/save-binlog-position`) names its token and is refused once another took over.
 * Times are the database's clock, so replicas on different machines need no clock sync.
 */
export class Lease {
  constructor(
    private readonly db: Gateway,
    readonly name: string,
    /** This process's name as a holder (unique among replicas). */
    readonly holder: string,
    readonly settings: LeaseSettings,
  ) {}

  /** Takes the lease when free or expired, extends it when held by this holder already. */
  async acquire(): Promise<LeaseAttempt> {
    const [row] = await this.db.writeQuery<{ holder: string; token: number; acquired: boolean }>(
      'ingest/acquire-lease',
      { name: this.name, holder: this.holder, ttlMs: this.settings.ttlMs },
    );
    if (!row) throw new Error(`lease ${this.name}: acquire returned no row`);
    return { acquired: row.acquired, holder: row.holder, token: Number(row.token) };
  }

  /** Extends the holding of `token`; false when another holder took over (or it was released). */
  async renew(token: number): Promise<boolean> {
    const rows = await this.db.writeQuery('ingest/renew-lease', {
      name: this.name,
      holder: this.holder,
      token,
      ttlMs: this.settings.ttlMs,
    });
    return rows.length > 0;
  }

  /** Frees the holding of `token` at once; does nothing when it is no longer this holder's. */
  async release(token: number): Promise<void> {
    await this.db.writeQuery('ingest/release-lease', {
      name: this.name,
      holder: this.holder,
      token,
    });
  }

  async read(): Promise<LeaseState | null> {
    const [row] = await this.db.readQuery<{
      holder: string | null;
      token: number;
      expiresAt: number;
      now: number;
    }>('ingest/read-lease', { name: this.name });
    if (!row) return null;
    return {
      holder: row.holder,
      token: Number(row.token),
      remainingMs: Number(row.expiresAt) - Number(row.now),
    };
  }
}
