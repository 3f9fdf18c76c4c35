import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config.js';

export type { Logger };

/**
 * Fields never written, wherever a caller puts them: the API key headers of a logged request,
 * keys and passwords in options, contacts and names in a logged row. The code logs none of
 * them; this is the net under that rule.
 */
export const REDACTED_FIELDS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  ...[
    ...['apiKey', 'key', 'password'],
    ...['mobile', 'email', 'mobile_hash', 'email_hash', 'realName', 'real_name'],
  ].flatMap((f) => [f, `*.${f}`]),
];

export interface LoggerOptions {
  readonly level: Config['logLevel'] | 'silent';
  /** Where the lines go; stderr (synchronously, so nothing is lost at exit) by default. */
  readonly destination?: DestinationStream;
  /** Coloured lines for a person (pino-pretty) instead of JSON lines. */
  readonly pretty?: boolean;
}

/** A pino logger: JSON lines with an ISO time, redacting `REDACTED_FIELDS`. */
export function createLogger(opts: LoggerOptions): Logger {
  const destination =
    opts.destination ??
    (opts.pretty
      ? pretty({
          destination: 2,
          sync: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname',
        })
      : pino.destination({ dest: 2, sync: true }));
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The process's logger, on stderr: JSON lines, or readable lines when stderr is a terminal.
 * Level info until the CLI applies ONEID_LOG_LEVEL (`log.level = config.logLevel`).
 */
export const log: Logger = createLogger({ level: 'info', pretty: process.stderr.isTTY === true });

/** The process log as a sink of lines (info), for the modules that take a `(line) => void`. */
export const logLine = (line: string): void => log.info(line);
