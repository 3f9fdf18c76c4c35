/** Counts per second over a sliding window of one-second buckets. */
export class RateMeter {
  private readonly buckets: number[];
  private current = 0;
  private currentSecond: number;

  constructor(
    private readonly windowSeconds = 10,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
    this.currentSecond = Math.floor(now() / 1000);
  }

  add(count: number): void {
    this.roll();
    this.current += count;
  }

  /** Mean rate over the completed seconds of the window. */
  perSecond(): number {
    this.roll();
    return this.buckets.reduce((a, b) => a + b, 0) / this.windowSeconds;
  }

  private roll(): void {
    const second = Math.floor(this.now() / 1000);
    const elapsed = Math.min(second - this.currentSecond, this.windowSeconds + 1);
    for (let i = 0; i < elapsed; i++) {
      this.buckets.shift();
      this.buckets.push(i === 0 ? this.current : 0);
      this.current = i === 0 ? 0 : this.current;
    }
    if (elapsed > 0) {
      this.current = 0;
      this.currentSecond = second;
    }
  }
}
