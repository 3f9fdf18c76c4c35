import 'reflect-metadata';
import { ConfigError, DomainError } from '../errors.js';
import { log } from '../log/logger.js';
import { complain } from './output.js';

/** A CLI command: runs with its own arguments and resolves to the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  serve: {
    summary: 'serve GraphQL and HTTP (starts the local Neo4j unless NEO4J_URI is set)',
    load: () => import('./commands/serve.js'),
  },
  load: {
    summary: 'load a file: oneid load crm|events|retail|mappings FILE...',
    load: () => import('./commands/load.js'),
  },
  neo4j: {
    summary: 'the local Neo4j: oneid neo4j start|stop|status',
    load: () => import('./commands/neo4j.js'),
  },
  kafka: {
    summary: 'the local Kafka broker: oneid kafka start|stop|status',
    load: () => import('./commands/kafka.js'),
  },
  mariadb: {
    summary: 'the local MariaDB (CDC source): oneid mariadb start|stop|status',
    load: () => import('./commands/mariadb.js'),
  },
  ingest: {
    summary: 'run the Kafka and binlog (CDC) streams into the graph, beside the GraphQL server',
    load: () => import('./commands/ingest.js'),
  },
  rfm: {
    summary: 'oneid rfm refresh: recompute every RFM summary and the bitmaps',
    load: () => import('./commands/rfm.js'),
  },
  schema: {
    summary: 'oneid schema emit|check: the sorted GraphQL schema in schema/schema.graphql',
    load: () => import('./commands/schema.js'),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: oneid <command> [arguments]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    complain(usage());
    return name === undefined || name === 'help' || name === '--help' ? 0 : 64;
  }
  const { run } = await command.load();
  return run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) for (const line of error.problems) complain(`oneid: ${line}`);
    else if (error instanceof DomainError) complain(`oneid: ${error.message}`);
    else log.fatal({ err: error }, 'oneid failed');
    process.exitCode = 1;
  },
);
