/** Options of {@link SandboxEnvironment.exec}. */
export interface ExecOptions {
  /** Text or bytes written to the command's standard input. */
  input?: string | Uint8Array;
  /** Working directory; relative paths are relative to the environment's working directory. */
  cwd?: string;
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
  /** The user to run as, where the provider supports it. */
  user?: string;
  /** Seconds before the command and every process it started are killed; the call then throws `sandbox_timeout`. */
  timeout?: number;
  /** Aborts the command (and kills its process tree) when signalled. */
  signal?: AbortSignal;
}

/** What a command run in a sandbox returned. Output is decoded as UTF-8. */
export interface ExecResult {
  /** `returncode === 0`. */
  success: boolean;
  returncode: number;
  stdout: string;
  stderr: string;
}

/** How a person attaches to a running environment (`docker exec -it … bash`). */
export interface SandboxConnection {
  /** The provider's name (`docker`, `bwrap`, `local`). */
  type: string;
  /** A shell command that opens a terminal in the environment. */
  command: string;
  /** The container, directory or process the command attaches to. */
  container?: string;
}

/**
 * One isolated environment of a sample (Inspect's `SandboxEnvironment`): a machine, container or directory that
 * solvers, tools and scorers run commands and read and write files in. Errors are `SandboxError`s with a stable
 * `code` that tools report to the model.
 */
export interface SandboxEnvironment {
  /**
   * Runs a command (no shell: `['bash', '-c', 'ls -la']` for one). A non-zero exit is a result, not an error.
   * Throws `SandboxError` with `sandbox_timeout`, `sandbox_output_limit` (stdout or stderr over 10 MiB),
   * `sandbox_permission_denied` or `sandbox_unavailable`.
   */
  exec(cmd: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Writes a file, creating its parent directories; relative paths are relative to the working directory. */
  writeFile(path: string, contents: string | Uint8Array): Promise<void>;
  /**
   * Reads a file as text (the default) or bytes. Throws `SandboxError` with `sandbox_file_not_found`,
   * `sandbox_is_a_directory`, `sandbox_permission_denied`, `sandbox_output_limit` (over 100 MiB) or, for text that
   * is not UTF-8, `sandbox_decode`.
   */
  readFile(path: string, options?: { text?: true }): Promise<string>;
  readFile(path: string, options: { text: false }): Promise<Uint8Array>;
  /** How a person attaches to this environment while it runs. Throws `sandbox_connection_unsupported` if they cannot. */
  connection(options?: { user?: string }): Promise<SandboxConnection>;
}

/** Output and file-size limits every provider applies (Inspect's `SandboxEnvironmentLimits`). */
export const sandboxLimits = {
  /** Largest stdout or stderr of one exec, in bytes. */
  maxExecOutputSize: 10 * 1024 * 1024,
  /** Largest file `readFile` returns, in bytes. */
  maxReadFileSize: 100 * 1024 * 1024,
} as const;
