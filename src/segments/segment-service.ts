import { ConflictError, InputError, NotFoundError } from '../errors.js';
import type { IdentityService } from '../identity/identity-service.js';
import { idKey, type IdRef } from '../identity/ids.js';
import {
  MAX_SEGMENT_DESCRIPTION,
  MAX_SEGMENT_IDENTIFIERS,
  MAX_SEGMENT_NAME,
  preview,
  requireMaxLength,
} from '../input-limits.js';
import type { Gateway, Tx } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { BitmapStore } from './bitmap-store.js';
import {
  CHANNEL_TAG_PREFIX,
  CONSENT_TAG_PREFIX,
  RFM_GROUP,
  SEGMENT_KINDS,
  UNCLASSIFIED,
  type SegmentDefinition,
  type SegmentInput,
} from './definitions/segment-definition.js';
import { SegmentDefinitions } from './definitions/segment-definitions.js';
import type { SegmentRegistry } from './definitions/segment-registry.js';
import { RoaringBitmap32 } from './roaring.js';
import type { SegmentMaintenance } from './segment-maintenance.js';
import { tagKey } from './tag-key.js';

/** Identifiers listed or unlisted per transaction. */
const LIST_CHUNK = 5_000;

/** A saved segment with its bitmap's state, as the `segments` listing shows it. */
export interface SavedSegment extends SegmentDefinition {
  readonly count: number;
  /** The segments it names (an expression). */
  readonly dependsOn: readonly string[];
  /** The segments that name it. */
  readonly usedBy: readonly string[];
}

/** What changing a segment would do, computed with bitmaps, writing nothing. */
export interface SegmentPreview {
  readonly name: string;
  readonly count: number;
  /** Its members now (0 for a new segment). */
  readonly currentCount: number;
  readonly entered: number;
  readonly left: number;
  /** Some of the persons that would enter and leave (pids, ascending). */
  readonly enteredPids: readonly number[];
  readonly leftPids: readonly number[];
}

/** A change of a static segment's list. */
export interface ListChange {
  readonly name: string;
  /** Identifiers newly listed (added) or taken off (removed). */
  readonly changed: number;
  /** Identifiers the graph does not hold (not listed). */
  readonly unknown: number;
  /** Its members after the change. */
  readonly count: number;
  readonly sequence: number;
}

/** A change of a definition, with the feed sequence it committed under. */
export interface Written<T> {
  readonly value: T;
  readonly sequence: number;
}

/**
 * Saved segments: defining, redefining and deleting them (the change is validated against the
 * definitions as stored, under the segments counter's lock, and recorded in the feed in the
 * same transaction, so that every process re-evaluates it), static lists, and previews.
 */
export class SegmentService {
  constructor(
    private readonly db: Gateway,
    private readonly rfm: RfmService,
    private readonly identity: IdentityService,
    private readonly registry: SegmentRegistry,
    private readonly maintenance: SegmentMaintenance,
    private readonly store: BitmapStore,
  ) {}

  /** Every saved segment with its count, in the order they were defined. */
  async list(): Promise<SavedSegment[]> {
    await this.maintenance.init();
    const defs = this.registry.current;
    return defs.definitions.map((d) => this.saved(defs, d));
  }

  async get(name: string): Promise<SavedSegment | null> {
    await this.maintenance.init();
    const defs = this.registry.current;
    const d = defs.find(name);
    return d ? this.saved(defs, d) : null;
  }

  async define(input: SegmentInput): Promise<Written<SavedSegment>> {
    const segment = checkInput(input);
    await this.maintenance.init();
    const sequence = await this.db.writeTransaction(async (tx) => {
      const stored = await this.lockedDefinitions(tx);
      if (storedNamed(stored, segment.name))
        throw new ConflictError(`Segment ${JSON.stringify(segment.name)} exists.`, {
          name: segment.name,
        });
      new SegmentDefinitions([...stored, draft(segment)]);
      const [row] = await tx.run<{ sequence: number }>('segments/define-segment', {
        segment,
        now: new Date().toISOString(),
      });
      return row?.sequence ?? 0;
    }, 'segments.define');
    await this.applied(sequence, [segment.name]);
    return { value: await this.require(segment.name), sequence };
  }

