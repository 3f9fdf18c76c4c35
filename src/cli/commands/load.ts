import { formatRowError } from '../../rows/row-error.js';
import { loadFile } from '../../ingest/load-file.js';
import type { SourceKind } from '../../ingest/load-summary.js';
import { log } from '../../log/logger.js';
import { complain, print } from '../output.js';
import { openRuntime } from '../runtime.js';

const kinds: readonly SourceKind[] = ['crm', 'events', 'retail', 'mappings'];

/**
 * oneid load crm|events|retail|mappings FILE...
 * Exit code 0: everything loaded; 2: some rows were rejected (listed on stderr); 1: failure.
 */
export async function run(args: string[]): Promise<number> {
  const [kind, ...files] = args;
  if (!kind || !kinds.includes(kind as SourceKind) || files.length === 0) {
    complain(`Usage: oneid load ${kinds.join('|')} FILE...`);
    return 64;
  }
  const runtime = await openRuntime();
  let rejected = 0;
  try {
    // keeps the stored segment bitmaps current as the load changes persons
    await runtime.app.segments.init();
    for (const file of files) {
      const progress = progressLine(file, Boolean(process.stderr.isTTY));
      const summary = await loadFile(
        kind as SourceKind,
        file,
        {
          identity: runtime.app.identity,
          eventLinkConfidence: runtime.config.identity.eventLinkConfidence,
        },
        { onProgress: progress },
      );
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const e of summary.rejected.slice(0, 100)) complain(`rejected ${formatRowError(e)}`);
      if (summary.rejected.length > 100)
        complain(`... and ${summary.rejected.length - 100} more rejected rows`);
      rejected += summary.rejected.length;
      const { rejected: list, ...rest } = summary;
      print(JSON.stringify({ ...rest, rejected: list.length }));
    }
  } finally {
    await runtime.close();
  }
  return rejected > 0 ? 2 : 0;
}

/** Progress on stderr: a line rewritten in place on a terminal, a log line every 5 s otherwise. */
function progressLine(file: string, tty: boolean) {
  const started = Date.now();
  let printed = 0;
  return (p: { rows: number; loaded: number; rejected: number }) => {
    const now = Date.now();
    if (!tty && now - printed < 5000) return;
    printed = now;
    const rate = Math.round(p.rows / Math.max((now - started) / 1000, 0.001));
    if (!tty) return log.info({ file, ...p, rowsPerSecond: rate }, 'load progress');
    const text = `${file}: ${p.rows.toLocaleString()} rows, ${p.loaded.toLocaleString()} written, ${p.rejected} rejected, ${rate.toLocaleString()} rows/s`;
    process.stderr.write(`\r${text}   `);
  };
}
