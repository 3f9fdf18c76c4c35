import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startService } from '../support/service.js';

describe('shutdown', () => {
  it('a second stop signal during shutdown (Ctrl-C reaches it from the terminal and from npm) is ignored', async () => {
    const service = await startService(14004, { ONEID_LOAD_SEEDS: 'false' });
    // a request still arriving keeps the HTTP server closing for a while (up to 5 s)
    const client = connect(Number(new URL(service.url).port), '127.0.0.1');
    await once(client, 'connect');
    client.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const exited = once(service.process, 'exit');
    service.process.kill('SIGINT');
    while (!service.output().includes('shutting down')) await new Promise((r) => setTimeout(r, 20));
    service.process.kill('SIGINT');
    const [code] = await exited;
    client.destroy();
    expect(code, service.output()).toBe(0);
    expect(service.output()).toContain('SIGINT: already shutting down');
    expect(service.output()).toContain('Stopped.');
  });
});
