import { describe, expect, it } from 'vitest';
import { ioDelta, processIo } from '../../bench/lib/process-io.js';
import { metricSums } from '../../bench/lib/prometheus-text.js';
import { waitUntil } from '../../bench/lib/wait-until.js';

/** A clock that only moves when the waiter sleeps or a read takes time. */
function fakeClock() {
  let t = 1000;
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    sleep: (ms: number) => {
      t += ms;
      return Promise.resolve();
    },
  };
}

describe('the replica bench', () => {
  it('times a condition from `since` to the first read that sees it, counting reads', async () => {
    const clock = fakeClock();
    let value = 0;
    const read = () => {
      clock.advance(2); // each read takes 2 ms
      value++;
      return Promise.resolve(value);
    };
    const outcome = await waitUntil(read, (v) => v >= 4, {
      everyMs: 10,
      timeoutMs: 1000,
      since: clock.now(),
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(outcome).toEqual({ ms: 4 * 2 + 3 * 10, polls: 4, timedOut: false });
  });

  it('gives up at the timeout and says so', async () => {
    const clock = fakeClock();
    const outcome = await waitUntil(
      () => Promise.resolve(0),
      (v) => v > 0,
      {
        everyMs: 15,
        timeoutMs: 100,
        since: clock.now(),
        now: clock.now,
        sleep: clock.sleep,
      },
    );
    expect(outcome.timedOut).toBe(true);
    expect(outcome.ms).toBeGreaterThanOrEqual(100);
    expect(outcome.polls).toBe(8); // reads at 0, 15, ..., 105 ms
  });

  it('sums Prometheus samples by name over labels, skipping comments and other names', () => {
    const text = [
      '# HELP oneid_neo4j_queries_total Queries sent.',
      '# TYPE oneid_neo4j_queries_total counter',
      'oneid_neo4j_queries_total{mode="read"} 12',
      'oneid_neo4j_queries_total{mode="write",query="a{b}"} 3',
      'oneid_feed_sequence 42',
      'process_cpu_seconds_total 7.5',
      'oneid_neo4j_broken NaN',
    ].join('\n');
    expect(metricSums(text, /^oneid_(neo4j|feed)/)).toEqual({
      oneid_neo4j_queries_total: 15,
      oneid_feed_sequence: 42,
    });
  });

  it("reads this process's I/O counters and takes differences", () => {
    const a = processIo(process.pid);
    expect(a?.rchar).toBeGreaterThan(0);
    const b = a && { ...a, rchar: a.rchar + 10, syscw: a.syscw + 1 };
    expect(ioDelta(a, b)).toEqual({ rchar: 10, wchar: 0, syscr: 0, syscw: 1 });
    expect(ioDelta(a, undefined)).toBeUndefined();
    expect(processIo(2 ** 30)).toBeUndefined();
  });
});
