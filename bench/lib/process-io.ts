import { readFileSync } from 'node:fs';

export interface ProcessIo {
  /** Bytes read and written through system calls (sockets included: Bolt, HTTP). */
  readonly rchar: number;
  readonly wchar: number;
  /** read- and write-like system calls. */
  readonly syscr: number;
  readonly syscw: number;
}

/** /proc/<pid>/io of a process this user may trace (a child); undefined when unreadable. */
export function processIo(pid: number | undefined): ProcessIo | undefined {
  if (pid === undefined) return undefined;
  try {
    const text = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1]);
    return {
      rchar: field('rchar'),
      wchar: field('wchar'),
      syscr: field('syscr'),
      syscw: field('syscw'),
    };
  } catch {
    return undefined;
  }
}

/** b - a field by field; undefined when either is. */
export function ioDelta(a: ProcessIo | undefined, b: ProcessIo | undefined): ProcessIo | undefined {
  if (!a || !b) return undefined;
  return {
    rchar: b.rchar - a.rchar,
    wchar: b.wchar - a.wchar,
    syscr: b.syscr - a.syscr,
    syscw: b.syscw - a.syscw,
  };
}
