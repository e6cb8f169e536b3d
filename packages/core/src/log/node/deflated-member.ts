import * as zlib from 'node:zlib';
import { crc32 } from '../zip/crc32.js';

/** A zip member's compressed (or stored) data and what its local header and directory record need. */
export interface DeflatedMember {
  /** 0 stored, 8 DEFLATE. */
  method: number;
  crc: number;
  uncompressedSize: number;
  /** The data, or (for a large member compressed piece by piece) its pieces in order, written without joining them. */
  data: Uint8Array | readonly Uint8Array[];
}

// zlib.crc32 exists from Node 20.15 / 22.2.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
// Level 1: most of the size gain of deflate at a fraction of the time of the default level.
export const deflateOptions: zlib.ZlibOptions = { level: 1 };

/**
 * Options for a deflate segment: it ends with a sync flush, byte-aligned and not final, so that segments deflated one
 * at a time, each by a fresh compressor (no references to earlier data), add up to one valid deflate stream once a
 * final segment (deflated with `deflateOptions`) follows.
 */
export const segmentOptions: zlib.ZlibOptions = { ...deflateOptions, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** Whether zlib has a native CRC-32 (needed by the deflate worker, which has no other). */
export const hasNativeCrc32 = nativeCrc32 !== undefined;

/** The CRC-32 of `bytes`, continuing from `crc` (0 to start). */
export function continueCrc32(bytes: Uint8Array, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(bytes, crc) : crc32({ bytes, crc });
}

/**
 * zlib's output chunk size for deflating `length` bytes. A sync zlib call allocates a whole output chunk (16 KB by
 * default) and returns a view of it, so a small member's result would hold 16 KB until the next garbage collection;
 * half the input (compressed log text is smaller still) holds about what the result needs. Self-contained: the deflate
 * worker's source embeds it.
 */
export function deflateChunkSize(length: number): number {
  return Math.min(16384, Math.max(256, length >> 1));
}

/** The number of bytes of a member's data. */
export function memberDataLength(data: DeflatedMember['data']): number {
  if (!Array.isArray(data)) return (data as Uint8Array).length;
  let length = 0;
  for (const piece of data as readonly Uint8Array[]) length += piece.length;
  return length;
}

/** Deflates one member on this thread; stores it instead when deflate would not make it smaller. */
export function deflateMember(raw: Uint8Array): DeflatedMember & { data: Uint8Array } {
  // Native zlib: several times faster than a JS deflate, which matters at thousands of samples per second.
  const compressed = zlib.deflateRawSync(raw, { ...deflateOptions, chunkSize: deflateChunkSize(raw.length) });
  const stored = compressed.length >= raw.length;
  return { method: stored ? 0 : 8, crc: continueCrc32(raw), uncompressedSize: raw.length, data: stored ? raw : compressed };
}
