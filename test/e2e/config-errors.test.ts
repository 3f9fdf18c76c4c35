import { describe, expect, it } from 'vitest';
import { runCli } from '../support/service.js';

describe('a bad configuration', () => {
  it('stops the CLI before it starts anything, one line per bad variable, secrets not shown', async () => {
    const secret = 'never-print-this-key:admin';
    const { code, stdout, stderr } = await runCli(['serve'], {
      ...(process.env as Record<string, string>),
      PORT: '65536',
      ONEID_NEO4J_BOLT_PORT: '80abc',
      ONEID_LOG_LEVEL: 'loud',
      ONEID_API_KEYS: secret,
      ONEID_NEO4J_HEAP: '',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'oneid: PORT must be a port: a whole number from 1 to 65535, got "65536"',
      'oneid: ONEID_NEO4J_BOLT_PORT must be a port: a whole number from 1 to 65535, got "80abc"',
      expect.stringMatching(/^oneid: ONEID_API_KEYS must be .* \(value not shown\)$/),
      'oneid: ONEID_LOG_LEVEL must be one of debug, info, warn, error, got "loud"',
    ]);
    expect(stderr).not.toContain('never-print-this-key');
  });
});
