import { open } from 'node:fs/promises';

// How an Inspect (and Assay) JSON log starts: an object whose first key is "version", then "eval" (Inspect writes
// "status" between them). Any other JSON file (config.json, package.json, results of other tools) does not.
const LOG_JSON_HEAD = /^\uFEFF?\s*\{\s*"version"\s*:\s*\d+\s*,\s*(?:"status"\s*:\s*"[a-z_]+"\s*,\s*)?"eval"\s*:\s*\{/;

/** How many bytes of a file {@link isLogJson} reads. */
export const LOG_JSON_HEAD_BYTES = 1024;

/** Whether `text` (the start of a `.json` file) is the start of an eval log: `{"version": N, "status": "…", "eval": {`. */
export function isLogJsonHead(text: string): boolean {
  return LOG_JSON_HEAD.test(text);
}

/** Whether the `.json` file at `path` is an eval log, judged from its first bytes (see {@link isLogJsonHead}). */
export async function isLogJson(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return false;
  try {
    const head = Buffer.alloc(LOG_JSON_HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, LOG_JSON_HEAD_BYTES, 0);
    return isLogJsonHead(head.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await file.close();
  }
}
