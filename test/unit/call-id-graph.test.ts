import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatCallIdGraph, parseCallIdGraph } from '../../src/identity/call-id-graph.js';

describe('the warehouse external-function contract', () => {
  it('reads Snowflake bodies and answers with the row numbers in order', () => {
    const req = parseCallIdGraph({
      data: [
        [0, 'union_001', 'union_id'],
        [7, 'x', 'open_id'],
      ],
    });
    expect(req.format).toBe('snowflake');
    expect(formatCallIdGraph(req, ['OID1', null])).toEqual({
      data: [
        [0, 'OID1'],
        [7, null],
      ],
    });
  });

  it('reads BigQuery bodies and answers with replies', () => {
    const req = parseCallIdGraph({ calls: [['union_001', 'union_id']] });
    expect(formatCallIdGraph(req, ['OID1'])).toEqual({ replies: ['OID1'] });
  });

  it('names what is wrong in a malformed body', () => {
    expect(() => parseCallIdGraph({ rows: [] })).toThrow(
      /"data" array \(Snowflake\) or a "calls" array/,
    );
    expect(() => parseCallIdGraph({ data: [[0, 'x']] })).toThrow(/data\[0\] must be an array of 3/);
    expect(() => parseCallIdGraph({ calls: [[{}, 'union_id']] })).toThrow(InputError);
    expect(() =>
      parseCallIdGraph({ calls: Array.from({ length: 10_001 }, () => ['a', 'union_id']) }),
    ).toThrow(/At most 10000 rows/);
  });
});