  /** Redefines a segment (its kind stays); with `expectedVersion`, only from that version. */
  async update(
    name: string,
    change: {
      readonly definition?: string | null;
      readonly description?: string | null;
      readonly rank?: number | null;
      readonly expectedVersion?: number | null;
    },
  ): Promise<Written<SavedSegment>> {
    await this.maintenance.init();
    const written = await this.db.writeTransaction(async (tx) => {
      const stored = await this.lockedDefinitions(tx);
      const current = storedNamed(stored, name);
      if (!current) throw notFound(name);
      if (change.expectedVersion != null && change.expectedVersion !== current.version)
        throw new ConflictError(
          `Segment ${JSON.stringify(current.name)} is at version ${current.version}, not ${change.expectedVersion}.`,
          { name: current.name, version: current.version },
        );
      const next = checkInput({
        name: current.name,
        kind: current.kind,
        definition: change.definition ?? current.definition,
        group: current.group,
        rank: change.rank ?? current.rank,
        description: change.description === undefined ? current.description : change.description,
      });
      new SegmentDefinitions(stored.map((d) => (d === current ? draft(next) : d)));
      const [row] = await tx.run<{ sequence: number }>('segments/update-segment', {
        name: current.name,
        definition: next.definition,
        group: next.group,
        rank: next.rank,
        description: next.description,
        expectedVersion: current.version,
        now: new Date().toISOString(),
      });
      return { sequence: row?.sequence ?? 0, name: current.name };
    }, 'segments.update');
    await this.applied(written.sequence, [written.name]);
    return { value: await this.require(written.name), sequence: written.sequence };
  }

  /** Deletes a segment; refused while another segment names it. */
  async delete(name: string): Promise<Written<SegmentDefinition>> {
    await this.maintenance.init();
    const result = await this.db.writeTransaction(async (tx) => {
      const stored = await this.lockedDefinitions(tx);
      const current = storedNamed(stored, name);
      if (!current) throw notFound(name);
      const users = new SegmentDefinitions(stored).usersOf(current.name);
      if (users.length > 0)
        throw new InputError(
          `Segment ${JSON.stringify(current.name)} is used by ${users.map((u) => JSON.stringify(u)).join(', ')}; change or delete those first.`,
          'name',
          { usedBy: users },
        );
      const [row] = await tx.run<{ pids: number[]; sequence: number }>('segments/delete-segment', {
        name: current.name,
        now: new Date().toISOString(),
      });
      const refreshed = await this.rfm.store.refreshInTx(tx, row?.pids ?? [], []);
      return {
        current,
        sequence: Math.max(row?.sequence ?? 0, refreshed.generation),
        refreshed,
        pids: row?.pids ?? [],
      };
    }, 'segments.delete');
    await this.rfm.feed.committedChange({
      fresh: result.refreshed.fresh,
      changed: result.pids,
      retired: [],
      generation: result.sequence,
      full: false,
      segments: [result.current.name],
    });
    return { value: result.current, sequence: result.sequence };
  }

  /** Lists identifiers in a static segment (up to MAX_SEGMENT_IDENTIFIERS a call). */
  addIdentifiers(name: string, identifiers: readonly IdRef[]): Promise<ListChange> {
    return this.changeList(name, identifiers, 'segments/add-to-segment');
  }

  /** Takes identifiers off a static segment's list. */
  removeIdentifiers(name: string, identifiers: readonly IdRef[]): Promise<ListChange> {
    return this.changeList(name, identifiers, 'segments/remove-from-segment');
  }

  /**
   * What defining (or redefining) `input` would do: its count, and who would enter and leave
   * compared with the segment of that name now. Writes nothing.
   */
  async preview(input: SegmentInput, sample: number): Promise<SegmentPreview> {
    const segment = checkInput(input);
    await this.maintenance.init();
    const defs = this.registry.current;
    const existing = defs.find(segment.name);
    if (existing && existing.kind !== segment.kind)
      throw new InputError(
        `Segment ${JSON.stringify(existing.name)} is a ${existing.kind} segment; its kind cannot change.`,
        'kind',
      );
    const others = defs.definitions.filter((d) => d !== existing);
    const next = new SegmentDefinitions([...others, draft(segment)]);
    const name = existing?.name ?? segment.name;
    const after = await this.members(next, name);
    return compare(name, this.store.bitmap(name) ?? new RoaringBitmap32(), after, sample);
  }

