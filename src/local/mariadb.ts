import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import type { Config } from '../config.js';
import { projectRoot } from '../paths.js';
import { logLine } from '../log/logger.js';
import { LocalServer, type Launch, type Log } from './local-server.js';
import { portOpen } from './process.js';

const run = promisify(execFile);

export interface LocalMariaDbSettings {
  readonly port: number;
  readonly serverId: number;
  /** The replication user the binlog reader logs in as; it may also write the CRM table. */
  readonly user: string;
  /** Schema and table created at start (the DDL of sql/crm/create-members.sql, add-consent-columns.sql). */
  readonly database: string;
  readonly table: string;
}

export interface LocalMariaDbStatus {
  readonly running: boolean;
  readonly pid: number | undefined;
  readonly host: string;
  readonly port: number;
  readonly socket: string;
  readonly home: string;
}

/**
 * A MariaDB server from Debian's `mariadb-server` package (scripts/install-streams.sh) run
 * on loopback with its data under `cacheDir`: binlog on, ROW format, full row images and
 * row metadata, as the binlog reader needs. One instance per `name`.
 */
export class LocalMariaDb extends LocalServer<LocalMariaDbStatus> {
  protected readonly label = 'MariaDB';
  protected override readonly pidName = 'daemon.pid';

  constructor(
    cacheDir: string,
    readonly settings: LocalMariaDbSettings,
    readonly name = 'default',
    log: Log = logLine,
  ) {
    super(join(cacheDir, 'mariadb', 'instances', name), log);
  }

  get socket(): string {
    return join(this.home, 'run', 'mariadb.sock');
  }

  private get configFile(): string {
    return join(this.home, 'conf', 'my.cnf');
  }

  protected override get diagnosticLog(): string {
    return join(this.home, 'logs', 'error.log');
  }

  /** The password of the replication user, generated once per instance. */
  password(): string {
    return this.secret('password');
  }

  status(): LocalMariaDbStatus {
    const pid = this.runningPid();
    return {
      running: pid !== undefined,
      pid,
      host: '127.0.0.1',
      port: this.settings.port,
      socket: this.socket,
      home: this.home,
    };
  }

  protected ports() {
    return [{ port: this.settings.port, hint: 'ONEID_MARIADB_PORT or ONEID_CDC_HOST' }];
  }

  /** Writes the configuration and initializes the data folder once. */
  protected async prepare(): Promise<void> {
    mariadbd();
    this.writeConfig();
    await this.installDb();
  }

  protected launch(): Launch {
    return { command: mariadbd(), args: [`--defaults-file=${this.configFile}`, ...runAs()] };
  }

  /** Ready when the replication user can log in. */
  protected async isReady(): Promise<boolean> {
    if (!(await portOpen(this.settings.port))) return false;
    try {
      const conn = await createConnection({
        host: '127.0.0.1',
        port: this.settings.port,
        user: this.settings.user,
        password: this.password(),
      });
      await conn.end();
      return true;
    } catch {
      return false;
    }
  }

  private async installDb(): Promise<void> {
    if (existsSync(join(this.home, 'data', 'mysql'))) return;
    this.log(`Initializing the MariaDB data folder ${join(this.home, 'data')}...`);
    await run(
      'mariadb-install-db',
      [
        `--defaults-file=${this.configFile}`,
        ...runAs(),
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
      ],
      { cwd: this.home },
    ).catch((error: { code?: string; stderr?: string }) => {
      if (error.code === 'ENOENT')
        throw new Error(
          'mariadb-install-db is missing: run scripts/install-streams.sh (installs mariadb-server).',
        );
      throw new Error(`mariadb-install-db failed:\n${error.stderr ?? ''}`);
    });
  }

  private writeConfig(): void {
    for (const dir of ['conf', 'data', 'binlog', 'logs', 'run'])
      mkdirSync(join(this.home, dir), { recursive: true });
    const { port, serverId } = this.settings;
    writeFileSync(join(this.home, 'conf', 'init.sql'), this.initSql(), { mode: 0o600 });
    writeFileSync(
      this.configFile,
      [
        '# Written by `oneid mariadb start` at every start; edit the ONEID_MARIADB_* variables instead.',
        '[mysqld]',
        `datadir=${join(this.home, 'data')}`,
        `socket=${this.socket}`,
        `pid-file=${join(this.home, 'run', 'mariadbd.pid')}`,
        `log-error=${join(this.home, 'logs', 'error.log')}`,
        'bind-address=127.0.0.1',
        `port=${port}`,
        'skip-name-resolve',
        `server_id=${serverId}`,
        `log_bin=${join(this.home, 'binlog', 'mariadb-bin')}`,
        'binlog_format=ROW',
        'binlog_row_image=FULL',
        'binlog_row_metadata=FULL',
        'expire_logs_days=7',
        'innodb_buffer_pool_size=128M',
        'character-set-server=utf8mb4',
        'collation-server=utf8mb4_unicode_ci',
        `init-file=${join(this.home, 'conf', 'init.sql')}`,
        '',
      ].join('\n'),
    );
  }

  /** Run by mariadbd at every start: the CRM table and the replication user, idempotently. */
  private initSql(): string {
    const { database, table, user } = this.settings;
    const ddl = ['create-members.sql', 'add-consent-columns.sql']
      .map((file) => readFileSync(join(projectRoot, 'sql', 'crm', file), 'utf8'))
      .join('\n')
      .replace(/^\s*--.*$/gm, '')
      .replaceAll('`crm`', `\`${database}\``)
      .replaceAll('`members`', `\`${table}\``);
    const password = this.password().replace(/'/g, "''");
    const statements = [
      ...ddl.split(';'),
      ...['127.0.0.1', 'localhost'].flatMap((host) => [
        `CREATE USER IF NOT EXISTS '${user}'@'${host}' IDENTIFIED BY '${password}'`,
        `ALTER USER '${user}'@'${host}' IDENTIFIED BY '${password}'`,
        `GRANT SELECT, RELOAD, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '${user}'@'${host}'`,
        `GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'${host}'`,
      ]),
    ];
    // One statement per line: the init file is read line by line.
    return (
      statements
        .map((s) => s.replace(/\s+/g, ' ').trim())
        .filter((s) => s !== '')
        .map((s) => `${s};`)
        .join('\n') + '\n'
    );
  }
}

function mariadbd(): string {
  for (const path of ['/usr/sbin/mariadbd', '/usr/bin/mariadbd']) if (existsSync(path)) return path;
  throw new Error('mariadbd is missing: run scripts/install-streams.sh (installs mariadb-server).');
}

/** mariadbd refuses to run as root unless told which user to run as. */
function runAs(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

/** The local server the CDC settings describe (used when ONEID_CDC_HOST is unset). */
export function localMariaDbFor(
  config: Config,
  name = 'default',
  log?: (line: string) => void,
): LocalMariaDb {
  const { cdc } = config.ingest;
  return new LocalMariaDb(
    config.cacheDir,
    { ...cdc.local, user: cdc.user, database: cdc.database, table: cdc.table },
    name,
    log,
  );
}
