import { Cron } from 'croner';
import type { RfmService } from './rfm-service.js';

export interface RefreshAlert {
  readonly level: 'warn' | 'error';
  readonly message: string;
}

/**
 * The scheduled full RFM refresh (cron expression from configuration, daily at 02:00 by
 * default). After each run, a data-quality check: zero persons with RFM, or a drop of more
 * than `dropRatio` against the previous run, raises an alert (logged and counted in metrics).
 */
export class RefreshSchedule {
  private job: Cron | undefined;
  private previous: number | undefined;
  lastRun: { at: string; persons: number; withRfm: number; durationMs: number } | undefined;
  alerts = 0;

  constructor(
    private readonly rfm: RfmService,
    private readonly afterRefresh: () => Promise<void>,
    private readonly alert: (a: RefreshAlert) => void,
    private readonly dropRatio = 0.5,
  ) {}

  start(cron: string): void {
    this.job = new Cron(cron, { protect: true }, () =>
      this.runOnce().then(
        () => undefined,
        (e: unknown) => this.alert({ level: 'error', message: `RFM refresh failed: ${String(e)}` }),
      ),
    );
  }

  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  async runOnce(): Promise<void> {
    const stats = await this.rfm.refreshAll();
    await this.afterRefresh();
    this.lastRun = { at: new Date().toISOString(), ...stats };
    const check = qualityCheck(this.previous, stats.withRfm, this.dropRatio);
    if (check) {
      this.alerts++;
      this.alert(check);
    }
    this.previous = stats.withRfm;
  }

  stop(): void {
    this.job?.stop();
  }
}

/** The data-quality rule of the scheduled refresh, kept pure for tests. */
export function qualityCheck(
  previous: number | undefined,
  current: number,
  dropRatio: number,
): RefreshAlert | undefined {
  if (current === 0) return { level: 'error', message: 'RFM refresh: no person has RFM any more.' };
  if (previous !== undefined && previous > 0 && current < previous * (1 - dropRatio)) {
    return {
      level: 'warn',
      message: `RFM refresh: persons with RFM fell from ${previous} to ${current}.`,
    };
  }
  return undefined;
}
