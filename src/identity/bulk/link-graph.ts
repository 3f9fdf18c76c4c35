import type { SnapEdge } from '../cluster-plan.js';

/** An identifier as a resolve pass reads it. */
export interface GraphIdentifier {
  readonly key: string;
  readonly type: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly quarantined: boolean;
}

/** A link as a resolve pass reads it, its ends named by key (the planner's edge, less its id). */
export type GraphLink = Omit<SnapEdge, 'id'>;

/** A growable typed array. */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      // by half, not double: at 8.3M links of a 10M load, doubling left 8M slots unused
      const bigger = this.make(Math.ceil(this.data.length * 1.5));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The identifiers and links of a resolve pass, compact enough for tens of millions: keys
 * interned to ints, links in typed arrays, repeated strings (types, timestamps) shared.
 */
export class LinkGraph {
  private readonly index = new Map<string, number>();
  private readonly strings = new Map<string, string>();
  readonly keys: string[] = [];
  readonly types: string[] = [];
  readonly firstSeen: string[] = [];
  readonly lastSeen: string[] = [];
  private readonly quarantine = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly ea = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly eb = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly conf = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly eseq = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly eactive = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  readonly linkFirstSeen: string[] = [];
  /** Conflict flags, by link number (few). */
  readonly conflicts = new Map<number, string>();
  /** Ends named before their identifier was added (-1 until it is). */
  private readonly pending = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  get links(): number {
    return this.ea.length;
  }

  has(key: string): boolean {
    if (this.sealed) throw new Error('the link graph is sealed');
    return this.index.has(key) && !this.pending.has(key);
  }

  /** The number of a key, reserving one for a link end not added yet. */
  private id(key: string): number {
    if (this.sealed) throw new Error('the link graph is sealed');
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.keys.length;
      this.index.set(key, n);
      this.keys.push(key);
      this.types.push('');
      this.firstSeen.push('');
      this.lastSeen.push('');
      this.quarantine.push(0);
      this.pending.set(key, n);
    }
    return n;
  }

  private shared(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size < 1_000_000) this.strings.set(s, s);
    return s;
  }

  /**
   * Adds an identifier; each identifier must be added once. The graph keeps `i.key` itself
   * (not an equal string a link end named first): a caller that holds the keys already, as
   * the seeds of a resolve pass, then has one copy of each, not two.
   */
  addIdentifier(i: GraphIdentifier): void {
    const named = this.index.get(i.key);
    const n = this.id(i.key);
    if (!this.pending.delete(i.key)) throw new Error(`identifier ${i.key} added twice`);
    if (named !== undefined) {
      // Map.set keeps the first key object of an equal string: delete, then set
      this.index.delete(i.key);
      this.index.set(i.key, n);
      this.keys[n] = i.key;
    }
    this.types[n] = this.shared(i.type);
    this.firstSeen[n] = this.shared(i.firstSeen);
    this.lastSeen[n] = this.shared(i.lastSeen);
    this.quarantine.data[n] = i.quarantined ? 1 : 0;
  }

  /** Adds a link; each link must be added once. */
  addLink(l: GraphLink): void {
    const e = this.ea.length;
    this.ea.push(this.id(l.a));
    this.eb.push(this.id(l.b));
    this.conf.push(l.confidence);
    this.eseq.push(l.seq);
    this.eactive.push(l.active ? 1 : 0);
    this.linkFirstSeen.push(this.shared(l.firstSeen));
    if (l.conflict !== null) this.conflicts.set(e, l.conflict);
  }

  /**
   * Drops the key index and the shared strings once nothing more will be added (about a
   * third of the graph's memory): `has`, `addIdentifier` and `addLink` then fail.
   */
  seal(): void {
    if (this.pending.size > 0) throw new Error('seal: link ends never added as identifiers');
    this.index.clear();
    this.strings.clear();
    this.sealed = true;
  }

  private sealed = false;

  /** Link ends named but never added as identifiers. */
  missing(): string[] {
    return [...this.pending.keys()];
  }

  quarantined(n: number): boolean {
    return this.quarantine.data[n] === 1;
  }

  a(e: number): number {
    return this.ea.data[e] as number;
  }

  b(e: number): number {
    return this.eb.data[e] as number;
  }

  confidence(e: number): number {
    return this.conf.data[e] as number;
  }

  seq(e: number): number {
    return this.eseq.data[e] as number;
  }

  active(e: number): boolean {
    return this.eactive.data[e] === 1;
  }
}
