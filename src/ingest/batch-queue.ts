/**
 * A queue between a push-based source and a batch writer. `take` resolves with up to `max`
 * items: at once when that many wait, otherwise `lingerMs` after the first item arrived;
 * with an empty array once the queue is closed and drained. One taker at a time.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private closed = false;
  /** The taker sleeps until the queue holds this many items (or is closed). */
  private wanted = Infinity;
  private wake: (() => void) | undefined;

  get length(): number {
    return this.items.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The oldest waiting item. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.wanted) this.signal();
  }

  /** No more items will come; the taker gets what is left. */
  close(): void {
    this.closed = true;
    this.signal();
  }

  async take(max: number, lingerMs: number): Promise<T[]> {
    if (this.items.length === 0 && !this.closed) await this.waitFor(1);
    if (this.items.length < max && !this.closed && lingerMs > 0) {
      const timer = setTimeout(() => this.signal(), lingerMs);
      await this.waitFor(max);
      clearTimeout(timer);
    }
    return this.items.splice(0, max);
  }

  private waitFor(count: number): Promise<void> {
    this.wanted = count;
    return new Promise((resolve) => (this.wake = resolve));
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.wanted = Infinity;
    wake?.();
  }
}
