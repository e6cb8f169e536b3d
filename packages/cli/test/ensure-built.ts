import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureClientBuilt } from '../../log-viewer/test/viewer-fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

/** The built CLI the end-to-end tests spawn. */
export const builtBin = path.join(repoRoot, 'packages/cli/dist/bin.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function isStale(packageName: string): boolean {
  const dir = path.join(repoRoot, 'packages', packageName);
  const built = path.join(dir, 'dist/index.js');
  if (!existsSync(built)) return true;
  const source = Math.max(newestSource(path.join(dir, 'src')), statSync(path.join(dir, 'package.json')).mtimeMs);
  return source > statSync(built).mtimeMs;
}

/** Runs `fn` holding a lock directory in the temporary directory: test files run in parallel workers, one builds. */
export async function withBuildLock<TResult>(name: string, fn: () => Promise<TResult>): Promise<TResult> {
  const lock = path.join(os.tmpdir(), name);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is taken over after five minutes.
      const stats = statSync(lock, { throwIfNoEntry: false });
      if (stats && Date.now() - stats.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds @assay/model, @assay/core, @assay/log-viewer (its server with tsup, its client with vite: `assay view` serves
 * both) and @assay/cli when their sources are newer than their dist.
 */
export async function ensureBuilt(): Promise<void> {
  await withBuildLock('assay-cli-e2e-build.lock', async () => {
    const tsup = path.join(repoRoot, 'node_modules/tsup/dist/cli-default.js');
    // In dependency order: the CLI's bundle and types read core's and model's.
    for (const name of ['model', 'core', 'log-viewer', 'cli']) {
      if (!isStale(name)) continue;
      const cwd = path.join(repoRoot, 'packages', name);
      try {
        await run(process.execPath, [tsup], { cwd });
      } catch (error) {
        // The JavaScript is all the tests run: a type error (the type-checker's business) only fails the .d.ts step.
        if (isStale(name)) {
          const stderr = String((error as { stderr?: string }).stderr ?? error).slice(-2000);
          throw new Error(`building packages/${name} failed:\n${stderr}`);
        }
      }
    }
    ensureClientBuilt();
  });
}
