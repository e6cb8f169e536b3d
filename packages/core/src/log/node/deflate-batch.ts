import * as zlib from 'node:zlib';

/**
 * A member's content already compressed: a writer that holds members before appending them keeps these few compressed
 * bytes (outside the JavaScript heap) rather than the text.
 */
export interface DeflatedMember {
  readonly deflated: readonly Uint8Array[];
  readonly crc: number;
  readonly uncompressedSize: number;
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

/**
 * Compresses each text (as UTF-8) or byte array into its own raw DEFLATE stream, as a zip member's data; the streams
 * are laid end to end in one buffer. Runs in the deflate worker, or on the calling thread (the zip appender's own
 * members, a writer with a sample buffer, or when the worker is not available).
 */
export function deflateBatch(options: { texts: readonly (string | Uint8Array)[]; level: number }): DeflatedBatch {
  const { texts, level } = options;
  const outputs: Buffer[] = [];
  const members: DeflatedBatchMember[] = [];
  let offset = 0;
  for (const text of texts) {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    // The output buffer is sized to the member (zlib's default chunk is 16 KB, more than most members need).
    const output = zlib.deflateRawSync(bytes, { level, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, bytes.length + 64) });
    outputs.push(output);
    members.push({ offset, length: output.length, crc: zlib.crc32(bytes), uncompressedSize: bytes.length });
    offset += output.length;
  }
  // A buffer of its own (Buffer.concat may hand out a slice of a shared pool, which cannot be moved to another thread).
  const bytes = new Uint8Array(offset);
  for (const [index, output] of outputs.entries()) bytes.set(output, members[index]!.offset);
  return { bytes, members };
}

/** Compresses each text into its own member data on this thread (what the deflate worker does, without the trip). */
export function deflateMembersHere(options: { texts: readonly (string | Uint8Array)[]; level: number }): DeflatedMember[] {
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
