/**
 * Passes `source` on while keeping up to `depth` items requested ahead, so producing the next
 * item (parsing a batch) overlaps with the consumer's work on this one (writing it) instead
 * of waiting for it. Order and items are unchanged; an error of the source is thrown where
 * the item it replaced would have been yielded. Stopping early stops the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 1): AsyncGenerator<T> {
  const items = source[Symbol.asyncIterator]();
  const pending: Promise<IteratorResult<T>>[] = [];
  let done = false;
  try {
    for (;;) {
      while (!done && pending.length <= depth) {
        const next = items.next();
        // settled later in order; an early stop must not leave a rejection unhandled
        next.catch(() => undefined);
        pending.push(next);
      }
      const head = pending.shift();
      if (head === undefined) return;
      const result = await head;
      if (result.done === true) {
        done = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!done) await items.return?.();
  }
}
