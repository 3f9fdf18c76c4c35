import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LocalNeo4jSettings } from '../config.js';
import { logLine } from '../log/logger.js';
import { LocalServer, type Launch, type Log } from './local-server.js';
import { ensureJars } from './maven.js';
import { portOpen } from './process.js';

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

/**
 * The hosts Neo4j Browser may fetch guides and styles from: Neo4j's default, plus 127.0.0.1,
 * where the OneID service serves the steward guide. (Neo4j 5 still names the setting
 * `browser.remote_content_hostname_whitelist`.)
 */
const BROWSER_ALLOWLIST = 'guides.neo4j.com,localhost,127.0.0.1';

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
export class LocalNeo4j extends LocalServer<LocalNeo4jStatus> {
  readonly libDir: string;
  protected readonly label = 'Neo4j';
  protected override readonly pidName = 'neo4j.pid';
  protected override readonly stopGraceMs = 90_000;
  protected override readonly readyTimeoutMs = 180_000;

  constructor(
    cacheDir: string,
    readonly settings: LocalNeo4jSettings,
    readonly name = 'default',
    log: Log = logLine,
  ) {
    super(join(cacheDir, 'neo4j', 'instances', name), log);
    this.libDir = join(cacheDir, 'neo4j', settings.version, 'lib');
  }

  get boltUri(): string {
    return `bolt://127.0.0.1:${this.settings.boltPort}`;
  }

  get browserUrl(): string {
    return `http://127.0.0.1:${this.settings.httpPort}/browser/`;
  }

  /** The password of the `neo4j` user, generated once per instance. */
  password(): string {
    return this.secret('password');
  }

  status(): LocalNeo4jStatus {
    const pid = this.runningPid();
    return {
      running: pid !== undefined,
      pid,
      boltUri: this.boltUri,
      browserUrl: this.browserUrl,
      home: this.home,
    };
  }

  protected ports() {
    return [
      { port: this.settings.boltPort, hint: 'ONEID_NEO4J_BOLT_PORT or NEO4J_URI' },
      { port: this.settings.httpPort, hint: 'ONEID_NEO4J_HTTP_PORT or NEO4J_URI' },
    ];
  }

  protected async prepare(): Promise<void> {
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
  }

  protected launch(): Launch {
    return {
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
    };
  }

  protected async isReady(): Promise<boolean> {
    const http = `http://127.0.0.1:${this.settings.httpPort}/`;
    return (
      (await portOpen(this.settings.boltPort)) &&
      fetch(http).then(
        (r) => r.ok,
        () => false,
      )
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
        // `:play` and `:style` may fetch from the loopback service (the steward guide)
        `browser.remote_content_hostname_whitelist=${BROWSER_ALLOWLIST}`,
        ...Object.entries(this.settings.conf ?? {}).map(([name, value]) => `${name}=${value}`),
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
        // "--" ends the options: a password that begins with "-" is still the password
        '--',
        this.password(),
      ],
      { env: { ...process.env, ...this.env() }, cwd: this.home },
    );
  }
}
