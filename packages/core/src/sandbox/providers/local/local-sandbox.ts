import { decodeFileContents } from '../../decode-file-contents.js';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { defineSandbox, type SandboxProvider } from '../../define-sandbox.js';
import { killProcessGroup, runProcess } from '../../run-process.js';
import { cleanupSandboxDirectories, createSandboxDirectory } from '../../sandbox-directory.js';
import type { ExecOptions, ExecResult, SandboxConnection, SandboxEnvironment } from '../../sandbox-environment.js';
import { sandboxLimits } from '../../sandbox-environment.js';
import { SandboxError } from '../../sandbox-error.js';

/** The environment every command starts from: nothing of the runner's own (its keys stay out). */
function baseEnvironment(home: string): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
  };
}

/** Maps a node file-system error to the sandbox error a tool reports. */
function fileError(error: unknown, path: string): SandboxError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new SandboxError({ code: 'sandbox_file_not_found', message: `File '${path}' was not found.`, path, cause: error });
    case 'EISDIR':
      return new SandboxError({ code: 'sandbox_is_a_directory', message: `'${path}' is a directory.`, path, cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new SandboxError({ code: 'sandbox_permission_denied', message: `Permission denied: '${path}'.`, path, cause: error });
    default:
      return new SandboxError({
        code: 'sandbox_unavailable',
        message: `Could not access '${path}': ${(error as Error).message}`,
        path,
        cause: error,
      });
  }
}

/** A `local` environment: a temporary directory on the host; commands run as the runner's user. */
class LocalEnvironment implements SandboxEnvironment {
  private readonly processGroups = new Set<number>();

  constructor(
    readonly id: string,
    private readonly directory: string,
    readonly workDir: string,
  ) {}

  private resolvePath(path: string): string {
    return isAbsolute(path) ? path : resolve(this.workDir, path);
  }

  async exec(cmd: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (options.user !== undefined) {
      throw new SandboxError({
        code: 'sandbox_config',
        message: `The local sandbox runs commands as the runner's user; it cannot run as "${options.user}". Use bwrap or docker.`,
      });
    }
    return runProcess({
      command: cmd,
      input: options.input,
      env: { ...baseEnvironment(this.workDir), ...options.env },
      cwd: options.cwd === undefined ? this.workDir : this.resolvePath(options.cwd),
      timeout: options.timeout,
      signal: options.signal,
      onSpawn: (group) => this.processGroups.add(group),
    });
  }

  async writeFile(path: string, contents: string | Uint8Array): Promise<void> {
    const target = this.resolvePath(path);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, contents);
    } catch (error) {
      throw fileError(error, path);
    }
  }

  readFile(path: string, options?: { text?: true }): Promise<string>;
  readFile(path: string, options: { text: false }): Promise<Uint8Array>;
  async readFile(path: string, options?: { text?: boolean }): Promise<string | Uint8Array> {
    const target = this.resolvePath(path);
    let bytes: Buffer;
    try {
      const info = await stat(target);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (info.size > sandboxLimits.maxReadFileSize) {
        throw new SandboxError({
          code: 'sandbox_output_limit',
          message: `File '${path}' is ${info.size} bytes, over the ${sandboxLimits.maxReadFileSize}-byte read limit.`,
          path,
        });
      }
      bytes = await readFile(target);
    } catch (error) {
      if (error instanceof SandboxError) throw error;
      throw fileError(error, path);
    }
    return decodeFileContents({ bytes, path, text: options?.text });
  }

  async connection(): Promise<SandboxConnection> {
    return { type: 'local', command: `cd ${this.workDir}`, container: this.id };
  }

  /** Kills what the environment's commands left running, then removes its directory. */
  async remove(): Promise<void> {
    for (const group of this.processGroups) killProcessGroup(group);
    await rm(this.directory, { recursive: true, force: true });
  }
}

/**
 * The `local` sandbox: a fresh temporary directory per sample on the host, commands run as the runner's user with a
 * minimal environment. It isolates nothing; use it to develop tasks, and `bwrap` or `docker` to run models.
 */
export const localSandbox: SandboxProvider = defineSandbox({
  name: 'local',
  async sampleInit({ runId }) {
    const directory = await createSandboxDirectory({ provider: 'local', runId });
    const workDir = join(directory.path, 'work');
    await mkdir(workDir);
    return { default: new LocalEnvironment(directory.id, directory.path, workDir) };
  },
  async sampleCleanup({ environments }) {
    for (const environment of Object.values(environments)) {
      if (environment instanceof LocalEnvironment) await environment.remove();
    }
  },
  async cliCleanup({ id }) {
    return cleanupSandboxDirectories({ provider: 'local', id });
  },
});
