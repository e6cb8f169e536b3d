import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withBuildLock } from '../../cli/test/ensure-built.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '../..');

/** The committed bin of create-assay, as npm runs it. */
export const createAssayBin = path.join(packageDir, 'bin/create-assay.js');

function newest(dir: string): number {
  let result = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    result = Math.max(result, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return result;
}

function isStale(): boolean {
  const built = path.join(packageDir, 'dist/bin.js');
  const sources = Math.max(newest(path.join(packageDir, 'src')), statSync(path.join(packageDir, 'tsup.config.ts')).mtimeMs);
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}

/** Builds create-assay with tsup when its sources are newer than its dist. */
export async function ensureCreateAssayBuilt(): Promise<void> {
  if (!isStale()) return;
  await withBuildLock('create-assay-build.lock', async () => {
    if (isStale()) {
      await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules/tsup/dist/cli-default.js')], { cwd: packageDir });
    }
  });
}
