import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startService } from '../support/service.js';

describe('shutdown', () => {
  it('a second stop signal during shutdown (Ctrl-C reaches it from the terminal and from npm) is ignored', async () => {
    const service = await startService(14004, { ONEID_LOAD_SEEDS: 'false' });
    const exited = once(service.process, 'exit');
    service.process.kill('SIGINT');
    service.process.kill('SIGTERM'); // a different signal: identical pending signals coalesce
    const [code] = await exited;
    expect(code, service.output()).toBe(0);
    expect(service.output(), service.output()).toContain('already shutting down');
    expect(service.output()).toContain('Stopped.');
  });
});
