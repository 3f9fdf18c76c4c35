import { pause } from '../backoff.js';
import type { Lease } from './lease.js';

/**
 * Takes `lease`, trying again every `renewMs` while another holds it (`onStandby` is told
 * who). Resolves with the holding's token, or undefined when `signal` aborts first. Rejects
 * when Neo4j fails (the caller retries).
 */
export async function waitForLease(
  lease: Lease,
  signal: AbortSignal,
  onStandby: (holder: string) => void,
): Promise<number | undefined> {
  while (!signal.aborted) {
    const attempt = await lease.acquire();
    if (attempt.acquired) return attempt.token;
    onStandby(attempt.holder);
    await pause(lease.settings.renewMs, signal);
  }
  return undefined;
}

/**
 * A lease this process holds, renewed every `renewMs` until `stop()`. `lost` aborts when
 * another holder took over, or when no renewal succeeded for `ttlMs` (Neo4j unreachable:
 * another replica may hold it by now); the work the lease covers must stop then.
 */
export class LeaseHolding {
  private readonly losing = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private renewedAt = Date.now();
  private renewing = false;

  constructor(
    private readonly lease: Lease,
    readonly token: number,
    private readonly log: (line: string) => void,
  ) {
    this.timer = setInterval(() => void this.renew(), lease.settings.renewMs);
  }

  /** Aborts (with the reason as a string) when the holding is gone. */
  get lost(): AbortSignal {
    return this.losing.signal;
  }

  /** Stops renewing; the lease expires after its TTL unless released. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Stops renewing and frees the lease for another replica at once. Does not reject. */
  async release(): Promise<void> {
    this.stop();
    if (this.lost.aborted) return;
    await this.lease.release(this.token).catch((error: unknown) => {
      this.log(`[lease] ${this.lease.name}: release failed (${String(error)}); it expires instead`);
    });
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.lost.aborted) return;
    this.renewing = true;
    try {
      if (await this.lease.renew(this.token)) this.renewedAt = Date.now();
      else this.lose(`lease ${this.lease.name} was taken over`);
    } catch (error) {
      if (Date.now() - this.renewedAt >= this.lease.settings.ttlMs)
        this.lose(`lease ${this.lease.name} not renewed for its TTL (${String(error)})`);
    } finally {
      this.renewing = false;
    }
  }

  private lose(reason: string): void {
    this.stop();
    this.log(`[lease] ${reason}`);
    this.losing.abort(reason);
  }
}
