import type { EvalSampleReductions } from './schema/eval-sample-reductions.js';

/**
 * A log's reductions kept by whoever built them (the runner keeps them deflated, outside the JS heap) rather than as
 * one object per sample. Log writers stream their JSON; the finished log's `reductions` are built from them only when
 * read. Every item has already been checked against the log schema.
 */
export interface StoredReductions {
  /** The JSON text of the reductions array (as the log writes it), in pieces. */
  json(): Iterable<string | Uint8Array>;
  /** The same JSON as one deflated zip member (raw DEFLATE data, its CRC-32 and uncompressed size). */
  deflated(): { method: number; crc: number; uncompressedSize: number; data: readonly Uint8Array[] };
  /** The reductions as objects, built afresh on each call. */
  values(): EvalSampleReductions[];
}

/**
 * Defines `reductions` on `log` as a property that builds them from `stored` when first read (and keeps them), so a
 * caller that never looks at them never holds one object per sample. It is enumerable, so spreading, serializing or
 * comparing the log reads it like any other property, and assigning it replaces it.
 */
export function defineStoredReductions(log: object, stored: StoredReductions): void {
  let values: EvalSampleReductions[] | undefined;
  Object.defineProperty(log, 'reductions', {
    enumerable: true,
    configurable: true,
    get: () => (values ??= stored.values()),
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'reductions', { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

/** Whether a log's `reductions` is a {@link StoredReductions} rather than an array (or nothing). */
export function isStoredReductions(value: unknown): value is StoredReductions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as StoredReductions).json === 'function';
}
