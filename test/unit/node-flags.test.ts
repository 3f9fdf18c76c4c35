import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');

describe("the service's Node flags", () => {
  const flags = [...read('scripts/node-flags.mjs').matchAll(/'(--[\w-]+(?:=\w+)?)'/g)].map(
    (m) => m[1] as string,
  );

  it('are defined once, in scripts/node-flags.mjs', () => {
    expect(flags).toContain('--max-semi-space-size=64');
  });

  it('are what npm start and the benches pass, and what the Docker image runs with', () => {
    expect(read('scripts/start.mjs')).toContain('...SERVICE_NODE_FLAGS, entry');
    expect(read('scripts/bench.mjs')).toContain("...SERVICE_NODE_FLAGS, '--import'");
    expect(read('bench/lib/service-process.ts')).toContain('...SERVICE_NODE_FLAGS,');
    const cmd = read('Dockerfile').match(/^CMD (.*)$/m)?.[1] ?? '';
    for (const flag of flags) expect(JSON.parse(cmd)).toContain(flag);
  });
});
