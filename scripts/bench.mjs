#!/usr/bin/env node
/**
 * `npm run bench -- NAME [args...]`: runs bench/NAME.ts with tsx, forwarding the remaining
 * arguments and the exit code. JSON results go to stdout, progress to stderr.
 * An unknown or missing name lists the benches and exits 64 (EX_USAGE).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const [name, ...args] = process.argv.slice(2);

const available = () =>
  readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();

if (!name || !/^[\w-]+$/.test(name) || !existsSync(join(benchDir, `${name}.ts`))) {
  if (name) console.error(`No benchmark "${name}" (bench/${name}.ts).`);
  console.error(`Usage: npm run bench -- NAME [args]\nAvailable: ${available().join(', ')}`);
  process.exit(64);
}

// most benches host the service in their process: they run with the service's Node flags
const child = spawn(
  process.execPath,
  [...SERVICE_NODE_FLAGS, '--import', 'tsx', join('bench', `${name}.ts`), ...args],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// Ctrl-C reaches the child through the process group; a SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
child.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
