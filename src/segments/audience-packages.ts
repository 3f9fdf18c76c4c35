import { ConflictError, NotFoundError, InputError } from '../errors.js';
import { MAX_PACKAGE_ID, MAX_PACKAGE_NAME, preview, requireMaxLength } from '../input-limits.js';
import type { Gateway } from '../neo4j/gateway.js';
import type { Audiences } from './audience.js';
import { decodeBitmap } from './bitmap-codec.js';
import { evaluate } from './evaluate.js';
import { parseExpression } from './expression/parser.js';
import { contentOf, versionParams } from './package-version.js';
import type { RoaringBitmap32 } from './roaring.js';

const PACKAGE_ID = new RegExp(`^[A-Za-z0-9_.-]{1,${MAX_PACKAGE_ID}}$`);

export interface AudiencePackage {
  readonly id: string;
  readonly name: string;
  readonly expression: string;
  readonly asOf: string;
  readonly createdAt: string;
  readonly count: number;
  /** Re-evaluated when the bitmaps change; each change of members is a new version. */
  readonly live: boolean;
  /** A live package is also re-evaluated this often (the reference date moves); or null. */
  readonly refreshEveryMinutes: number | null;
  /** The latest version (1 at creation). */
  readonly version: number;
}

/** A package with its frozen members, decoded. */
export type PackageWithMembers = AudiencePackage & { readonly members: RoaringBitmap32 };

/**
 * The packages with these ids, in the same order, null for an id with none (an id no package
 * can have included is not looked up): one read, each bitmap decoded once.
 */
export async function packagesById(
  db: Gateway,
  ids: readonly string[],
): Promise<(PackageWithMembers | null)[]> {
  const valid = ids.filter((id) => PACKAGE_ID.test(id));
  const rows =
    valid.length === 0
      ? []
      : await db.readQuery<AudiencePackage & { data: Uint8Array }>('segments/get-packages', {
          ids: valid,
        });
  const byId = new Map(
    rows.map(({ data, ...pkg }) => [pkg.id, { ...pkg, members: decodeBitmap(data).bitmap }]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** `pkg`, or a NotFoundError for `id` when there is none. */
export function requireFound(pkg: PackageWithMembers | null, id: string): PackageWithMembers {
  if (!pkg) throw new NotFoundError(`No audience package ${preview(id)}.`, { id: preview(id) });
  return pkg;
}

/**
 * Audience packages: the members of an expression with the rule and the time, each change of
 * them a version (a static package has one; live ones follow the bitmaps, see LivePackages).
 */
export class AudiencePackages {
  constructor(
    private readonly db: Gateway,
    private readonly audiences: Audiences,
    /** The feed sequence this process's bitmaps reflect. */
    private readonly sequence: () => number,
  ) {}

  /** Evaluates `expression` now and stores it with the rule and the time as a new version. */
  async create(input: {
    id: string;
    name: string;
    expression: string;
    asOf: string;
    replace: boolean;
    live?: boolean;
    refreshEveryMinutes?: number | null;
  }): Promise<PackageWithMembers> {
    if (!PACKAGE_ID.test(input.id))
      throw new InputError(`id: 1 to ${MAX_PACKAGE_ID} letters, digits, "_", "-" or ".".`, 'id');
    requireMaxLength(input.name, MAX_PACKAGE_NAME, 'name');
    const every = input.refreshEveryMinutes ?? null;
    if (every !== null && (!input.live || !Number.isInteger(every) || every < 1 || every > 10_080))
      throw new InputError(
        'refreshEveryMinutes: 1 to 10080 (a week), for a live package only.',
        'refreshEveryMinutes',
      );
    const ast = parseExpression(input.expression);
    // read before the bitmaps: a version never claims a later sequence than it reflects
    const sequence = this.sequence();
    const catalog = await this.audiences.catalog(input.asOf);
    const members = evaluate(ast, catalog.lookup, catalog.names);
    const { data, count, ...version } = versionParams(
      contentOf(members, catalog, sequence, input.asOf),
    );
    const rows = await this.db.writeQuery<AudiencePackage>('segments/create-package', {
      pkg: {
        id: input.id,
        name: input.name,
        expression: input.expression,
        asOf: input.asOf,
        count,
        data,
        live: input.live ?? false,
        refreshEveryMinutes: every,
      },
      version,
      replace: input.replace,
      now: new Date().toISOString(),
    });
    const row = rows[0];
    if (!row)
      throw new ConflictError(
        `Audience package "${input.id}" exists; pass replace: true to replace it.`,
        { id: input.id },
      );
    return { ...row, members };
  }

  /** The package, or null when there is none. */
  async get(id: string): Promise<PackageWithMembers | null> {
    const [pkg] = await packagesById(this.db, [id]);
    return pkg ?? null;
  }

  async require(id: string): Promise<PackageWithMembers> {
    return requireFound(await this.get(id), id);
  }

  list(): Promise<AudiencePackage[]> {
    return this.db.readQuery<AudiencePackage>('segments/list-packages');
  }
}