  /**
   * What an ordered group of rules (the RFM segments) would do: per segment of the new order
   * (and each current segment it drops) the count and who would enter and leave.
   */
  async previewGroup(
    group: string,
    rules: readonly { readonly name: string; readonly definition: string }[],
    sample: number,
  ): Promise<SegmentPreview[]> {
    await this.maintenance.init();
    const defs = this.registry.current;
    const now = new Date().toISOString();
    const kept = defs.definitions.filter(
      (d) => d.group !== group && !rules.some((r) => tagKey(r.name) === tagKey(d.name)),
    );
    const drafts = rules.map((r, i) =>
      draft(
        checkInput({ name: r.name, kind: 'rule', definition: r.definition, group, rank: i + 1 }),
        now,
      ),
    );
    const next = new SegmentDefinitions([...kept, ...drafts]);
    const table = await this.maintenance.facts();
    const after = this.maintenance.evaluateGroup(next, group, table);
    const names = new Set([...after.keys(), ...defs.group(group)]);
    if (group === RFM_GROUP && this.store.bitmap(UNCLASSIFIED)) names.add(UNCLASSIFIED);
    return [...names].map((n) =>
      compare(
        n,
        this.store.bitmap(n) ?? new RoaringBitmap32(),
        after.get(n) ?? new RoaringBitmap32(),
        sample,
      ),
    );
  }

  /** The members a segment of `defs` has, evaluated now (nothing stored). */
  private async members(defs: SegmentDefinitions, name: string): Promise<RoaringBitmap32> {
    const d = defs.find(name);
    if (!d) return new RoaringBitmap32();
    if (d.kind === 'static') return this.store.bitmap(d.name)?.clone() ?? new RoaringBitmap32();
    if (d.kind === 'expression') return this.maintenance.evaluateExpression(defs, d.name);
    const table = await this.maintenance.facts();
    if (d.group)
      return (
        this.maintenance.evaluateGroup(defs, d.group, table).get(d.name) ?? new RoaringBitmap32()
      );
    const test = defs.ruleTest(d.name);
    const scales = defs.usesScores ? await this.maintenance.scoreScales() : undefined;
    return new RoaringBitmap32(test ? table.select(test, scales) : []);
  }

  private async changeList(
    name: string,
    identifiers: readonly IdRef[],
    query: 'segments/add-to-segment' | 'segments/remove-from-segment',
  ): Promise<ListChange> {
    if (identifiers.length > MAX_SEGMENT_IDENTIFIERS)
      throw new InputError(
        `At most ${MAX_SEGMENT_IDENTIFIERS.toLocaleString('en')} identifiers per call, got ${identifiers.length.toLocaleString('en')}.`,
        'identifiers',
      );
    const keys = [
      ...new Set(
        identifiers.map((ref, i) => idKey(this.identity.require(ref, `identifiers[${i}]`))),
      ),
    ];
    await this.maintenance.init();
    const def = this.registry.current.find(name);
    if (!def) throw notFound(name);
    if (def.kind !== 'static')
      throw new InputError(
        `Segment ${JSON.stringify(def.name)} is a ${def.kind} segment; only a static segment lists identifiers.`,
        'name',
      );
    let changed = 0;
    let unknown = 0;
    let sequence = 0;
    // one transaction per chunk: a list of 100,000 is 20 bounded transactions, each recorded
    // in the feed; a call cut short is completed by calling again (adding is idempotent)
    for (let at = 0; at < keys.length; at += LIST_CHUNK) {
      const chunk = keys.slice(at, at + LIST_CHUNK);
      const { row, refreshed } = await this.db.writeTransaction(async (tx) => {
        const [row] = await tx.run<{
          found: boolean;
          added?: number;
          removed?: number;
          unknown?: number;
          pids: number[];
        }>(query, { name: def.name, keys: chunk });
        if (!row?.found) throw notFound(name);
        const refreshed = await this.rfm.store.refreshInTx(tx, row.pids, []);
        return { row, refreshed };
      }, query);
      if (refreshed.generation > 0) {
        await this.rfm.feed.committedChange({
          fresh: refreshed.fresh,
          changed: row.pids,
          retired: [],
          generation: refreshed.generation,
          full: false,
        });
        sequence = refreshed.generation;
      }
      const done = row.added ?? row.removed ?? 0;
      changed += done;
      unknown += row.unknown ?? chunk.length - done;
    }
    return {
      name: def.name,
      changed,
      unknown,
      count: this.store.bitmap(def.name)?.size ?? 0,
      sequence: sequence || this.rfm.feed.sequence,
    };
  }

