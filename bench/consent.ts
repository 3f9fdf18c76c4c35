/**
 * What consent costs where it comes from. (1) CRM load: the same number of new members from
 * a file without the consent columns and from one with them (both purposes stated on every
 * row), alternated, rows/s; then a file that only changes the statements of loaded members
 * (later updated_at, no identity change), rows/s. (2) setConsent as the mutation runs it
 * (domain call: write, refresh, feed entry, person page read), one at a time, ms.
 * Medians after a warm-up. Usage: npm run bench -- consent [--members 5000] [--rounds 3]
 * [--calls 300]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setConsent } from '../src/consent/set-consent.js';
import { loadFile } from '../src/ingest/load-file.js';
import { progress } from './lib/log.js';
import { runBench } from './lib/run.js';
import { median, percentile, round } from './lib/stats.js';

const HEADER =
  'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at';

function crmFile(dir: string, name: string, ids: readonly string[], consent: boolean, at: string) {
  const lines = ids.map(
    (id, i) =>
      `${id},,,Bench,F,,2020-01-01,online,silver,${i},${at}` +
      (consent ? `,${i % 2 ? 'yes' : 'no'},${i % 3 ? 'y' : 'n'}` : ''),
  );
  const path = join(dir, `${name}.csv`);
  writeFileSync(
    path,
    [consent ? `${HEADER},consent_ads,consent_email` : HEADER, ...lines].join('\n'),
  );
  return path;
}

runBench(async ({ app }, args) => {
  const members = args.number('members', 5000);
  const rounds = args.number('rounds', 3);
  const calls = args.number('calls', 300);
  const dir = mkdtempSync(join(tmpdir(), 'oneid-bench-consent-'));
  const deps = { identity: app.identity, eventLinkConfidence: {} };
  const ids = (prefix: string) => Array.from({ length: members }, (_, i) => `${prefix}-${i}`);
  const rate = async (path: string) => {
    const started = performance.now();
    const summary = await loadFile('crm', path, deps);
    if (summary.rejected.length > 0) throw new Error(`rejected rows in ${path}`);
    return summary.loaded / ((performance.now() - started) / 1000);
  };
  try {
    progress('warm-up');
    await rate(crmFile(dir, 'warm', ids('W'), true, '2024-01-01 00:00:00'));
    const plain: number[] = [];
    const withConsent: number[] = [];
    const consentOnly: number[] = [];
    for (let r = 0; r < rounds; r++) {
      progress(`round ${r + 1}/${rounds}`);
      plain.push(await rate(crmFile(dir, `p${r}`, ids(`P${r}`), false, '2024-01-01 00:00:00')));
      withConsent.push(
        await rate(crmFile(dir, `c${r}`, ids(`C${r}`), true, '2024-01-01 00:00:00')),
      );
      // the same members again, later, with the statements flipped: consent changes only
      const later = crmFile(dir, `u${r}`, ids(`C${r}`), true, '2024-02-01 00:00:00');
      const flipped = join(dir, `f${r}.csv`);
      writeFileSync(
        flipped,
        readFileSync(later, 'utf8').replace(
          /,(yes|no),(y|n)$/gm,
          (_, a: string, e: string) => `,${a === 'yes' ? 'no' : 'yes'},${e === 'y' ? 'n' : 'y'}`,
        ),
      );
      consentOnly.push(await rate(flipped));
    }
    progress('setConsent');
    const latencies: number[] = [];
    for (let i = 0; i < calls + 20; i++) {
      const at = new Date(Date.UTC(2024, 5, 1) + i * 1000).toISOString().slice(0, 19);
      const started = performance.now();
      await setConsent(app.identity, app.personPages, {
        identifier: { type: 'member_id', value: `C0-${i % members}` },
        purpose: i % 2 ? 'ads' : 'email',
        granted: i % 4 < 2,
        at,
      });
      if (i >= 20) latencies.push(performance.now() - started);
    }
    return {
      bench: 'consent',
      members,
      rounds,
      crmRowsPerSecond: {
        withoutConsentColumns: round(median(plain), 0),
        withConsentColumns: round(median(withConsent), 0),
        consentChangesOnly: round(median(consentOnly), 0),
        runs: {
          plain: plain.map((x) => round(x, 0)),
          withConsent: withConsent.map((x) => round(x, 0)),
          consentOnly: consentOnly.map((x) => round(x, 0)),
        },
      },
      setConsentMs: {
        calls,
        p50: round(median(latencies), 1),
        p99: round(percentile(latencies, 0.99), 1),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
