import * as zlib from 'node:zlib';
import { createByteBuffer } from '../../util/byte-buffer.js';

/**
 * A member's content already compressed: a writer that holds members before appending them keeps these few compressed
 * bytes (outside the JavaScript heap) rather than the text.
 */
export interface DeflatedMember {
  readonly deflated: readonly Uint8Array[];
  readonly crc: number;
  readonly uncompressedSize: number;
}

/**
 * Texts as UTF-8, laid end to end in one buffer of their own (`lengths[i]` bytes for text `i`): what is sent to be
 * compressed, one member per text. Bytes outside the heap rather than strings: a sample's text is garbage as soon as
 * it is encoded (strings waiting for the worker would be copied by every young-generation collection, then promoted),
 * and the buffer moves to the worker without a copy.
 */
export interface EncodedTexts {
  bytes: Uint8Array;
  lengths: number[];
}

/** Where one member's compressed bytes are in a {@link DeflatedBatch}, with its CRC-32 and size before compression. */
export interface DeflatedBatchMember {
  offset: number;
  length: number;
  crc: number;
  uncompressedSize: number;
}

/** Several members compressed one after another into one buffer (one transfer between threads, one allocation). */
export interface DeflatedBatch {
  bytes: Uint8Array;
  members: DeflatedBatchMember[];
}

/** Gathers texts into {@link EncodedTexts}, encoding each as it is added. */
export interface TextEncoderBuffer {
  /** Adds a text (a string is encoded as UTF-8; bytes are copied as they are). */
  add(text: string | Uint8Array): void;
  /** Texts added since the last {@link TextEncoderBuffer.take}. */
  readonly count: number;
  /** Their bytes as UTF-8. */
  readonly byteLength: number;
  /** The texts added so far; the buffer starts again empty. */
  take(): EncodedTexts;
}

/**
 * Creates a {@link TextEncoderBuffer} on a `ByteBuffer` of `capacity` bytes to start with (allocated with the
 * first text; it doubles when full).
 */
export function createTextEncoderBuffer(options: { capacity: number }): TextEncoderBuffer {
  const buffer = createByteBuffer(options);
  let lengths: number[] = [];
  return {
    add(text) {
      lengths.push(buffer.append(text));
    },
    get count() {
      return lengths.length;
    },
    get byteLength() {
      return buffer.byteLength;
    },
    take() {
      const taken: EncodedTexts = { bytes: buffer.take(), lengths };
      lengths = [];
      return taken;
    },
  };
}

/** `texts` as {@link EncodedTexts} (strings as UTF-8, byte arrays as they are). */
export function encodeTexts(texts: readonly (string | Uint8Array)[]): EncodedTexts {
  const buffer = createTextEncoderBuffer({ capacity: 1024 });
  for (const text of texts) buffer.add(text);
  return buffer.take();
}

/**
 * Compresses each text into its own raw DEFLATE stream, as a zip member's data; the streams are laid end to end in one
 * buffer. Runs in the deflate worker, or on the calling thread (the zip appender's own members, a writer with a
 * sample buffer, or when the worker is not available).
 */
export function deflateBatch(options: { texts: EncodedTexts; level: number }): DeflatedBatch {
  const { texts, level } = options;
  const outputs: Buffer[] = [];
  const members: DeflatedBatchMember[] = [];
  let offset = 0;
  let at = 0;
  for (const length of texts.lengths) {
    const bytes = texts.bytes.subarray(at, at + length);
    at += length;
    // The output buffer is sized to the member (zlib's default chunk is 16 KB, more than most members need).
    const output = zlib.deflateRawSync(bytes, { level, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, length + 64) });
    outputs.push(output);
    members.push({ offset, length: output.length, crc: zlib.crc32(bytes), uncompressedSize: length });
    offset += output.length;
  }
  // A buffer of its own (Buffer.concat may hand out a slice of a shared pool, which cannot be moved to another thread).
  const bytes = new Uint8Array(offset);
  for (const [index, output] of outputs.entries()) bytes.set(output, members[index]!.offset);
  return { bytes, members };
}

/** Compresses each text into its own member data on this thread (what the deflate worker does, without the trip). */
export function deflateMembersHere(options: { texts: EncodedTexts; level: number }): DeflatedMember[] {
  return membersOf(deflateBatch(options));
}

/** The members of a {@link DeflatedBatch}, as views of its one buffer. */
export function membersOf(batch: DeflatedBatch): DeflatedMember[] {
  return batch.members.map((member) => ({
    deflated: [batch.bytes.subarray(member.offset, member.offset + member.length)],
    crc: member.crc,
    uncompressedSize: member.uncompressedSize,
  }));
}