  /** Locks the segments counter (changes of definitions serialize) and reads them. */
  private async lockedDefinitions(tx: Tx): Promise<SegmentDefinition[]> {
    await tx.run('segments/lock-definitions', {});
    return this.registry.inTx(tx);
  }

  /** Waits until this process applied the change (the listener re-evaluated the segments). */
  private async applied(sequence: number, names: readonly string[]): Promise<void> {
    await this.rfm.feed.committedChange({
      fresh: new Map(),
      changed: [],
      retired: [],
      generation: sequence,
      full: false,
      segments: names,
    });
  }

  private async require(name: string): Promise<SavedSegment> {
    const s = await this.get(name);
    if (!s) throw notFound(name);
    return s;
  }

  private saved(defs: SegmentDefinitions, d: SegmentDefinition): SavedSegment {
    return {
      ...d,
      count: this.store.bitmap(d.name)?.size ?? 0,
      dependsOn: defs.namesIn(d.name),
      usedBy: defs.usersOf(d.name),
    };
  }
}

/** The persons that would enter and leave, with samples. */
function compare(
  name: string,
  before: RoaringBitmap32,
  after: RoaringBitmap32,
  sample: number,
): SegmentPreview {
  const entered = RoaringBitmap32.andNot(after, before);
  const left = RoaringBitmap32.andNot(before, after);
  return {
    name,
    count: after.size,
    currentCount: before.size,
    entered: entered.size,
    left: left.size,
    enteredPids: [...entered.rangeUint32Array(0, sample)],
    leftPids: [...left.rangeUint32Array(0, sample)],
  };
}

/** The stored definition a name designates (names match as tags do: tagKey). */
function storedNamed(
  stored: readonly SegmentDefinition[],
  name: string,
): SegmentDefinition | undefined {
  const key = tagKey(name);
  return stored.find((d) => tagKey(d.name) === key);
}

function notFound(name: string): NotFoundError {
  return new NotFoundError(`No segment ${preview(name)}.`, { name: preview(name) });
}

/** A checked input with every field present. */
function checkInput(input: SegmentInput): Required<SegmentInput> {
  const name = input.name.trim();
  if (name === '') throw new InputError('name: a segment needs a name.', 'name');
  requireMaxLength(name, MAX_SEGMENT_NAME, 'name');
  const key = tagKey(name);
  if (
    key === tagKey(UNCLASSIFIED) ||
    key.startsWith(tagKey(CHANNEL_TAG_PREFIX)) ||
    key.startsWith(tagKey(CONSENT_TAG_PREFIX))
  )
    throw new InputError(
      `name: ${JSON.stringify(name)} is reserved (${UNCLASSIFIED}, ${CHANNEL_TAG_PREFIX}…, ${CONSENT_TAG_PREFIX}… are derived tags).`,
      'name',
    );
  if (!SEGMENT_KINDS.includes(input.kind))
    throw new InputError(`kind: one of ${SEGMENT_KINDS.join(', ')}.`, 'kind');
  if (input.kind === 'static' && input.definition.trim() !== '')
    throw new InputError(
      'definition: a static segment has none; list identifiers with addToSegment.',
      'definition',
    );
  if (input.group != null && input.kind !== 'rule')
    throw new InputError('group: only rule segments form ordered groups.', 'group');
  if (input.description != null)
    requireMaxLength(input.description, MAX_SEGMENT_DESCRIPTION, 'description');
  return {
    name,
    kind: input.kind,
    definition: input.kind === 'static' ? '' : input.definition,
    group: input.group ?? null,
    rank: input.group != null ? (input.rank ?? 0) : null,
    description: input.description ?? null,
  };
}

function draft(input: Required<SegmentInput>, now = ''): SegmentDefinition {
  return { ...input, version: 0, createdAt: now, updatedAt: now };
}
