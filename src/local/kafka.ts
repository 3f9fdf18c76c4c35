import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LocalKafkaSettings } from '../config.js';
import { logLine } from '../log/logger.js';
import { LocalServer, type Launch, type Log } from './local-server.js';
import { ensureJars } from './maven.js';
import { portOpen } from './process.js';
import { keptSecret } from './secret.js';

const run = promisify(execFile);

/** The SLF4J 1.7 backend Kafka 3.9 logs through (log4j 1 API, maintained as reload4j). */
const LOGGING = { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' };

export interface LocalKafkaStatus {
  readonly running: boolean;
  readonly pid: number | undefined;
  /** "127.0.0.1:9092" */
  readonly bootstrap: string;
  readonly home: string;
}

/**
 * An Apache Kafka broker in KRaft mode (one node, broker and controller) provisioned from
 * Maven Central into `cacheDir` and run on loopback with the installed Java 17. One
 * instance per `name` (its own log folder and ports).
 */
export class LocalKafka extends LocalServer<LocalKafkaStatus> {
  readonly libDir: string;
  protected readonly label = 'Kafka';
  protected override readonly pidName = 'kafka.pid';

  constructor(
    cacheDir: string,
    readonly settings: LocalKafkaSettings,
    readonly name = 'default',
    log: Log = logLine,
  ) {
    super(join(cacheDir, 'kafka', 'instances', name), log);
    this.libDir = join(cacheDir, 'kafka', settings.version, 'lib');
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.settings.port}`;
  }

  private get configFile(): string {
    return join(this.home, 'config', 'server.properties');
  }

  status(): LocalKafkaStatus {
    const pid = this.runningPid();
    return { running: pid !== undefined, pid, bootstrap: this.bootstrap, home: this.home };
  }

  protected ports() {
    const hint = 'ONEID_KAFKA_PORT / ONEID_KAFKA_CONTROLLER_PORT or ONEID_KAFKA_BROKERS';
    return [
      { port: this.settings.port, hint },
      { port: this.settings.controllerPort, hint },
    ];
  }

  /** Provisions the jars, writes the configuration and formats the storage once. */
  protected async prepare(): Promise<void> {
    await ensureJars(
      this.libDir,
      [
        { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: this.settings.version },
        LOGGING,
      ],
      this.log,
    );
    this.writeConfig();
    await this.formatStorage();
  }

  protected launch(): Launch {
    return { command: 'java', args: [...this.jvmArgs(), 'kafka.Kafka', this.configFile] };
  }

  protected isReady(): Promise<boolean> {
    return portOpen(this.settings.port);
  }

  private jvmArgs(): string[] {
    const { heap } = this.settings;
    return [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dkafka.logs.dir=${join(this.home, 'logs')}`,
      `-Dlog4j.configuration=file:${join(this.home, 'config', 'log4j.properties')}`,
      '-cp',
      join(this.libDir, '*'),
    ];
  }

  /** The KRaft cluster id, generated once per instance: a UUID as 16 bytes in base64url. */
  private clusterId(): string {
    return keptSecret(join(this.home, 'cluster-id'), 16);
  }

  private async formatStorage(): Promise<void> {
    if (existsSync(join(this.home, 'data', 'meta.properties'))) return;
    await run(
      'java',
      [
        ...this.jvmArgs(),
        'kafka.tools.StorageTool',
        'format',
        '--ignore-formatted',
        // one argument: an id that begins with "-" (kept by an older version) is still the id
        `--cluster-id=${this.clusterId()}`,
        '-c',
        this.configFile,
      ],
      { cwd: this.home },
    );
  }

  private writeConfig(): void {
    for (const dir of ['config', 'data', 'logs', 'run'])
      mkdirSync(join(this.home, dir), { recursive: true });
    const { port, controllerPort } = this.settings;
    writeFileSync(
      this.configFile,
      [
        '# Written by `oneid kafka start` at every start; edit the ONEID_KAFKA_* variables instead.',
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${join(this.home, 'data')}`,
        'num.partitions=1',
        'auto.create.topics.enable=true',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'log.retention.hours=168',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(this.home, 'config', 'log4j.properties'),
      [
        'log4j.rootLogger=INFO, stdout',
        'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
        'log4j.logger.kafka=INFO',
        'log4j.logger.org.apache.kafka=INFO',
        'log4j.logger.state.change.logger=WARN',
        '',
      ].join('\n'),
    );
  }
}
