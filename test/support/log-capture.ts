import { createLogger, type Logger, type LoggerOptions } from '../../src/log/logger.js';

/** A log line as pino writes it. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A logger at `level` whose lines are kept, parsed, in `lines`. */
export function capturedLog(level: LoggerOptions['level']): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
}

/** The JSON lines of a process's stderr; throws on a line that is not JSON. */
export function parseLogLines(stderr: string): LogLine[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`Not a JSON log line: ${line}`);
      }
    });
}
