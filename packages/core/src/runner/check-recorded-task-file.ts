import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

const TASK_FILE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** The task file a log names, once judged: the real path to load, or why it is not loaded. */
export type RecordedTaskFile = { path: string } | { refused: string };

/**
 * Judges the task file a log records before anything is imported (a log is data, and may come from anyone). It is
 * loaded only when its real path (after links) is inside `cwd`, outside any `node_modules`, and it is an ordinary task
 * file: a regular `.ts`/`.js` (`.mts`, `.cjs`, `.tsx`, …) file that is not an executable script (`#!`) and not the
 * command-line program (`bin`) of a package. Nothing is read but its first two bytes and package.json files.
 */
export function checkRecordedTaskFile(options: { file: string; cwd: string }): RecordedTaskFile {
  const root = realpathSync(options.cwd);
  let real: string;
  try {
    real = realpathSync(path.resolve(options.cwd, options.file));
  } catch {
    return { refused: 'does not exist' };
  }
  const relative = path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { refused: `resolves to ${real}, outside the current directory ${root}` };
  }
  if (relative.split(path.sep).includes('node_modules')) return { refused: `resolves to ${real}, inside node_modules (an installed package, not a task file)` };
  if (!TASK_FILE_EXTENSION.test(real)) return { refused: `resolves to ${real}, which is not a .ts or .js task file` };
  if (!statSync(real).isFile()) return { refused: `resolves to ${real}, which is not a regular file` };
  if (startsWithShebang(real)) return { refused: `resolves to ${real}, an executable script (it starts with #!), not a task file` };
  const owner = packageBinOwner({ file: real, root });
  if (owner) return { refused: `resolves to ${real}, the command-line program of the package ${owner}` };
  return { path: real };
}

function startsWithShebang(file: string): boolean {
  const head = Buffer.alloc(2);
  const descriptor = openSync(file, 'r');
  try {
    return readSync(descriptor, head, 0, 2, 0) === 2 && head.toString('latin1') === '#!';
  } finally {
    closeSync(descriptor);
  }
}

// The nearest package.json between the file and `root`: the package's name when it lists the file as a `bin`.
function packageBinOwner(options: { file: string; root: string }): string | undefined {
  for (let directory = path.dirname(options.file); ; directory = path.dirname(directory)) {
    let manifest: { name?: unknown; bin?: unknown } | undefined;
    try {
      manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { name?: unknown; bin?: unknown };
    } catch {
      manifest = undefined;
    }
    if (manifest) {
      const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values((manifest.bin ?? {}) as Record<string, unknown>);
      const listed = bins.some((bin) => typeof bin === 'string' && samePath(path.resolve(directory, bin), options.file));
      return listed ? String(manifest.name ?? directory) : undefined;
    }
    if (directory === options.root || directory === path.dirname(directory)) return undefined;
  }
}

function samePath(candidate: string, real: string): boolean {
  try {
    return realpathSync(candidate) === real;
  } catch {
    return false;
  }
}
