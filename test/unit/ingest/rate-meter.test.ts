import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../src/ingest/rate-meter.js';

describe('RateMeter', () => {
  it('averages completed seconds over the window and forgets old ones', () => {
    let now = 1_000_000;
    const meter = new RateMeter(10, () => now);
    meter.add(50);
    now += 1000;
    meter.add(30);
    now += 1000;
    expect(meter.perSecond()).toBe(8);
    now += 20_000;
    expect(meter.perSecond()).toBe(0);
  });
});
