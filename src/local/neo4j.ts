import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LocalNeo4jSettings } from '../config.js';
import { ensureJars } from './maven.js';
import { portOpen, readPid, startDaemon, stopDaemon, waitUntil } from './process.js';

const run = promisify(execFile);

/** Flags that the stock neo4j.conf passes to the JVM; the neo4j launcher is not used here. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
];

export interface LocalNeo4jStatus {
  readonly running: boolean;
  readonly pid: number | undefined;
  readonly boltUri: string;
  readonly browserUrl: string;
  readonly home: string;
}

/**
 * A Neo4j Community server provisioned from Maven Central into `cacheDir` and run on
 * loopback with the installed Java 17. One instance per `name` (its own data and ports).
 */
export class LocalNeo4j {
  readonly libDir: string;
  readonly home: string;

  constructor(
    cacheDir: string,
    readonly settings: LocalNeo4jSettings,
    readonly name = 'default',
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    this.libDir = join(cacheDir, 'neo4j', settings.version, 'lib');
    this.home = join(cacheDir, 'neo4j', 'instances', name);
  }

  get boltUri(): string {
    return `bolt://127.0.0.1:${this.settings.boltPort}`;
  }

  get browserUrl(): string {
    return `http://127.0.0.1:${this.settings.httpPort}/browser/`;
  }

  private get pidFile(): string {
    return join(this.home, 'run', 'neo4j.pid');
  }

  private get logFile(): string {
    return join(this.home, 'logs', 'console.log');
  }

  /** The password of the `neo4j` user, generated once per instance. */
  password(): string {
    const file = join(this.home, 'password');
    if (!existsSync(file)) {
      mkdirSync(this.home, { recursive: true });
      writeFileSync(file, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
    }
    return readFileSync(file, 'utf8').trim();
  }

  status(): LocalNeo4jStatus {
    const pid = readPid(this.pidFile);
    return {
      running: pid !== undefined,
      pid,
      boltUri: this.boltUri,
      browserUrl: this.browserUrl,
      home: this.home,
    };
  }

  /** Idempotent: provisions what is missing, starts the server unless it runs, waits for Bolt and HTTP. */
  async start(): Promise<LocalNeo4jStatus> {
    const running = readPid(this.pidFile);
    if (running !== undefined) {
      await this.waitReady(running);
      return this.status();
    }
    for (const port of [this.settings.boltPort, this.settings.httpPort]) {
      if (await portOpen(port)) {
        throw new Error(
          `Port ${port} is already taken by another process; set ONEID_NEO4J_BOLT_PORT / ONEID_NEO4J_HTTP_PORT or NEO4J_URI.`,
        );
      }
    }
    await ensureJars(
      this.libDir,
      [
        { groupId: 'org.neo4j', artifactId: 'neo4j', version: this.settings.version },
        {
          groupId: 'org.neo4j.client',
          artifactId: 'neo4j-browser',
          version: this.settings.browserVersion,
        },
      ],
      this.log,
    );
    this.writeConfig();
    await this.setInitialPassword();
    const pid = startDaemon({
      name: 'Neo4j',
      command: 'java',
      args: [
        `-Xms${this.settings.heap}`,
        `-Xmx${this.settings.heap}`,
        ...JVM_FLAGS,
        '-cp',
        join(this.libDir, '*'),
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${this.home}`,
        `--config-dir=${join(this.home, 'conf')}`,
        '--console-mode',
      ],
      env: this.env(),
      cwd: this.home,
      pidFile: this.pidFile,
      logFile: this.logFile,
    });
    await this.waitReady(pid);
    return this.status();
  }

  /** Clean shutdown (SIGTERM lets Neo4j checkpoint and close its store). */
  async stop(): Promise<boolean> {
    return stopDaemon(this.pidFile, 90_000);
  }

  private async waitReady(pid: number): Promise<void> {
    const httpUrl = `http://127.0.0.1:${this.settings.httpPort}/`;
    await waitUntil(
      'Neo4j',
      async () =>
        (await portOpen(this.settings.boltPort)) &&
        (await fetch(httpUrl).then(
          (r) => r.ok,
          () => false,
        )),
      { pid, timeoutMs: 180_000, logFile: this.logFile },
    );
  }

  private env(): Record<string, string> {
    return { NEO4J_HOME: this.home, NEO4J_CONF: join(this.home, 'conf') };
  }

  private writeConfig(): void {
    for (const dir of ['conf', 'data', 'logs', 'run', 'plugins', 'import'])
      mkdirSync(join(this.home, dir), { recursive: true });
    const { boltPort, httpPort, heap, pageCache } = this.settings;
    writeFileSync(
      join(this.home, 'conf', 'neo4j.conf'),
      [
        '# Written by `oneid neo4j start` at every start; edit the ONEID_NEO4J_* variables instead.',
        'server.default_listen_address=127.0.0.1',
        `server.bolt.listen_address=127.0.0.1:${boltPort}`,
        `server.bolt.advertised_address=127.0.0.1:${boltPort}`,
        `server.http.listen_address=127.0.0.1:${httpPort}`,
        `server.http.advertised_address=127.0.0.1:${httpPort}`,
        'server.https.enabled=false',
        'dbms.security.auth_enabled=true',
        'dbms.usage_report.enabled=false',
        `server.memory.heap.initial_size=${heap}`,
        `server.memory.heap.max_size=${heap}`,
        `server.memory.pagecache.size=${pageCache}`,
        'db.transaction.timeout=120s',
        'server.directories.import=import',
        '',
      ].join('\n'),
    );
  }

  private async setInitialPassword(): Promise<void> {
    // Only before the very first start: afterwards the system database holds the users.
    if (existsSync(join(this.home, 'data', 'databases', 'system'))) return;
    await run(
      'java',
      [
        '-cp',
        join(this.libDir, '*'),
        'org.neo4j.server.startup.Neo4jAdminCommand',
        'dbms',
        'set-initial-password',
        this.password(),
      ],
      { env: { ...process.env, ...this.env() }, cwd: this.home },
    );
  }
}
