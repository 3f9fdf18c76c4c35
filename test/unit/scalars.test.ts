import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { DateTimeScalar } from '../../src/graphql/scalars/date-time.scalar.js';
import { DateScalar } from '../../src/graphql/scalars/date.scalar.js';
import { DecimalScalar } from '../../src/graphql/scalars/decimal.scalar.js';
import { inProcessGraphql, type InProcessGraphql } from '../support/graphql-exec.js';

/** Refused scalars fail before any resolver runs: no application behind the schema. */
let gql: InProcessGraphql;
beforeAll(async () => {
  gql = await inProcessGraphql({} as App);
});
afterAll(async () => gql?.stop());

/** The operation fails with one BAD_USER_INPUT error naming `field`, and nothing else. */
async function expectRefused(
  query: string,
  variables: Record<string, unknown>,
  field: string,
  message: string,
): Promise<void> {
  const { errors } = await gql.run(query, variables, 'service');
  expect({ query, errors }).toEqual({
    query,
    errors: [
      {
        message,
        locations: [expect.objectContaining({ line: 1 })],
        extensions: { code: 'BAD_USER_INPUT', field },
      },
    ],
  });
}

const MAPPING = { oneId: 'ONE1', idType: 'member_id', idValue: 'M1', confidence: 1 };

describe('a refused Date, DateTime or Decimal is BAD_USER_INPUT naming the field', () => {
  it('as a literal (a validation error in graphql-js)', async () => {
    const cases: [string, string, string][] = [
      [
        '{ segmentDistribution(asOf: "2026-02-30") { segment } }',
        'asOf',
        'asOf must be a date YYYY-MM-DD, got "2026-02-30".',
      ],
      [
        '{ segments(asOf: 20260606) { tag } }',
        'asOf',
        'asOf must be a date YYYY-MM-DD, got 20260606.',
      ],
      [
        '{ person(oneId: "x") { rfm(asOf: "2026-6-6") { monetary } } }',
        'asOf',
        'asOf must be a date YYYY-MM-DD, got "2026-6-6".',
      ],
      [
        'mutation { upsertIdMappings(rows: [{oneId: "ONE1", idType: "member_id", idValue: "M1", confidence: 1, firstSeen: "2024-11-01T08:00:00Z"}, {oneId: "ONE1", idType: "member_id", idValue: "M2", confidence: 1, firstSeen: "2024-11-01 08:00:00"}]) { written } }',
        'rows[1].firstSeen',
        'rows[1].firstSeen must be an RFC 3339 date-time with an offset, e.g. "2024-11-01T08:15:00Z", got "2024-11-01 08:00:00".',
      ],
    ];
    for (const [query, field, message] of cases) await expectRefused(query, {}, field, message);
  });

  it('in a variable, named by the argument it feeds', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'query($d: Date) { segmentDistribution(asOf: $d) { segment } }',
        { d: '2026-13-01' },
        'asOf',
        'asOf must be a date YYYY-MM-DD, got "2026-13-01".',
      ],
      [
        'query($d: Date) { audience(expression: "Lost", asOf: $d) { count } }',
        { d: 20260606 },
        'asOf',
        'asOf must be a date YYYY-MM-DD, got 20260606.',
      ],
      [
        'mutation($rows: [IdMappingInput!]!) { upsertIdMappings(rows: $rows) { written } }',
        {
          rows: [
            { ...MAPPING, firstSeen: '2024-11-01T08:00:00Z' },
            { ...MAPPING, firstSeen: '2024-11-01T08:00:00Z', lastSeen: '2024-11-02T08:00:00' },
          ],
        },
        'rows[1].lastSeen',
        'rows[1].lastSeen must be an RFC 3339 date-time with an offset, e.g. "2024-11-01T08:15:00Z", got "2024-11-02T08:00:00".',
      ],
    ];
    for (const [query, variables, field, message] of cases)
      await expectRefused(query, variables, field, message);
    expect(gql.logged).toEqual([]);
  });
});

describe('the scalars inside the service', () => {
  it('Date keeps the text of a real date, with no time zone', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.serialize(new Date('2024-02-29T00:00:00Z'))).toThrow(TypeError);
  });

  it('DateTime takes any offset in, stores UTC, and writes Z out', () => {
    expect(DateTimeScalar.parseValue('2024-11-01T16:15:00+08:00')).toBe('2024-11-01T08:15:00');
    expect(DateTimeScalar.serialize('2024-11-01T08:15:00')).toBe('2024-11-01T08:15:00Z');
    expect(DateTimeScalar.serialize('2024-11-01 08:15:00')).toBe('2024-11-01T08:15:00Z');
    expect(DateTimeScalar.serialize('2026-12-02T10:29:45.123Z')).toBe('2026-12-02T10:29:45Z');
    expect(() => DateTimeScalar.serialize('')).toThrow(TypeError);
  });

  it('Decimal sends decimal text only, never a float', () => {
    expect(DecimalScalar.serialize('16351022.94')).toBe('16351022.94');
    expect(DecimalScalar.serialize('-3.50')).toBe('-3.50');
    expect(() => DecimalScalar.serialize(0.1 + 0.2)).toThrow(TypeError);
    expect(() => DecimalScalar.serialize('1e3')).toThrow(TypeError);
    expect(DecimalScalar.parseValue('12.50')).toBe('12.50');
    expect(() => DecimalScalar.parseValue('012.5')).toThrow(/a decimal number as a string/);
  });
});
