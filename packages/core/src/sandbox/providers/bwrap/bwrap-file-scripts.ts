import type { ExecResult } from '../../sandbox-environment.js';
import { SandboxError } from '../../sandbox-error.js';

/**
 * Reads file `$1` (at most `$2` bytes) inside the sandbox and prints it as base64: paths, symlinks included, resolve in
 * the sandbox's own view. Exit codes name the failure (2 not found, 13 permission, 21 directory, 27 too large).
 */
export const readFileScript = [
  'if [ -d "$1" ]; then echo "Is a directory" >&2; exit 21; fi',
  'if [ ! -e "$1" ]; then echo "No such file or directory" >&2; exit 2; fi',
  'if [ ! -r "$1" ]; then echo "Permission denied" >&2; exit 13; fi',
  'size=$(stat -L -c %s -- "$1") || exit 13',
  'if [ "$size" -gt "$2" ]; then echo "$size" >&2; exit 27; fi',
  'exec base64 -w 0 -- "$1"',
].join('\n');

/** Writes standard input to file `$1` inside the sandbox, creating its parent directories. */
export const writeFileScript = [
  'case "$1" in */*) mkdir -p -- "${1%/*}" 2>/dev/null ;; esac',
  'if [ -d "$1" ]; then echo "Is a directory" >&2; exit 21; fi',
  'exec cat > "$1"',
].join('\n');

/** The `SandboxError` for a failed file script, from its exit code or the error it printed. */
export function fileScriptError(result: ExecResult, path: string): SandboxError {
  const stderr = result.stderr;
  const error = (code: SandboxError['code'], message: string): SandboxError =>
    new SandboxError({ code, message, path });
  if (result.returncode === 21 || /Is a directory/.test(stderr)) return error('sandbox_is_a_directory', `'${path}' is a directory.`);
  if (result.returncode === 27) {
    return error('sandbox_output_limit', `File '${path}' is ${stderr.trim()} bytes, over the read limit.`);
  }
  if (/No space left on device|Disk quota exceeded/.test(stderr)) {
    return error('sandbox_output_limit', `No space left writing '${path}': the sandbox's writable space (tmpSize) is full.`);
  }
  if (result.returncode === 13 || /Permission denied|Read-only file system|Operation not permitted/.test(stderr)) {
    return error('sandbox_permission_denied', `Permission denied: '${path}'.`);
  }
  if (result.returncode === 2 || /No such file or directory|Not a directory/.test(stderr)) {
    return error('sandbox_file_not_found', `File '${path}' was not found.`);
  }
  return error('sandbox_unavailable', `Could not access '${path}': ${stderr.trim() || `exit code ${result.returncode}`}.`);
}
