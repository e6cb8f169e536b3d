import { diffJson, type JsonPatchOperation } from './json-diff.js';

/** One JSON-patch operation as Inspect's `JsonChange` records it (`value` and `replaced` always present). */
export interface JsonChange {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from: string | null;
  value: unknown;
  replaced: unknown;
}

function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

/** The changes from `previous` to `next`, with the value each `replace`/`remove` overwrote as `replaced`. */
export function jsonChanges(previous: unknown, next: unknown): JsonChange[] {
  return diffJson(previous, next).map(
    (operation: JsonPatchOperation): JsonChange => ({
      op: operation.op,
      path: operation.path,
      from: null,
      value: operation.op === 'remove' ? null : (operation.value ?? null),
      // Read back from `previous` by path (array paths count earlier changes in the same patch, as JSON patch does).
      replaced: operation.op === 'add' ? null : valueAt(previous, operation.path),
    }),
  );
}
