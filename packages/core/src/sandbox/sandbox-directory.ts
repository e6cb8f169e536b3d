import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `.assay-sandbox.json` records beside an environment's files, so cleanup can tell a live run from a dead one. */
interface SandboxDirectoryInfo {
  provider: string;
  runId: string;
  pid: number;
  createdAt: string;
}

/** A directory made for one environment: `path` holds `.assay-sandbox.json`; what the sandbox sees goes below it. */
export interface SandboxDirectory {
  /** The id `assay sandbox cleanup TYPE ID` takes (the directory's name). */
  id: string;
  path: string;
}

/** Where every provider's directories live. */
export function sandboxDirectoryRoot(): string {
  return join(tmpdir(), 'assay-sandbox');
}

/** Makes a fresh directory for one environment of `provider`, marked with the run id and this process's pid. */
export async function createSandboxDirectory(options: { provider: string; runId: string }): Promise<SandboxDirectory> {
  const id = `${options.provider}-${options.runId.slice(0, 8)}-${randomBytes(4).toString('hex')}`;
  const path = join(sandboxDirectoryRoot(), id);
  await mkdir(path, { recursive: true, mode: 0o700 });
  const info: SandboxDirectoryInfo = {
    provider: options.provider,
    runId: options.runId,
    pid: process.pid,
    createdAt: new Date().toISOString(),
  };
  await writeFile(join(path, '.assay-sandbox.json'), JSON.stringify(info));
  return { id, path };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `provider`'s directories left by runs that are no longer alive (or, with `id`, that one directory), and
 * returns the ids removed. Directories without a readable `.assay-sandbox.json` are not Assay's and are left alone.
 */
export async function cleanupSandboxDirectories(options: {
  provider: string;
  id?: string;
  /** Called before a directory is removed, e.g. to unmount or kill what still uses it. */
  beforeRemove?: (directory: SandboxDirectory) => Promise<void>;
}): Promise<string[]> {
  const root = sandboxDirectoryRoot();
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(`${options.provider}-`)) continue;
    if (options.id !== undefined && name !== options.id) continue;
    const path = join(root, name);
    let info: SandboxDirectoryInfo;
    try {
      info = JSON.parse(await readFile(join(path, '.assay-sandbox.json'), 'utf8')) as SandboxDirectoryInfo;
    } catch {
      continue;
    }
    if (info.provider !== options.provider) continue;
    if (options.id === undefined && isAlive(info.pid)) continue;
    await options.beforeRemove?.({ id: name, path });
    await rm(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
