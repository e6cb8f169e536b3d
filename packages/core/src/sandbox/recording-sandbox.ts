import { currentTranscript } from '../events/transcript.js';
import type { ExecOptions, ExecResult, SandboxConnection, SandboxEnvironment } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

/** Lines and characters of `input` and `output` a SandboxEvent keeps (Inspect's `content_display`). */
const maxEventLines = 20;
const maxEventCharacters = 100 * 100;

function timestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

/** A command as one shell line, each argument quoted as Python's `shlex.quote` does (so it reads as Inspect's). */
export function shellQuote(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (arg === '') return "''";
      if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
      return `'${arg.replaceAll("'", `'"'"'`)}'`;
    })
    .join(' ');
}

function prettySize(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(2)} KB`;
  return `${(size / (1024 * 1024)).toFixed(2)} MB`;
}

/** Text as a SandboxEvent shows it: 10,000 characters and 20 lines at most, with a note of the lines left out. */
export function contentDisplay(content: string | Uint8Array): string {
  if (typeof content !== 'string') return `binary (${prettySize(content.byteLength)})`;
  const text = content.length > maxEventCharacters ? `${content.slice(0, maxEventCharacters - 3)}...` : content;
  // As Python's splitlines() for the usual line ends.
  const lines = text.split(/\r\n|\r|\n/);
  if (text.endsWith('\n') || text.endsWith('\r')) lines.pop();
  if (lines.length <= maxEventLines) return text;
  return `${lines.slice(0, maxEventLines).join('\n')}\n\nOutput truncated (${lines.length - maxEventLines} additional lines)`;
}

function errorFields(error: unknown): Record<string, unknown> {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof SandboxError ? error.code : undefined;
  const truncated = error instanceof SandboxError ? error.truncatedOutput : undefined;
  return {
    output: contentDisplay(truncated !== undefined ? `${message}\n\n${truncated}` : message),
    metadata: { error: { ...(code ? { code } : {}), message } },
  };
}

function execOptions(options: ExecOptions): Record<string, unknown> {
  const recorded: Record<string, unknown> = {};
  if (options.cwd) recorded.cwd = options.cwd;
  // Names only: values may be secrets.
  if (options.env && Object.keys(options.env).length > 0) recorded.env = Object.keys(options.env);
  if (options.user) recorded.user = options.user;
  if (options.timeout !== undefined) recorded.timeout = options.timeout;
  return recorded;
}

/**
 * Wraps an environment so that every `exec`, `readFile` and `writeFile` is recorded as a SandboxEvent (Inspect's
 * `SandboxEnvironmentProxy`) in the transcript of the sample that calls it; failures are recorded too (with the error
 * in `metadata.error`) and rethrown. The runner wraps each environment `sampleInit` returns; providers never record.
 */
export function recordingSandbox(environment: SandboxEnvironment): SandboxEnvironment {
  const record = (event: Record<string, unknown>): void => currentTranscript()?.record({ event: 'sandbox', ...event });
  async function readFile(path: string, options?: { text?: true }): Promise<string>;
  async function readFile(path: string, options: { text: false }): Promise<Uint8Array>;
  async function readFile(path: string, options?: { text?: boolean }): Promise<string | Uint8Array> {
    const started = timestamp();
    const base = { timestamp: started, action: 'read_file', file: path };
    let output: string | Uint8Array;
    try {
      output = options?.text === false ? await environment.readFile(path, { text: false }) : await environment.readFile(path);
    } catch (error) {
      record({ ...base, ...errorFields(error), completed: timestamp() });
      throw error;
    }
    record({ ...base, output: contentDisplay(output), completed: timestamp() });
    return output;
  }
  return {
    async exec(cmd: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
      const base = {
        timestamp: timestamp(),
        action: 'exec',
        cmd: shellQuote(cmd),
        options: execOptions(options),
        ...(options.input !== undefined ? { input: contentDisplay(options.input) } : {}),
      };
      let result: ExecResult;
      try {
        result = await environment.exec(cmd, options);
      } catch (error) {
        record({ ...base, ...errorFields(error), completed: timestamp() });
        throw error;
      }
      const output = result.stderr ? `${result.stderr}\n\n${result.stdout}` : result.stdout;
      record({ ...base, result: result.returncode, output: contentDisplay(output), completed: timestamp() });
      return result;
    },
    async writeFile(path: string, contents: string | Uint8Array): Promise<void> {
      const base = { timestamp: timestamp(), action: 'write_file', file: path, input: contentDisplay(contents) };
      try {
        await environment.writeFile(path, contents);
      } catch (error) {
        record({ ...base, ...errorFields(error), completed: timestamp() });
        throw error;
      }
      record({ ...base, completed: timestamp() });
    },
    readFile,
    connection(options?: { user?: string }): Promise<SandboxConnection> {
      return environment.connection(options);
    },
  };
}
