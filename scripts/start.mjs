#!/usr/bin/env node
// `npm start` (through scripts/runtime.mjs, which provides Node 24 and installs what is
// missing): builds what is missing, then runs `oneid serve` (which starts the local Neo4j,
// loads the seeds into an empty graph and prints the addresses and API keys).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from './node-flags.mjs';
import { newest } from './runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const entry = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(entry) || newest(join(root, 'src')) > statSync(entry).mtimeMs) {
  console.error('Building (tsc)...');
  run(npm, ['run', 'build', '--silent']);
}
const child = spawn(
  process.execPath,
  [...SERVICE_NODE_FLAGS, entry, 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
