import { decodeFileContents } from '../../decode-file-contents.js';
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { ExecOptions, ExecResult, SandboxConnection, SandboxEnvironment } from '../../sandbox-environment.js';
import { sandboxLimits } from '../../sandbox-environment.js';
import { SandboxError } from '../../sandbox-error.js';
import { dockerDaemonUnavailable, isDockerCliVariable, runDocker } from './docker-cli.js';

/** The variable every exec'd process inherits, so a timeout can find and kill all of them inside the container. */
const execMarker = 'ASSAY_EXEC';

// Kills every process inside the container that carries the exec's marker (children, setsid'd ones, a fork bomb's
// copies), repeating until none is left: killing the docker CLI on the host leaves them running.
const killScript = `i=0
while [ $i -lt 20 ]; do
  found=
  for p in /proc/[0-9]*; do
    if tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qx "$1"; then kill -9 "\${p#/proc/}" 2>/dev/null; found=1; fi
  done
  [ -z "$found" ] && exit 0
  i=$((i+1))
done`;

// Exit codes the file scripts use to say why (distinct from what cat or base64 return).
const notFound = 80;
const isDirectory = 81;
const permissionDenied = 82;
const tooLarge = 83;

const readScript = `[ -e "$1" ] || exit ${notFound}
[ -d "$1" ] && exit ${isDirectory}
[ -r "$1" ] || exit ${permissionDenied}
size=$(wc -c < "$1") || exit ${permissionDenied}
[ "$size" -gt "$2" ] && { echo "$size"; exit ${tooLarge}; }
base64 "$1"`;

const writeScript = `[ -d "$1" ] && exit ${isDirectory}
mkdir -p -- "$(dirname -- "$1")" || exit ${permissionDenied}
cat > "$1" || exit ${permissionDenied}`;

/** One container of a sample; commands run in it with `docker exec`, files move through it (never the host's view). */
export class DockerEnvironment implements SandboxEnvironment {
  constructor(
    /** The container's name. */
    readonly container: string,
    /** The compose project (or single-container project) it belongs to. */
    readonly project: string,
    /** The container's working directory, which relative paths are relative to. */
    readonly workDir: string,
  ) {}

  exec(cmd: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.run(cmd, options);
  }

