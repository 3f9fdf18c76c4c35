import { join } from 'node:path';
import { portOpen, readPid, startDaemon, stopDaemon, waitUntil } from './process.js';
import { keptSecret } from './secret.js';

export type Log = (line: string) => void;

/** How to launch the server process once it is prepared. */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A server the project provisions and runs itself on loopback (Neo4j, Kafka, MariaDB), with
 * its files under `home`: `run/<pidName>`, `logs/console.log`. Subclasses say how to prepare,
 * launch and probe it; start is idempotent and stop is a clean SIGTERM.
 */
export abstract class LocalServer<Status> {
  constructor(
    readonly home: string,
    protected readonly log: Log,
  ) {}

  /** Shown in messages: "Neo4j". */
  protected abstract readonly label: string;
  /** Ports that must be free before a start, with the variables that move them. */
  protected abstract ports(): readonly { readonly port: number; readonly hint: string }[];
  /** Downloads, configuration, one-time initialization; runs before every fresh start. */
  protected abstract prepare(): Promise<void>;
  protected abstract launch(): Launch;
  /** True once clients can use the server. */
  protected abstract isReady(): Promise<boolean>;
  abstract status(): Status;

  protected readonly pidName: string = 'server.pid';
  protected readonly stopGraceMs: number = 60_000;
  protected readonly readyTimeoutMs: number = 120_000;

  protected get pidFile(): string {
    return join(this.home, 'run', this.pidName);
  }

  protected get logFile(): string {
    return join(this.home, 'logs', 'console.log');
  }

  /** The log to quote when the start fails. */
  protected get diagnosticLog(): string {
    return this.logFile;
  }

  /** True while the process of this instance (by its pid file) is alive, ready or not. */
  isRunning(): boolean {
    return this.runningPid() !== undefined;
  }

  protected runningPid(): number | undefined {
    return readPid(this.pidFile);
  }

  /**
   * Idempotent: prepares what is missing, starts the server unless it runs, waits until ready.
   * Once `signal` aborts it starts nothing more and stops waiting (rejecting with the abort
   * reason); a process it already launched is left to `stop()`.
   */
  async start(opts: { signal?: AbortSignal } = {}): Promise<Status> {
    const { signal } = opts;
    signal?.throwIfAborted();
    const running = this.runningPid();
    if (running !== undefined) {
      await this.waitReady(running, signal);
      return this.status();
    }
    for (const { port, hint } of this.ports()) {
      if (await portOpen(port))
        throw new Error(`Port ${port} is already taken by another process; set ${hint}.`);
    }
    await this.prepare();
    signal?.throwIfAborted();
    const { command, args, env } = this.launch();
    const pid = startDaemon({
      name: this.label,
      command,
      args,
      ...(env ? { env } : {}),
      cwd: this.home,
      pidFile: this.pidFile,
      logFile: this.logFile,
    });
    await this.waitReady(pid, signal);
    return this.status();
  }

  /** SIGTERM, so the server closes its files cleanly; SIGKILL only after the grace period. */
  stop(): Promise<boolean> {
    return stopDaemon(this.pidFile, this.stopGraceMs);
  }

  /** A secret generated once per instance and kept in `home` (mode 600). */
  protected secret(fileName: string): string {
    return keptSecret(join(this.home, fileName), 18);
  }

  private waitReady(pid: number, signal: AbortSignal | undefined): Promise<void> {
    return waitUntil(this.label, () => this.isReady(), {
      pid,
      timeoutMs: this.readyTimeoutMs,
      logFile: this.diagnosticLog,
      signal,
    });
  }
}
