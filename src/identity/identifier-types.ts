import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';

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
}

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
  },
  {
    name: 'email_hash',
    priority: 75,
    maxPerPerson: 5,
    blockedValues: [...COMMON_BLOCKED, EMPTY_SHA256],
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

/** The closed set of identifier types, with lookups. */
export class IdentifierTypes {
  private readonly byName: ReadonlyMap<string, IdentifierType>;
  private readonly patterns: ReadonlyMap<string, RegExp>;

  constructor(readonly all: readonly IdentifierType[]) {
    this.byName = new Map(all.map((t) => [t.name, t]));
    this.patterns = new Map(
      all
        .filter((t) => t.blockedPattern)
        .map((t) => [t.name, new RegExp(t.blockedPattern as string, 'i')]),
    );
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

  /** True when the value must never link anything. */
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
      const base = defaultIdentifierTypes.find((d) => d.name === t.name);
      return {
        name: t.name,
        priority: t.priority ?? base?.priority ?? 50,
        maxPerPerson: t.maxPerPerson ?? base?.maxPerPerson ?? 10,
        blockedValues: t.blockedValues ?? base?.blockedValues ?? COMMON_BLOCKED,
        ...((t.blockedPattern ?? base?.blockedPattern)
          ? { blockedPattern: t.blockedPattern ?? base?.blockedPattern }
          : {}),
      };
    });
    return new IdentifierTypes(types);
  }
}
