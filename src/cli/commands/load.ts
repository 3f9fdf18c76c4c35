import { basename } from 'node:path';
import { formatRowError } from '../../rows/row-error.js';
import { loadFile } from '../../ingest/load-file.js';
import type { SourceKind } from '../../ingest/load-summary.js';
import { resolveDeferred } from '../../identity/bulk/resolve-deferred.js';
import { complain, print } from '../output.js';
import { ProgressLine } from '../progress.js';
import { openRuntime } from '../runtime.js';

const kinds: readonly SourceKind[] = ['crm', 'events', 'retail', 'mappings'];

/**
 * oneid load crm|events|retail|mappings [--bulk] FILE...
 * --bulk: identity is resolved once after the last file instead of per batch (see
 * IdentityService.defer); prints one more JSON line, the resolve pass's summary.
 * Exit code 0: everything loaded; 2: some rows were rejected (listed on stderr); 1: failure.
 */
export async function run(args: string[]): Promise<number> {
  const bulk = args.includes('--bulk');
  const [kind, ...files] = args.filter((a) => a !== '--bulk');
  if (!kind || !kinds.includes(kind as SourceKind) || files.length === 0) {
    complain(`Usage: oneid load ${kinds.join('|')} [--bulk] FILE...`);
    return 64;
  }
  const runtime = await openRuntime();
  const { identity } = runtime.app;
  let rejected = 0;
  try {
    // keeps the stored segment bitmaps current as the load changes persons
    await runtime.app.segments.init();
    const deferred = bulk ? identity.defer() : undefined;
    try {
      for (const file of files) {
        // on a terminal only: a pipe or a log file gets the JSON summary and the rejected rows
        const progress = new ProgressLine(basename(file), process.stderr);
        const summary = await loadFile(
          kind as SourceKind,
          file,
          { identity, eventLinkConfidence: runtime.config.identity.eventLinkConfidence },
          {
            onProgress: (p) => progress.update(deferred ? { ...p, phase: 'write' } : p),
          },
        ).finally(() => progress.done());
        for (const e of summary.rejected.slice(0, 100)) complain(`rejected ${formatRowError(e)}`);
        if (summary.rejected.length > 100)
          complain(`... and ${summary.rejected.length - 100} more rejected rows`);
        rejected += summary.rejected.length;
        const { rejected: list, ...rest } = summary;
        // sequence: what a reader asks for (x-oneid-min-seq) to see this load; 0: no person changed
        print(
          JSON.stringify({
            ...rest,
            rejected: list.length,
            sequence: runtime.app.rfm.feed.committed,
          }),
        );
      }
    } finally {
      identity.undefer();
    }
    if (deferred) {
      const progress = new ProgressLine('resolve', process.stderr);
      let seen = 0;
      const resolved = await resolveDeferred(identity, deferred, {
        reason: `load ${kind}`,
        onPhase: (phase, done) => {
          seen = done ?? 0;
          progress.update({
            rows: seen,
            loaded: seen,
            rejected: 0,
            bytesRead: 0,
            bytesTotal: 0,
            phase,
          });
        },
      }).finally(() => progress.done());
      print(JSON.stringify({ resolve: resolved, sequence: runtime.app.rfm.feed.committed }));
    }
  } finally {
    await runtime.close();
  }
  return rejected > 0 ? 2 : 0;
}
