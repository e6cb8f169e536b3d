import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { ToolError } from './tool-error.js';

/** How the text editor reaches files: the environment's own file calls, or `exec` as another user. */
export interface EditorFiles {
  /** The absolute, symlink-free path (`realpath -m`, so it may not exist) and what is there. */
  resolve(path: string): Promise<{ path: string; kind: 'file' | 'directory' | 'missing' }>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Files and directories up to two levels deep, without hidden ones (`find -maxdepth 2 -not -path '*\/.*'`). */
  list(directory: string): Promise<string>;
}

const resolveScript =
  'p=$(realpath -m -- "$1") || exit 2; if [ -d "$p" ]; then k=directory; elif [ -e "$p" ]; then k=file; else k=missing; fi; printf "%s\\n%s" "$k" "$p"';

/** The editor's file access in `environment`, every step run inside the sandbox (so paths resolve in its view). */
export function editorFiles(
  environment: SandboxEnvironment,
  options: { user?: string; timeout: number; signal?: AbortSignal },
): EditorFiles {
  const run = async (script: string, args: string[], input?: string): Promise<string> => {
    const result = await environment.exec(['bash', '-c', script, 'bash', ...args], {
      input,
      user: options.user,
      timeout: options.timeout,
      signal: options.signal,
    });
    if (!result.success) throw new ToolError(result.stderr.trim() || `Command failed with exit code ${result.returncode}.`);
    return result.stdout;
  };
  return {
    async resolve(path) {
      const [kind, ...rest] = (await run(resolveScript, [path])).split('\n');
      return { kind: kind as 'file' | 'directory' | 'missing', path: rest.join('\n') };
    },
    // Without a user, the environment's own file calls (exact bytes, UTF-8 checked); as a user, through `exec`.
    read: (path) => (options.user === undefined ? environment.readFile(path) : run('cat -- "$1"', [path])),
    write: (path, text) =>
      options.user === undefined
        ? environment.writeFile(path, text)
        : run('mkdir -p -- "$(dirname -- "$1")" && cat > "$1"', [path], text).then(() => undefined),
    remove: (path) => run('rm -f -- "$1"', [path]).then(() => undefined),
    list: (directory) => run('find "$1" -maxdepth 2 -not -path \'*/\\.*\'', [`${directory.replace(/\/+$/, '')}/`]),
  };
}
