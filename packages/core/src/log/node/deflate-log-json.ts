import * as zlib from 'node:zlib';
import { stringifyLogJson } from '../stringify-log-json.js';
import { continueCrc32, deflateOptions, segmentOptions, type DeflatedMember } from './deflated-member.js';

// Arrays longer than this are written this many items at a time.
const ITEMS_PER_PIECE = 512;
// Text is deflated in segments of about this many bytes.
const SEGMENT_BYTES = 256 * 1024;

/**
 * `stringifyLogJson(value)`, deflated, without ever holding all of it as one string: large arrays (a log's reductions
 * hold one item per sample) are serialized a slice at a time and deflated in segments as the text grows.
 */
export function deflateLogJson(value: unknown): DeflatedMember {
  const segments: Buffer[] = [];
  const held: Buffer[] = [];
  let heldBytes = 0;
  let crc = 0;
  let size = 0;
  const deflate = (options: zlib.ZlibOptions): void => {
    const bytes = held.length === 1 ? held[0]! : Buffer.concat(held);
    segments.push(zlib.deflateRawSync(bytes, options));
    crc = continueCrc32(bytes, crc);
    size += bytes.length;
    held.length = 0;
    heldBytes = 0;
  };
  for (const piece of jsonPieces(value, 0)) {
    const bytes = Buffer.from(piece);
    held.push(bytes);
    heldBytes += bytes.length;
    if (heldBytes >= SEGMENT_BYTES) deflate(segmentOptions);
  }
  deflate(deflateOptions);
  return { method: 8, crc, uncompressedSize: size, data: segments };
}

/** Whether a value is an array or plain object that holds (at most a few levels down) a large array. */
function holdsLargeArray(value: unknown, depth: number): boolean {
  if (!isSplittable(value) || depth > 4) return false;
  if (Array.isArray(value)) return value.length > ITEMS_PER_PIECE || value.some((item) => holdsLargeArray(item, depth + 1));
  return Object.values(value).some((item) => holdsLargeArray(item, depth + 1));
}

// Arrays and plain objects without `toJSON` serialize as their items or properties; anything else is left whole.
function isSplittable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The text of `stringifyLogJson(value)`, in pieces: what JSON.stringify writes, container by container. */
function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (!holdsLargeArray(value, depth)) {
    yield stringifyLogJson({ value });
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let start = 0; start < value.length; start += ITEMS_PER_PIECE) {
      if (start > 0) yield ',';
      const slice = value.slice(start, start + ITEMS_PER_PIECE);
      if (slice.some((item) => holdsLargeArray(item, depth + 1))) {
        for (const [index, item] of slice.entries()) {
          if (index > 0) yield ',';
          // As in JSON.stringify: an array item that JSON cannot hold is written as null.
          yield* isAbsent(item) ? ['null'] : jsonPieces(item, depth + 1);
        }
      } else {
        // The items of a slice, without the brackets of the slice's own array.
        yield stringifyLogJson({ value: slice }).slice(1, -1);
      }
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    // As in JSON.stringify: a property that JSON cannot hold is left out.
    if (isAbsent(item)) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth + 1);
  }
  yield '}';
}

function isAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
