import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import type { SandboxEnvironment } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

/** Options of {@link applySampleFiles}. */
export interface ApplySampleFilesOptions {
  /** The sample's environments (the runner's recording wrappers, so each write and exec is in the transcript). */
  environments: Readonly<Record<string, SandboxEnvironment>>;
  defaultName: string;
  /** `Sample.files`: key `path` or `name:path`; value a host file or directory path, a `data:` URI, or the contents. */
  files?: Readonly<Record<string, string>>;
  /** `Sample.setup`: a script, or the path of one; run with bash (or its own `#!`) in the default environment. */
  setup?: string;
  /** Named in errors. */
  sampleId: string | number;
  /** Folder relative file paths are read from (the task file's). */
  baseDir: string;
  signal?: AbortSignal;
}

/** The bytes of a `data:` URI (`;base64` or percent-encoded), or undefined when `value` is not one. */
export function decodeDataUri(value: string): Uint8Array | undefined {
  const match = /^data:([^,]*),(.*)$/s.exec(value);
  if (!match) return undefined;
  const [, header = '', body = ''] = match;
  if (/;base64$/i.test(header)) return new Uint8Array(Buffer.from(body, 'base64'));
  return new Uint8Array(Buffer.from(decodeURIComponent(body), 'utf8'));
}

async function fileType(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : undefined;
  } catch {
    // Contents rather than a path may be too long, or hold bytes no path can.
    return undefined;
  }
}

/** A value that may name a host file: one line, not too long. */
function hostPath(value: string, baseDir: string): string | undefined {
  if (value === '' || value.length > 4096 || /[\n\r\0]/.test(value)) return undefined;
  return resolve(baseDir, value);
}

async function listFiles(directory: string, prefix: string): Promise<Array<[string, string]>> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: Array<[string, string]> = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const target = posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path, target)));
    else if (entry.isFile()) files.push([target, path]);
  }
  return files;
}

/**
 * What to write for each file key, as Inspect reads sample files: a host directory adds its files under the key,
 * a host file its bytes, a `data:` URI its decoded bytes, anything else is the contents as text.
 */
async function readSampleFiles(files: Readonly<Record<string, string>>, baseDir: string): Promise<Array<[string, string | Uint8Array]>> {
  const resolved: Array<[string, string | Uint8Array]> = [];
  for (const [key, value] of Object.entries(files)) {
    const data = decodeDataUri(value);
    if (data) {
      resolved.push([key, data]);
      continue;
    }
    const path = hostPath(value, baseDir);
    const type = path === undefined ? undefined : await fileType(path);
    if (type === 'directory') {
      for (const [target, file] of await listFiles(path!, key)) resolved.push([target, new Uint8Array(await readFile(file))]);
    } else if (type === 'file') {
      resolved.push([key, new Uint8Array(await readFile(path!))]);
    } else {
      resolved.push([key, value]);
    }
  }
  return resolved;
}

async function readSetup(setup: string, baseDir: string): Promise<string> {
  const data = decodeDataUri(setup);
  if (data) return Buffer.from(data).toString('utf8');
  const path = hostPath(setup, baseDir);
  if (path !== undefined && (await fileType(path)) === 'file') return readFile(path, 'utf8');
  return setup;
}

function setupFailed(sampleId: string | number, message: string, cause?: unknown): SandboxError {
  return new SandboxError({ code: 'sandbox_setup_failed', message: `Sample ${JSON.stringify(sampleId)}: ${message}`, cause });
}

/**
 * Copies a sample's `files` into its environments and runs its `setup` script in the default one (Inspect's
 * `copy_sandbox_environment_files` and `setup_sandbox_environment`): the script is written to a temporary file, run,
 * and removed. Throws `sandbox_setup_failed` naming the sample (with the script's stderr when it exits non-zero).
 */
export async function applySampleFiles(options: ApplySampleFilesOptions): Promise<void> {
  const { environments, sampleId, baseDir } = options;
  const fallback = environments[options.defaultName];
  if (!fallback) throw setupFailed(sampleId, `no default sandbox environment "${options.defaultName}".`);
  let files: Array<[string, string | Uint8Array]>;
  try {
    files = await readSampleFiles(options.files ?? {}, baseDir);
  } catch (error) {
    throw setupFailed(sampleId, `could not read its files: ${(error as Error).message}`, error);
  }
  for (const [key, contents] of files) {
    // As Inspect: `name:path` targets environment `name`, so a file name cannot hold ":".
    const colon = key.indexOf(':');
    const name = colon === -1 ? undefined : key.slice(0, colon);
    const path = colon === -1 ? key : key.slice(colon + 1);
    const environment = name === undefined ? fallback : environments[name];
    if (!environment) {
      throw setupFailed(
        sampleId,
        `its file "${key}" names the sandbox environment "${name}", which it does not have (it has ${Object.keys(environments).join(', ')}). A ":" in a file key separates an environment name from the path.`,
      );
    }
    try {
      await environment.writeFile(path, contents);
    } catch (error) {
      throw setupFailed(sampleId, `could not write its file "${key}": ${(error as Error).message}`, error);
    }
  }
  if (options.setup === undefined || options.setup === '') return;
  let script: string;
  try {
    script = await readSetup(options.setup, baseDir);
  } catch (error) {
    throw setupFailed(sampleId, `could not read its setup script: ${(error as Error).message}`, error);
  }
  const file = `/tmp/assay-setup-${randomUUID()}`;
  try {
    await fallback.writeFile(file, script);
    // A script with its own `#!` runs with that interpreter (as Inspect runs it); others with bash.
    const ownInterpreter = script.trimStart().startsWith('#!');
    if (ownInterpreter) await fallback.exec(['chmod', '+x', file], { signal: options.signal });
    const result = await fallback.exec(ownInterpreter ? [file] : ['bash', file], { signal: options.signal });
    if (!result.success) {
      throw setupFailed(sampleId, `its setup script failed (exit ${result.returncode}): ${result.stderr.trim() || result.stdout.trim() || '(no output)'}`);
    }
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'sandbox_setup_failed') throw error;
    throw setupFailed(sampleId, `its setup script could not run: ${(error as Error).message}`, error);
  } finally {
    await fallback.exec(['rm', '-f', file]).catch(() => undefined);
  }
}
