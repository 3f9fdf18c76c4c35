/**
 * Synthetic app events in the seed's JSON format, deterministic for a given `runId`:
 * `persons` people, each with a union_id, a device and (on the mini-program) an open_id,
 * acting in sessions of 5 consecutive events; one event in four is a purchase. Used by the
 * crash test and bench/kafka.ts.
 */
export function generateEvents(
  count: number,
  runId: string,
  persons = Math.max(1, Math.floor(count / 10)),
): string[] {
  const types = ['page_view', 'add_cart', 'search', 'purchase'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const session = Math.floor(i / 5);
    const person = (session * 7919) % persons;
    const type = types[i % 4] as string;
    const miniapp = person % 2 === 0;
    const event: Record<string, unknown> = {
      event_id: `${runId}-${i}`,
      device_id: `DEV-${runId}-${person}`,
      union_id: `union-${runId}-${person}`,
      open_id: miniapp ? `open-${runId}-${person}` : null,
      event_type: type,
      page_name: type === 'purchase' ? 'checkout' : 'product',
      channel: miniapp ? 'miniapp' : 'app',
      platform: miniapp ? 'wechat' : 'ios',
      event_time: `2024-11-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
      session_id: `sess-${runId}-${session}`,
    };
    if (type !== 'page_view') {
      event.item_id = `SKU${i % 500}`;
      event.item_price = Number((((i * 37) % 50000) / 100 + 1).toFixed(2));
    }
    out.push(JSON.stringify(event));
  }
  return out;
}

/** Sum of item_price in cents over the purchases among `lines`. */
export function purchaseCents(lines: readonly string[]): number {
  let cents = 0;
  for (const line of lines) {
    const e = JSON.parse(line) as { event_type: string; item_price?: number };
    if (e.event_type === 'purchase' && e.item_price !== undefined)
      cents += Math.round(e.item_price * 100);
  }
  return cents;
}
