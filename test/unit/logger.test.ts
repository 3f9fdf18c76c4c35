import { afterEach, describe, expect, it } from 'vitest';
import { loadCliConfig } from '../../src/cli/runtime.js';
import { loadConfig } from '../../src/config.js';
import { log } from '../../src/log/logger.js';
import { requestIdFrom } from '../../src/log/request-log.js';
import { capturedLog } from '../support/log-capture.js';

describe('the logger', () => {
  it('honours ONEID_LOG_LEVEL: debug lines at debug, not at info', () => {
    for (const [level, expected] of [
      ['debug', ['a debug line', 'an info line']],
      ['info', ['an info line']],
      ['error', []],
    ] as const) {
      const { logger, lines } = capturedLog(loadConfig({ ONEID_LOG_LEVEL: level }).logLevel);
      logger.debug('a debug line');
      logger.info('an info line');
      expect(lines.map((l) => l.msg)).toEqual(expected);
    }
  });

  describe('the process log', () => {
    const before = { env: process.env.ONEID_LOG_LEVEL, level: log.level };
    afterEach(() => {
      if (before.env === undefined) delete process.env.ONEID_LOG_LEVEL;
      else process.env.ONEID_LOG_LEVEL = before.env;
      log.level = before.level;
    });

    it('takes its level from ONEID_LOG_LEVEL when a command loads the configuration', () => {
      process.env.ONEID_LOG_LEVEL = 'debug';
      loadCliConfig();
      expect(log.isLevelEnabled('debug')).toBe(true);
      process.env.ONEID_LOG_LEVEL = 'warn';
      loadCliConfig();
      expect([log.isLevelEnabled('info'), log.isLevelEnabled('warn')]).toEqual([false, true]);
    });
  });

  it('writes one JSON object per line with level, ISO time and message', () => {
    const { logger, lines } = capturedLog('info');
    logger.child({ reqId: 'r1' }).info({ ms: 1.5 }, 'done');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, reqId: 'r1', ms: 1.5, msg: 'done' }),
    ]);
    expect(new Date(lines[0]?.time as string).toISOString()).toBe(lines[0]?.time);
  });

  it('redacts API key headers, keys, passwords, contacts and names wherever they are put', () => {
    const { logger, lines } = capturedLog('info');
    const secrets = ['k-header', 'k-bearer', 'k-field', 'pw', '13800138000', 'a@b.cn', 'Alice'];
    logger.info(
      {
        req: { headers: { 'x-api-key': 'k-header', authorization: 'Bearer k-bearer' } },
        apiKey: 'k-field',
        source: { password: 'pw' },
        row: { mobile: '13800138000', email: 'a@b.cn', real_name: 'Alice' },
      },
      'a careless line',
    );
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});

describe('request ids', () => {
  it('keeps a safe incoming x-request-id', () => {
    expect(requestIdFrom('test-123')).toBe('test-123');
    expect(requestIdFrom('7f0c:span.1_A')).toBe('7f0c:span.1_A');
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(65)],
    ['with a space', 'a b'],
    ['with a line break', 'a\nb'],
    ['with JSON', '{"a":1}'],
    ['repeated', ['a', 'b']],
  ])('makes a new one when the incoming one is %s', (_why, header) => {
    const id = requestIdFrom(header);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(header)).not.toBe(id);
  });
});
