import { Cron } from 'croner';
import { resolve } from 'node:path';
import * as z from 'zod';
import { parseIsoDate } from './dates.js';

/**
 * The kinds of value an environment variable holds: a zod schema from the raw string to the
 * typed value, with its default, described by what it expects. A refused value is reported
 * as "<NAME> must be <description>", whichever check refused it, so the description says the
 * whole contract. No value is trimmed: " 80" is not a port.
 */

const digits = z.string().regex(/^\d+$/).transform(Number);
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number);
const fraction = decimal.pipe(z.number().gt(0).lte(1));

/** Split on commas, entries trimmed, empty entries dropped. */
const commaList = z.string().transform((raw) =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== ''),
);

/** "a=1,b=2" (or with another separator) as [["a", "1"], ["b", "2"]]. */
const pairs = (separator: string) =>
  commaList.transform((entries) => entries.map((entry) => entry.split(separator)));

export const text = (fallback: string) => z.string().default(fallback).describe('text');

export const optionalText = () => z.string().optional().describe('text');

/** A file, resolved against the working directory. */
export const optionalFile = () =>
  z
    .string()
    .transform((path) => resolve(path))
    .optional()
    .describe('a file path');

/** A folder, resolved against the working directory. */
export const folder = (fallback: string) =>
  z
    .string()
    .transform((path) => resolve(path))
    .default(resolve(fallback))
    .describe('a folder');

export const port = (fallback: number) =>
  digits
    .pipe(z.int().min(1).max(65_535))
    .default(fallback)
    .describe('a port: a whole number from 1 to 65535');

/** A size or a limit. */
export const positive = (fallback: number) =>
  digits.pipe(z.int().min(1)).default(fallback).describe('a whole number, at least 1');

/** A count or a duration where 0 means none. */
export const count = (fallback: number) =>
  digits.pipe(z.int()).default(fallback).describe('a whole number, 0 or more');

export const amount = (fallback: number) =>
  decimal.default(fallback).describe('a decimal number, 0 or more, like 300 or 12.5');

export const confidence = (fallback: number) =>
  fraction.default(fallback).describe('a number above 0 and at most 1, like 0.8');

const trueOrFalse = z.stringbool({
  truthy: ['1', 'true', 'yes', 'on'],
  falsy: ['0', 'false', 'no', 'off'],
});
const trueOrFalseExpected = 'true or false (or 1/0, yes/no, on/off)';

export const flag = (fallback: boolean) =>
  trueOrFalse.default(fallback).describe(trueOrFalseExpected);

/** A flag whose default depends on another variable. */
export const optionalFlag = () => trueOrFalse.optional().describe(trueOrFalseExpected);

export const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
) =>
  z
    .enum(values)
    .default(fallback)
    .describe(`one of ${values.join(', ')}`);

/** A Kafka topic, group or client id, or a database schema or table name. */
export const identifier = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/)
    .default(fallback)
    .describe('1 to 200 letters, digits, ".", "_" or "-"');

/** A JVM memory size, lowercased ("2G" is "2g"). */
export const memory = (fallback: string) =>
  z
    .string()
    .regex(/^\d+[kmg]$/i)
    .transform((size) => size.toLowerCase())
    .default(fallback)
    .describe('a size like 512m or 2g');

export const version = (fallback: string) =>
  z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .default(fallback)
    .describe('a version like 1.2.3');

export const countryCode = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,4}$/)
    .default(fallback)
    .describe('1 to 4 digits');

export const isoDate = () =>
  z
    .string()
    .refine((raw) => parseIsoDate(raw) !== null)
    .optional()
    .describe('a date YYYY-MM-DD');

/** Minute, hour, day of month, month, day of week (croner's syntax: seconds may lead). */
export const cron = (fallback: string) =>
  z
    .string()
    .refine(isCron)
    .default(fallback)
    .describe('a cron expression like "0 2 * * *" (minute hour day month weekday)');

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** "host:port,host:port"; at least one entry. */
export const hostList = () =>
  commaList
    .pipe(z.array(z.string()).min(1))
    .optional()
    .describe('a comma-separated list like kafka1:9092,kafka2:9092');

/** "key:role,key:role" as a map from key to role. */
export const keyRoles = <const R extends readonly [string, ...string[]]>(roles: R) =>
  pairs(':')
    .pipe(z.array(z.tuple([z.string().min(16), z.enum(roles)])).min(1))
    .transform((entries) => new Map(entries))
    .optional()
    .describe(
      `a comma-separated list of key:role, each key 16 characters at least, each role one of ${roles.join(', ')}`,
    );

/** "channel=confidence,channel=confidence" as a record. */
export const confidences = (fallback: Readonly<Record<string, number>>) =>
  pairs('=')
    .pipe(z.array(z.tuple([z.string().min(1), fraction])))
    .transform((entries) => Object.fromEntries(entries))
    .default(fallback)
    .describe(
      'a comma-separated list of channel=confidence, each confidence above 0 and at most 1',
    );
