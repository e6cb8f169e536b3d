import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ExecResult } from './sandbox-environment.js';
import { sandboxLimits } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  /** The program and its arguments (no shell). */
  command: readonly string[];
  input?: string | Uint8Array;
  /** The whole environment of the process (nothing is inherited). */
  env: Record<string, string>;
  cwd?: string;
  /** Seconds before the process group is killed and `sandbox_timeout` thrown. */
  timeout?: number;
  signal?: AbortSignal;
  /** Largest stdout or stderr kept, in bytes. @default sandboxLimits.maxExecOutputSize */
  maxOutput?: number;
  /**
   * Told the process group id once started. Background jobs a command leaves (a service started by a setup script)
   * outlive it, as in a container; the provider kills the groups it was told of at sample cleanup.
   */
  onSpawn?: (processGroup: number) => void;
}

/** Keeps the last `limit` bytes of a stream and counts the total. */
class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept - this.chunks[0]!.length >= this.limit) this.kept -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

/**
 * Runs a host process in its own process group, as providers' `exec` do: stdin from `input`, stdout and stderr
 * collected (each capped, keeping the end), and on timeout or abort the whole group is killed with SIGKILL.
 * Throws `sandbox_timeout`, `sandbox_output_limit` or (when the program cannot start) `sandbox_unavailable`.
 */
export function runProcess(options: RunProcessOptions): Promise<ExecResult> {
  const maxOutput = options.maxOutput ?? sandboxLimits.maxExecOutputSize;
  const [program, ...args] = options.command;
  if (!program) throw new SandboxError({ code: 'sandbox_config', message: 'exec needs a command (an empty list was given).' });
  return new Promise<ExecResult>((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env,
      cwd: options.cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const stdout = new OutputTail(maxOutput);
    const stderr = new OutputTail(maxOutput);
    let failure: SandboxError | undefined;
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: SandboxError): void => {
      failure ??= error;
      if (child.pid !== undefined) killProcessGroup(child.pid);
    };
    const onAbort = (): void =>
      fail(new SandboxError({ code: 'sandbox_timeout', message: 'The command was cancelled.', cause: options.signal?.reason }));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeout !== undefined) {
      timer = setTimeout(
        () =>
          fail(
            new SandboxError({
              code: 'sandbox_timeout',
              message: `Command timed out after ${options.timeout} seconds.`,
            }),
          ),
        options.timeout * 1000,
      );
    }
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {
      // The program exited without reading its input; its exit status tells the story.
    });
    child.stdin.end(options.input ?? '');
    child.on('error', (error: NodeJS.ErrnoException) => {
      fail(
        new SandboxError({
          code: 'sandbox_unavailable',
          message: `Could not start "${program}": ${error.code === 'ENOENT' ? 'not found on this machine' : error.message}.`,
          cause: error,
        }),
      );
    });
    // A background job that keeps stdout or stderr open (`server &` without redirection) would hold 'close' back
    // for as long as it runs: once the command itself has exited, wait briefly for its output, then stop reading.
    child.on('exit', () => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 500).unref();
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      const over = stdout.total > maxOutput ? stdout : stderr.total > maxOutput ? stderr : undefined;
      if (over) {
        const which = over === stdout ? 'stdout' : 'stderr';
        return reject(
          new SandboxError({
            code: 'sandbox_output_limit',
            message: `The command's ${which} was ${over.total} bytes, over the ${maxOutput}-byte limit; only its end was kept.`,
            truncatedOutput: over.text(),
          }),
        );
      }
      const returncode = code ?? 128 + (signal ? constants.signals[signal] : 0);
      resolve({ success: returncode === 0, returncode, stdout: stdout.text(), stderr: stderr.text() });
    });
  });
}

/** Kills a process group with SIGKILL, ignoring one that is gone. */
export function killProcessGroup(processGroup: number): void {
  try {
    process.kill(-processGroup, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
