import { SandboxError } from './sandbox-error.js';

/** A file's bytes as `readFile` returns them: bytes when `text` is false, else UTF-8 text (`sandbox_decode` if not). */
export function decodeFileContents(options: { bytes: Uint8Array; path: string; text?: boolean }): string | Uint8Array {
  const { bytes, path } = options;
  if (options.text === false) return new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new SandboxError({ code: 'sandbox_decode', message: `File '${path}' is not UTF-8 text.`, path, cause: error });
  }
}
