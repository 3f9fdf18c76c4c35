#!/usr/bin/env node
// The `oneid` command: runs the compiled CLI (npm run build) when it is at least as new as
// the TypeScript sources, otherwise the sources through tsx (development checkouts). On a
// Node older than the project supports, it runs itself again with the Node that
// scripts/runtime.mjs provides.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (Number(process.versions.node.split('.')[0]) < 22) {
  const { ensureInstalled, runtimeEnv, supportedNode } = await import('../scripts/runtime.mjs');
  const node = supportedNode();
  ensureInstalled(runtimeEnv(node));
  const child = spawn(
    join(node.bin, 'node'),
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: runtimeEnv(node) },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const built = join(root, 'dist', 'src', 'cli', 'main.js');
  const sources = join(root, 'src');
  if (existsSync(built) && !(existsSync(sources) && newest(sources) > statSync(built).mtimeMs)) {
    await import(pathToFileURL(built).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(join(sources, 'cli', 'main.ts')).href);
  }
}

/** The latest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
