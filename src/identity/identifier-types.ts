import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/** How one kind of identifier behaves in the graph. */
export interface IdentifierType {
  readonly name: string;
  /** Higher wins: decides link order, the identifier an event hangs on, and conflicts. */
  readonly priority: number;
  /** At most this many identifiers of the type in one person; links that would exceed it are conflicts. */
  readonly maxPerPerson: number;
  /** Values that never link anything (compared after trimming, case-insensitively). */
  readonly blockedValues: readonly string[];
  /** A value matching this regular expression is blocked too. */
  readonly blockedPattern?: string;
  /**
   * Every value must match this regular expression (after normalization), else it is bad
   * input. Default for a type named `*_hash`: SHA256_HEX.
   */
  readonly valuePattern?: string;
  /** What `valuePattern` asks for, in words, for error messages ("64 hexadecimal characters"). */
  readonly valueDescription?: string;
  /** Values are lower-cased before anything else (hex digests). Default: true for `*_hash`. */
  readonly lowerCase?: boolean;
}

/** A SHA-256 digest in lower-case hex, as `*_hash` values are stored. */
export const SHA256_HEX = '^[0-9a-f]{64}$';
const SHA256_RULE = {
  valuePattern: SHA256_HEX,
  valueDescription: '64 hexadecimal characters (a SHA-256 digest)',
  lowerCase: true,
} as const;

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const COMMON_BLOCKED = [
  '',
  '0',
  '-1',
  'null',
  'nil',
  'none',
  'undefined',
  'unknown',
  'nan',
  'n/a',
  'na',
  'test',
];

/** The default types; ONEID_IDENTIFIER_TYPES_FILE replaces or extends them. */
export const defaultIdentifierTypes: readonly IdentifierType[] = [
  { name: 'member_id', priority: 100, maxPerPerson: 1, blockedValues: COMMON_BLOCKED },
  { name: 'union_id', priority: 90, maxPerPerson: 1, blockedValues: COMMON_BLOCKED },
  { name: 'customer_id', priority: 85, maxPerPerson: 1, blockedValues: COMMON_BLOCKED },
  {
    name: 'mobile_hash',
    priority: 80,
    maxPerPerson: 3,
    blockedValues: [...COMMON_BLOCKED, EMPTY_SHA256],
    ...SHA256_RULE,
  },
  {
    name: 'email_hash',
    priority: 75,
    maxPerPerson: 5,
    blockedValues: [...COMMON_BLOCKED, EMPTY_SHA256],
    ...SHA256_RULE,
  },
  { name: 'ext_one_id', priority: 70, maxPerPerson: 10, blockedValues: COMMON_BLOCKED },
  { name: 'open_id', priority: 60, maxPerPerson: 10, blockedValues: COMMON_BLOCKED },
  {
    name: 'device_id',
    priority: 10,
    maxPerPerson: 8,
    blockedValues: COMMON_BLOCKED,
    // all-zero IDFA / Android id / UUID, with or without dashes
    blockedPattern: '^[0-]+$',
  },
];

/** The format rule of a type, compiled. */
export interface ValueRule {
  readonly pattern: RegExp;
  readonly description: string;
}

/** The closed set of identifier types, with lookups. */
export class IdentifierTypes {
  private readonly byName: ReadonlyMap<string, IdentifierType>;
  private readonly patterns: ReadonlyMap<string, RegExp>;
  private readonly valueRules: ReadonlyMap<string, ValueRule>;

  constructor(readonly all: readonly IdentifierType[]) {
    this.byName = new Map(all.map((t) => [t.name, t]));
    this.patterns = new Map(
      all
        .filter((t) => t.blockedPattern)
        .map((t) => [t.name, new RegExp(t.blockedPattern as string, 'i')]),
    );
    this.valueRules = new Map(
      all.flatMap((t) =>
        t.valuePattern
          ? [
              [
                t.name,
                {
                  pattern: new RegExp(t.valuePattern, 'u'),
                  description: t.valueDescription ?? `a value matching /${t.valuePattern}/`,
                },
              ] as const,
            ]
          : [],
      ),
    );
  }

  /** The format every value of the type must have, if the type has one. */
  valueRule(name: string): ValueRule | undefined {
    return this.valueRules.get(name);
  }

  get(name: string): IdentifierType | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return this.all.map((t) => t.name);
  }

  priority(name: string): number {
    return this.byName.get(name)?.priority ?? 0;
  }

  maxPerPerson(name: string): number {
    return this.byName.get(name)?.maxPerPerson ?? Number.POSITIVE_INFINITY;
  }

  /** True when the (normalized) value must never link anything. */
  isBlocked(type: string, value: string): boolean {
    const t = this.byName.get(type);
    if (!t) return true;
    const v = value.trim().toLowerCase();
    if (t.blockedValues.some((b) => b.toLowerCase() === v)) return true;
    return this.patterns.get(type)?.test(v) ?? false;
  }

  static load(file: string | undefined): IdentifierTypes {
    if (!file) return new IdentifierTypes(defaultIdentifierTypes);
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed))
      throw new ConfigError(`${file}: expected an array of identifier types`);
    const types = parsed.map((t: Partial<IdentifierType>, i): IdentifierType => {
      if (typeof t.name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(t.name)) {
        throw new ConfigError(`${file}[${i}]: name must be snake_case`);
      }
      const base: Partial<IdentifierType> | undefined =
        defaultIdentifierTypes.find((d) => d.name === t.name) ??
        (t.name.endsWith('_hash') ? SHA256_RULE : undefined);
      const valuePattern = t.valuePattern ?? base?.valuePattern;
      for (const [key, pattern] of [
        ['blockedPattern', t.blockedPattern],
        ['valuePattern', valuePattern],
      ] as const) {
        try {
          if (pattern !== undefined) new RegExp(pattern, 'u');
        } catch {
          throw new ConfigError(`${file}[${i}]: ${key} is not a regular expression`);
        }
      }
      const blockedPattern = t.blockedPattern ?? base?.blockedPattern;
      // a pattern of the file's own is described by the file or by itself, not by the default
      const valueDescription =
        t.valueDescription ?? (t.valuePattern === undefined ? base?.valueDescription : undefined);
      return {
        name: t.name,
        priority: t.priority ?? base?.priority ?? 50,
        maxPerPerson: t.maxPerPerson ?? base?.maxPerPerson ?? 10,
        blockedValues: t.blockedValues ?? base?.blockedValues ?? COMMON_BLOCKED,
        ...(blockedPattern ? { blockedPattern } : {}),
        ...(valuePattern ? { valuePattern } : {}),
        ...(valuePattern && valueDescription ? { valueDescription } : {}),
        lowerCase: t.lowerCase ?? base?.lowerCase ?? false,
      };
    });
    return new IdentifierTypes(types);
  }
}
