#!/usr/bin/env node
// The `oneid` command: runs the compiled CLI (npm run build) when it is at least as new as
// the TypeScript sources, otherwise the sources through tsx (development checkouts). On a
// Node older than the project supports, it runs itself again with the Node that
// scripts/runtime.mjs provides.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ensureInstalled,
  isSupported,
  newest,
  runtimeEnv,
  supportedNode,
} from '../scripts/runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!isSupported(process.version)) {
  const node = supportedNode();
  const env = runtimeEnv(node);
  ensureInstalled(node, env);
  const child = spawn(
    join(node.bin, 'node'),
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env },
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
