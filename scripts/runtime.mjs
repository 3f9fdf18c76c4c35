#!/usr/bin/env node
// The Node.js the project runs on: Node 24 LTS (22 works too).
//
//   node scripts/runtime.mjs COMMAND [ARGS...]     e.g. `npm run test:all`
//
// Runs COMMAND with a supported Node first on PATH, after making sure node_modules was
// installed by it (native addons are built per Node ABI). When the Node running this script
// is older (a machine whose system Node is 20, past its end of life), the official Node 24
// Linux build is taken from the npm registry (the package node-linux-<arch> holds the
// release's bin/node and C headers) into .cache/node/ once, like Neo4j and Kafka are: no
// download from outside the registries, no root, nothing installed system-wide.
// Plain JavaScript with no dependencies: it must run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { constants } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.22.3';
const SUPPORTED_MAJOR = 22;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const log = (line) => process.stderr.write(`${line}\n`);

function check(result, what) {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
}

/** The latest modification time of any file under `dir` (what a build must be newer than). */
export function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when `version` (like "v20.20.2" or "20.20.2") is a Node the project supports. */
export function isSupported(version) {
  return Number(version.replace(/^v/, '').split('.')[0]) >= SUPPORTED_MAJOR;
}

/**
 * The directory of a supported `node` binary: the running one's when it is supported,
 * otherwise the provisioned Node 24 (fetched on first use). `nodedir` is set for a
 * provisioned Node: native addons compile against its headers.
 */
export function supportedNode() {
  if (isSupported(process.version))
    return { bin: dirname(process.execPath), nodedir: undefined, version: process.version };
  const dir = join(root, '.cache', 'node', `v${NODE_VERSION}`);
  if (!existsSync(join(dir, '.complete'))) provision(dir);
  return { bin: join(dir, 'bin'), nodedir: dir, version: `v${NODE_VERSION}` };
}

function provision(dir) {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (process.platform !== 'linux' || !arch)
    throw new Error(
      `Node ${process.version} is too old (the project needs ${SUPPORTED_MAJOR} or later) and ` +
        `a Node ${NODE_VERSION} can only be provisioned on Linux x64 or arm64: install Node 24.`,
    );
  const pkg = `node-linux-${arch}@${NODE_VERSION}`;
  log(`Node ${process.version} is past its end of life: fetching ${pkg} from the npm registry...`);
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  check(
    spawnSync(npm, ['pack', pkg, '--silent', '--pack-destination', work], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
    `npm pack ${pkg}`,
  );
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${pkg} left no tarball in ${work}`);
  check(
    spawnSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: work, stdio: 'inherit' }),
    `unpacking ${tarball}`,
  );
  rmSync(join(work, tarball));
  check(spawnSync(join(work, 'bin', 'node'), ['--version'], { stdio: 'ignore' }), 'node --version');
  writeFileSync(join(work, '.complete'), `${NODE_VERSION}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  log(`Node ${NODE_VERSION} is in ${dir}`);
}

/** The environment that puts `node` first on PATH (and its headers where addons find them). */
export function runtimeEnv(node, env = process.env) {
  return {
    ...env,
    PATH: `${node.bin}${delimiter}${env.PATH ?? ''}`,
    ...(node.nodedir ? { npm_config_nodedir: node.nodedir } : {}),
  };
}

/**
 * Installs the dependencies with `node` when they are missing or older than
 * package-lock.json, and rebuilds the native addons when they were built for another Node.
 * The Node that last installed or checked them is noted in node_modules, so that an
 * unchanged checkout costs no process start.
 */
export function ensureInstalled(node, env = runtimeEnv(node)) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = join(root, 'node_modules', '.package-lock.json');
  const noted = join(root, 'node_modules', '.oneid-node');
  const run = (args, what) =>
    check(spawnSync(npm, args, { cwd: root, env, stdio: 'inherit' }), what);
  if (
    !existsSync(installed) ||
    statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs
  ) {
    log('Installing dependencies (npm ci)...');
    run(['ci', '--no-audit', '--no-fund'], 'npm ci');
  } else if (!existsSync(noted) || readFileSync(noted, 'utf8').trim() !== node.version) {
    const loads = spawnSync('node', ['-e', "require('roaring')"], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    if (loads.status !== 0) {
      log('Rebuilding native addons for this Node (npm rebuild)...');
      run(['rebuild'], 'npm rebuild');
    }
  }
  writeFileSync(noted, `${node.version}\n`);
}

async function main(argv) {
  const [command, ...args] = argv;
  if (!command) {
    log('Usage: node scripts/runtime.mjs COMMAND [ARGS...]');
    return 64;
  }
  const node = supportedNode();
  const env = runtimeEnv(node);
  ensureInstalled(node, env);
  const child = spawn(command, args, { cwd: process.cwd(), env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      log(`${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) =>
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 0)),
    );
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
