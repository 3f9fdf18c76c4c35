import { join } from 'node:path';
import type { App } from '../../src/app.js';
import { loadFile } from '../../src/ingest/load-file.js';
import type { LoadSummary } from '../../src/ingest/load-summary.js';
import { seedFiles } from '../../src/ingest/seeds.js';
import { progress } from './log.js';

/** Loads the four seed files in their usual order. */
export async function loadSeeds(app: App): Promise<LoadSummary[]> {
  const summaries: LoadSummary[] = [];
  for (const [kind, file] of seedFiles) {
    summaries.push(
      await loadFile(kind, join(app.config.seedDir, file), {
        identity: app.identity,
        eventLinkConfidence: app.config.identity.eventLinkConfidence,
      }),
    );
  }
  progress(`seeds loaded: ${summaries.map((s) => `${s.kind} ${s.loaded}/${s.rows}`).join(', ')}`);
  return summaries;
}