  private async run(cmd: readonly string[], options: ExecOptions, maxOutput?: number): Promise<ExecResult> {
    if (cmd.length === 0) throw new SandboxError({ code: 'sandbox_config', message: 'exec needs a command (an empty list was given).' });
    const marker = `${execMarker}=${randomBytes(8).toString('hex')}`;
    const args = ['exec', '-i', '--env', marker];
    if (options.cwd !== undefined) args.push('--workdir', posix.resolve(this.workDir, options.cwd));
    if (options.user !== undefined) args.push('--user', options.user);
    // Values go in the docker CLI's own environment and only names on its command line, where `ps` would show them;
    // a variable the CLI reads itself (PATH, DOCKER_HOST) goes on the command line so it cannot redirect the CLI.
    const byName: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (isDockerCliVariable(name)) args.push('--env', `${name}=${value}`);
      else {
        args.push('--env', name);
        byName[name] = value;
      }
    }
    args.push(this.container);
    // Inside the container `timeout -s KILL` kills the command's whole process group at once (a fork bomb cannot
    // outrun a group kill); the host-side timeout is a backstop, after which the marker finds what escaped the group.
    const inside = options.timeout !== undefined && (await this.hasTimeoutCommand());
    if (inside) args.push('timeout', '-s', 'KILL', String(options.timeout));
    args.push(...cmd);
    const started = Date.now();
    let result: ExecResult;
    try {
      result = await runDocker({
        args,
        input: options.input,
        env: byName,
        timeout: options.timeout === undefined ? undefined : options.timeout + (inside ? 30 : 0),
        signal: options.signal,
        maxOutput,
      });
    } catch (error) {
      if (error instanceof SandboxError && error.code === 'sandbox_timeout') await this.killMarked(marker);
      throw error;
    }
    if (inside && result.returncode === 128 + 9 && Date.now() - started >= options.timeout! * 1000) {
      await this.killMarked(marker);
      throw new SandboxError({ code: 'sandbox_timeout', message: `Command timed out after ${options.timeout} seconds.` });
    }
    return this.execResult(result, options);
  }

  private timeoutCommand: Promise<boolean> | undefined;

  /** Whether the image has a `timeout` program (coreutils or busybox); without one only the marker kill applies. */
  private hasTimeoutCommand(): Promise<boolean> {
    this.timeoutCommand ??= runDocker({ args: ['exec', this.container, 'timeout', '-s', 'KILL', '60', 'true'], timeout: 120 }).then(
      (result) => result.success,
      () => false,
    );
    return this.timeoutCommand;
  }

  /** Kills what an exec left running inside the container (the docker CLI's death does not reach it). */
  private async killMarked(marker: string): Promise<void> {
    await runDocker({ args: ['exec', '--user', '0', this.container, 'sh', '-c', killScript, 'sh', marker], timeout: 60 }).catch(
      () => undefined,
    );
  }

  /** Separates docker's own failures (the daemon's or runtime's message, exit 1 or 125-127) from the command's result. */
  private execResult(result: ExecResult, options: ExecOptions): ExecResult {
    if (result.returncode !== 1 && (result.returncode < 125 || result.returncode > 127)) return result;
    // The runtime's "OCI runtime exec failed" goes to stdout with some daemons, to stderr with others.
    const message = `${result.stderr}${result.stdout}`.trim();
    const fromDocker = /^(Error response from daemon|Error: |OCI runtime exec failed|unable to find user|Cannot connect to the Docker daemon)/;
    if (!fromDocker.test(result.stderr.trim()) && !fromDocker.test(result.stdout.trim())) return result;
    if (/Cannot connect to the Docker daemon|error during connect/i.test(message)) throw dockerDaemonUnavailable(message);
    if (/No such container|is not running|is paused|is restarting/i.test(message)) {
      throw new SandboxError({ code: 'sandbox_unavailable', message: `Container ${this.container} is gone or stopped: ${message}` });
    }
    if (/unable to find user|no matching entries in passwd/i.test(message)) {
      throw new SandboxError({ code: 'sandbox_config', message: `User "${options.user}" does not exist in container ${this.container}.` });
    }
    if (/chdir to cwd/i.test(message)) {
      throw new SandboxError({ code: 'sandbox_file_not_found', message: `Working directory '${options.cwd}' does not exist.`, path: options.cwd });
    }
    if (/executable file not found|no such file or directory/i.test(message)) {
      return { success: false, returncode: 127, stdout: '', stderr: `${message}\n` };
    }
    if (/permission denied/i.test(message)) {
      throw new SandboxError({ code: 'sandbox_permission_denied', message: `Permission denied running the command: ${message}` });
    }
    return result;
  }

  async writeFile(path: string, contents: string | Uint8Array): Promise<void> {
    const result = await this.exec(['sh', '-c', writeScript, 'sh', path], { input: contents });
    if (result.success) return;
    throw this.fileError(result, path);
  }

  readFile(path: string, options?: { text?: true }): Promise<string>;
  readFile(path: string, options: { text: false }): Promise<Uint8Array>;
  async readFile(path: string, options?: { text?: boolean }): Promise<string | Uint8Array> {
    const limit = sandboxLimits.maxReadFileSize;
    // base64 makes the bytes a third longer plus a newline every 76 characters.
    const result = await this.run(['sh', '-c', readScript, 'sh', path, String(limit)], {}, Math.ceil(limit * 1.4));
    if (result.returncode === tooLarge) {
      throw new SandboxError({
        code: 'sandbox_output_limit',
        message: `File '${path}' is ${result.stdout.trim()} bytes, over the ${limit}-byte read limit.`,
        path,
      });
    }
    if (!result.success) throw this.fileError(result, path);
    return decodeFileContents({ bytes: Buffer.from(result.stdout, 'base64'), path, text: options?.text });
  }

  private fileError(result: ExecResult, path: string): SandboxError {
    const detail = result.stderr.trim();
    if (result.returncode === notFound || /No such file or directory|Not a directory|nonexistent/i.test(detail)) {
      return new SandboxError({ code: 'sandbox_file_not_found', message: `File '${path}' was not found.`, path });
    }
    if (result.returncode === isDirectory || /Is a directory/i.test(detail)) {
      return new SandboxError({ code: 'sandbox_is_a_directory', message: `'${path}' is a directory.`, path });
    }
    if (result.returncode === permissionDenied) {
      return new SandboxError({ code: 'sandbox_permission_denied', message: `Permission denied: '${path}'. ${detail}`.trim(), path });
    }
    return new SandboxError({ code: 'sandbox_unavailable', message: `Could not access '${path}' in container ${this.container}: ${detail}`, path });
  }

  async connection(options: { user?: string } = {}): Promise<SandboxConnection> {
    const user = options.user === undefined ? '' : ` --user ${options.user}`;
    return { type: 'docker', command: `docker exec -it${user} ${this.container} bash -l`, container: this.container };
  }
}
