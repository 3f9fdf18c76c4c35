/** An identifier as callers name it. */
export interface IdRef {
  readonly type: string;
  readonly value: string;
}

/** The graph key of an identifier: "type:value". Types are snake_case, so the split is unambiguous. */
export function idKey(ref: IdRef): string {
  return `${ref.type}:${ref.value}`;
}

export function parseKey(key: string): IdRef {
  const at = key.indexOf(':');
  return { type: key.slice(0, at), value: key.slice(at + 1) };
}

/** OneIDs derive from the integer id, so neither is ever reused. */
export function oneIdFor(pid: number): string {
  return `OID${String(pid).padStart(10, '0')}`;
}

/** Naive local timestamps, "YYYY-MM-DDTHH:MM:SS", compared as strings. */
export function nowStamp(date = new Date()): string {
  return date.toISOString().slice(0, 19);
}
