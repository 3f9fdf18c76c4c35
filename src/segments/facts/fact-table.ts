import { channelsAsOf, rfmAsOf, type PurchaseSummary } from '../../rfm/summary.js';
import type { RuleFacts } from '../rule/index.js';
import { scoreScales, type ScoreScales } from './score-scales.js';
import { dateOf, monthOf } from './summary-facts.js';

const NONE = -1;
/** Channels and identifier types are bit masks: the first 31 distinct values seen. */
const MAX_MASK_VALUES = 31;

/** Distinct strings, numbered from 1 (0: none). */
class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [''];

  code(value: string | null | undefined): number {
    if (value === null || value === undefined) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

/** Bit masks of a small set of distinct values; values beyond the 31st are kept per person. */
class MaskDictionary {
  private readonly bits = new Map<string, number>();
  /** Persons' values that have no bit. */
  readonly overflow = new Map<number, string[]>();

  mask(pid: number, values: readonly string[]): number {
    let mask = 0;
    const rest: string[] = [];
    for (const v of values) {
      let bit = this.bits.get(v);
      if (bit === undefined && this.bits.size < MAX_MASK_VALUES) {
        bit = this.bits.size;
        this.bits.set(v, bit);
      }
      if (bit === undefined) rest.push(v);
      else mask |= 1 << bit;
    }
    if (rest.length > 0) this.overflow.set(pid, rest);
    else this.overflow.delete(pid);
    return mask;
  }

  has(pid: number, mask: number, value: string): boolean {
    const bit = this.bits.get(value);
    if (bit !== undefined) return (mask & (1 << bit)) !== 0;
    return this.overflow.get(pid)?.includes(value) ?? false;
  }
}

/**
 * What segment rules read of every active person as of the reference date, in typed columns
 * indexed by pid (about 45 bytes a person): a new or changed rule is evaluated over everyone
 * from here, with no read of the graph. Kept current from the change feed like the bitmaps.
 */
export class FactTable {
  private capacity = 0;
  private present = new Uint8Array(0);
  private recency = new Int32Array(0);
  private frequency = new Int32Array(0);
  private monetary = new Float64Array(0);
  private points = new Float64Array(0);
  private registerDay = new Int32Array(0);
  private birthMonth = new Uint8Array(0);
  private level = new Uint16Array(0);
  private gender = new Uint16Array(0);
  private registerChannel = new Uint16Array(0);
  private channelMask = new Uint32Array(0);
  private typeMask = new Uint32Array(0);
  private readonly strings = new Dictionary();
  private readonly channels = new MaskDictionary();
  private readonly types = new MaskDictionary();
  private scales: ScoreScales | undefined;
  /** Persons held. */
  size = 0;

  constructor(readonly asOf: string) {}

  /** Puts a person's current summary (replacing what was held). */
  set(s: PurchaseSummary): void {
    const pid = s.pid;
    this.grow(pid + 1);
    if (!this.present[pid]) this.size++;
    this.present[pid] = 1;
    const rfm = rfmAsOf(s, this.asOf);
    this.recency[pid] = rfm ? rfm.recencyDays : NONE;
    this.frequency[pid] = rfm ? rfm.frequency : 0;
    this.monetary[pid] = rfm ? rfm.monetaryCents : 0;
    const p = s.profile;
    this.points[pid] = p.totalPoints ?? NaN;
    const day = dateOf(p.registerDate);
    this.registerDay[pid] = day === null ? NONE : Date.parse(`${day}T00:00:00Z`) / 86_400_000;
    this.birthMonth[pid] = monthOf(p.birthday) ?? 0;
    this.level[pid] = this.strings.code(p.level);
    this.gender[pid] = this.strings.code(p.gender);
    this.registerChannel[pid] = this.strings.code(p.registerChannel);
    this.channelMask[pid] = this.channels.mask(pid, channelsAsOf(s, this.asOf));
    this.typeMask[pid] = this.types.mask(pid, s.identifierTypes);
    this.scales = undefined;
  }

  delete(pid: number): void {
    if (pid >= this.capacity || !this.present[pid]) return;
    this.present[pid] = 0;
    this.size--;
    this.channels.overflow.delete(pid);
    this.types.overflow.delete(pid);
    this.scales = undefined;
  }

  has(pid: number): boolean {
    return pid < this.capacity && this.present[pid] === 1;
  }

  /**
   * Bytes held by the typed columns (allocated capacity, growth slack included); the string
   * dictionaries and the per-person overflow of masks beyond 31 values are not counted.
   */
  bytes(): number {
    return [
      this.present,
      this.recency,
      this.frequency,
      this.monetary,
      this.points,
      this.registerDay,
      this.birthMonth,
      this.level,
      this.gender,
      this.registerChannel,
      this.channelMask,
      this.typeMask,
    ].reduce((total, column) => total + column.byteLength, 0);
  }

  /** The quintile scales of the persons with RFM (recomputed after a change, when asked). */
  scoreScales(): ScoreScales {
    if (!this.scales) {
      const r: number[] = [];
      const f: number[] = [];
      const m: number[] = [];
      for (let pid = 0; pid < this.capacity; pid++) {
        if (!this.present[pid] || this.recency[pid] === NONE) continue;
        r.push(this.recency[pid] as number);
        f.push(this.frequency[pid] as number);
        m.push(this.monetary[pid] as number);
      }
      this.scales = scoreScales(r, f, m);
    }
    return this.scales;
  }

  /**
   * The pids, ascending, of the persons `test` accepts: one reused cursor over the columns,
   * no allocation per person.
   */
  select(
    test: (facts: RuleFacts & { readonly pid: number }) => boolean,
    scales?: ScoreScales,
  ): number[] {
    const out: number[] = [];
    this.forEach((facts) => {
      if (test(facts)) out.push(facts.pid);
    }, scales);
    return out;
  }

  /**
   * Calls `visit` for every person, pids ascending, with one reused cursor over the columns
   * (valid during the call only).
   */
  forEach(
    visit: (facts: RuleFacts & { readonly pid: number }) => void,
    scales?: ScoreScales,
  ): void {
    const cursor = this.cursor(scales);
    for (let pid = 0; pid < this.capacity; pid++) {
      if (!this.present[pid]) continue;
      cursor.pid = pid;
      visit(cursor);
    }
  }

  /** A reusable view of one row: set `pid`, then read the facts. */
  cursor(scales?: ScoreScales): RuleFacts & { pid: number } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const t = this;
    const rfm = (pid: number) => t.recency[pid] !== NONE;
    return {
      pid: 0,
      get recencyDays() {
        return rfm(this.pid) ? (t.recency[this.pid] as number) : null;
      },
      get frequency() {
        return rfm(this.pid) ? (t.frequency[this.pid] as number) : null;
      },
      get monetaryCents() {
        return rfm(this.pid) ? (t.monetary[this.pid] as number) : null;
      },
      get rScore() {
        const s = scales ?? t.scoreScales();
        return rfm(this.pid) ? s.r.score(t.recency[this.pid] as number) : null;
      },
      get fScore() {
        const s = scales ?? t.scoreScales();
        return rfm(this.pid) ? s.f.score(t.frequency[this.pid] as number) : null;
      },
      get mScore() {
        const s = scales ?? t.scoreScales();
        return rfm(this.pid) ? s.m.score(t.monetary[this.pid] as number) : null;
      },
      get totalPoints() {
        const v = t.points[this.pid] as number;
        return Number.isNaN(v) ? null : v;
      },
      get birthdayMonth() {
        return t.birthMonth[this.pid] || null;
      },
      get level() {
        return t.strings.values[t.level[this.pid] as number] || null;
      },
      get gender() {
        return t.strings.values[t.gender[this.pid] as number] || null;
      },
      get registerChannel() {
        return t.strings.values[t.registerChannel[this.pid] as number] || null;
      },
      get registerDate() {
        const day = t.registerDay[this.pid] as number;
        return day === NONE ? null : new Date(day * 86_400_000).toISOString().slice(0, 10);
      },
      hasChannel(channel: string) {
        return t.channels.has(this.pid, t.channelMask[this.pid] as number, channel);
      },
      hasIdentifierType(type: string) {
        return t.types.has(this.pid, t.typeMask[this.pid] as number, type);
      },
    };
  }

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5), 1024);
    const resize = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(capacity);
      b.set(a as never);
      return b;
    };
    this.present = resize(this.present, (n) => new Uint8Array(n));
    this.recency = resize(this.recency, (n) => new Int32Array(n).fill(NONE));
    this.frequency = resize(this.frequency, (n) => new Int32Array(n));
    this.monetary = resize(this.monetary, (n) => new Float64Array(n));
    this.points = resize(this.points, (n) => new Float64Array(n).fill(NaN));
    this.registerDay = resize(this.registerDay, (n) => new Int32Array(n).fill(NONE));
    this.birthMonth = resize(this.birthMonth, (n) => new Uint8Array(n));
    this.level = resize(this.level, (n) => new Uint16Array(n));
    this.gender = resize(this.gender, (n) => new Uint16Array(n));
    this.registerChannel = resize(this.registerChannel, (n) => new Uint16Array(n));
    this.channelMask = resize(this.channelMask, (n) => new Uint32Array(n));
    this.typeMask = resize(this.typeMask, (n) => new Uint32Array(n));
    this.capacity = capacity;
  }
}
