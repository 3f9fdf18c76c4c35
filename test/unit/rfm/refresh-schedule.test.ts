import { describe, expect, it } from 'vitest';
import { qualityCheck } from '../../../src/rfm/refresh-schedule.js';

describe('the data-quality check of the scheduled refresh', () => {
  it('alerts when no person has RFM any more', () => {
    expect(qualityCheck(100, 0, 0.5)).toEqual({
      level: 'error',
      message: 'RFM refresh: no person has RFM any more.',
    });
    expect(qualityCheck(undefined, 0, 0.5)?.level).toBe('error');
  });
  it('warns on a sharp drop and stays quiet otherwise', () => {
    expect(qualityCheck(1000, 400, 0.5)).toEqual({
      level: 'warn',
      message: 'RFM refresh: persons with RFM fell from 1000 to 400.',
    });
    expect(qualityCheck(1000, 600, 0.5)).toBeUndefined();
    expect(qualityCheck(undefined, 5, 0.5)).toBeUndefined();
  });
});
