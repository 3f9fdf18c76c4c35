import { describe, expect, it } from 'vitest';
import { Scope } from '../../src/cli/scope.js';

describe('Scope: what a command opened, closed on every way out', () => {
  it('closes last-opened-first, once, and aborts its signal first', async () => {
    const scope = new Scope(() => undefined);
    const closed: string[] = [];
    await scope.defer('neo4j', () => closed.push(`neo4j aborted=${scope.signal.aborted}`));
    await scope.defer('driver', () => closed.push('driver'));
    await scope.defer('http', async () => {
      await new Promise((r) => setTimeout(r, 10));
      closed.push('http');
    });
    await Promise.all([scope.close(), scope.close()]);
    await scope.close();
    expect(closed).toEqual(['http', 'driver', 'neo4j aborted=true']);
  });

  it('a failing close is logged and the rest still closes', async () => {
    const logged: string[] = [];
    const scope = new Scope((message) => logged.push(message));
    const closed: string[] = [];
    await scope.defer('kafka', () => closed.push('kafka'));
    await scope.defer('streams', () => Promise.reject(new Error('boom')));
    await scope.close();
    expect(closed).toEqual(['kafka']);
    expect(logged).toEqual(['Closing streams failed']);
  });

  it('what is opened while closing is closed at once, and the opener is stopped', async () => {
    const scope = new Scope(() => undefined);
    const closed: string[] = [];
    const closing = scope.close();
    await expect(scope.defer('late', () => closed.push('late'))).rejects.toThrow(
      'Stopped before start-up finished.',
    );
    await closing;
    expect(closed).toEqual(['late']);
  });
});
