import { writevSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { deflateMembersHere, encodeTexts, type DeflatedMember } from './deflate-batch.js';
import { encodeDirectoryEnd, encodeDirectoryRecord, encodeLocalHeader } from '../zip/zip-encoder.js';
import type { ZipEntry } from '../zip/zip-entry.js';

/**
 * DEFLATE level for log members. Chosen by `pnpm bench` (10,000 mock samples): levels 1, 3 and 6 gave the same
 * throughput within noise (setting up zlib costs more than compressing a small member), and 6 writes the smallest
 * logs (16.5 MB against 17.7 MB at level 1).
 */
export const LOG_DEFLATE_LEVEL = 6;

/**
 * A member to add: its name and its content (text is written as UTF-8), whole or as pieces that are compressed as
 * they come (for members too large to build as one string, such as a long run's `summaries.json`).
 */
export interface ZipMemberData {
  name: string;
  data: string | Uint8Array | AsyncIterable<string | Uint8Array> | DeflatedMember;
}

/**
 * Appends members to a zip file the way Python's `zipfile` does in append mode: the central directory is kept in
 * memory; each {@link ZipAppender.append} writes the new members where the directory in the file began, then the whole
 * directory and its end record after them. The file is a complete zip after every append; a crash during one leaves
 * the members written before it readable by a local-header scan (`recoverEvalLog`).
 */
export interface ZipAppender {
  /** Compresses and writes `members` (in order), then the central directory. One append at a time. */
  append(members: readonly ZipMemberData[]): Promise<void>;
  /** Where the written archive ends. */
  readonly size: number;
  /** Bytes of the central directory, which every append writes again. */
  readonly directorySize: number;
}

/** Creates a {@link ZipAppender} writing to `handle`, an empty file opened for writing. */
export function createZipAppender(options: { handle: FileHandle; level?: number }): ZipAppender {
  const { handle } = options;
  const level = options.level ?? LOG_DEFLATE_LEVEL;
  // The directory's records, one after another in one buffer that doubles when full (a long run has hundreds of
  // thousands of records; as separate buffers they cost more in bookkeeping than in bytes).
  let directory = new Uint8Array(64 * 1024);
  let directoryBytes = 0;
  let count = 0;
  let directoryOffset = 0;
  let size = 0;

  return {
    get size() {
      return size;
    },
    get directorySize() {
      return directoryBytes;
    },
    async append(members) {
      const date = new Date();
      const buffers: Uint8Array[] = [];
      let offset = directoryOffset;
      for (const { name, data } of members) {
        const { deflated, crc, uncompressedSize } =
          typeof data === 'string' || data instanceof Uint8Array
            ? deflateMembersHere({ texts: encodeTexts([data]), level })[0]!
            : isDeflated(data)
              ? data
              : await deflatePieces(data, level);
        const compressedSize = deflated.reduce((total, chunk) => total + chunk.length, 0);
        const entry: ZipEntry & { date: Date } = {
          name,
          method: 8,
          crc,
          compressedSize,
          uncompressedSize,
          localHeaderOffset: offset,
          extraLength: 0,
          date,
        };
        const header = encodeLocalHeader(entry);
        buffers.push(header, ...deflated);
        offset += header.length + compressedSize;
        const record = encodeDirectoryRecord(entry);
        if (directoryBytes + record.length > directory.length) {
          const grown = new Uint8Array(Math.max(2 * directory.length, directoryBytes + record.length));
          grown.set(directory.subarray(0, directoryBytes));
          directory = grown;
        }
        directory.set(record, directoryBytes);
        directoryBytes += record.length;
        count++;
      }
      const end = encodeDirectoryEnd({ count, size: directoryBytes, offset });
      await writeAll(handle, [...buffers, directory.subarray(0, directoryBytes), end], directoryOffset);
      directoryOffset = offset;
      size = offset + directoryBytes + end.length;
    },
  };
}

function isDeflated(data: AsyncIterable<string | Uint8Array> | DeflatedMember): data is DeflatedMember {
  return 'deflated' in data;
}

async function deflatePieces(pieces: AsyncIterable<string | Uint8Array>, level: number): Promise<DeflatedMember> {
  const deflated: Uint8Array[] = [];
  let crc = 0;
  let uncompressedSize = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      crc = zlib.crc32(bytes, crc);
      uncompressedSize += bytes.length;
      yield bytes;
    }
  }
  await pipeline(counted(), zlib.createDeflateRaw({ level }), async (output: AsyncIterable<Buffer>) => {
    for await (const chunk of output) deflated.push(chunk);
  });
  return { deflated, crc, uncompressedSize };
}

/**
 * Writes `buffers` at `position`. Under {@link SYNC_WRITE_BYTES} in all, on this thread: a run that waits for each
 * sample to reach the disk (`bufferSamples: 1`) would otherwise wait a turn of the event loop per write, behind
 * every model response queued there (tens of milliseconds a sample with 50 connections), for a write that takes
 * microseconds.
 */
export async function writeAll(handle: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  const sync = buffers.reduce((total, buffer) => total + buffer.length, 0) < SYNC_WRITE_BYTES;
  let remaining = buffers;
  let at = position;
  while (remaining.length > 0) {
    const bytesWritten = sync ? writevSync(handle.fd, remaining, at) : (await handle.writev(remaining, at)).bytesWritten;
    at += bytesWritten;
    remaining = skipBytes(remaining, bytesWritten);
  }
}

/** Appends smaller than this are written without leaving this thread (see `writeAll`). */
export const SYNC_WRITE_BYTES = 1024 * 1024;

/** What is left of `buffers` once their first `count` bytes are written (writev may write less than asked). */
function skipBytes(buffers: Uint8Array[], count: number): Uint8Array[] {
  let left = count;
  let index = 0;
  while (index < buffers.length && left >= buffers[index]!.length) left -= buffers[index++]!.length;
  const rest = buffers.slice(index);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
}
