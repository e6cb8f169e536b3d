import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { encodeDirectoryEnd, encodeDirectoryRecord, encodeLocalHeader } from '../zip/zip-encoder.js';
import type { ZipEntry } from '../zip/zip-entry.js';

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * DEFLATE level for log members. Chosen by `pnpm bench` (10,000 mock samples): level 6 (zlib's default) gave the same
 * throughput as 1 within noise while its logs were about 25% smaller, so there was nothing to buy with a faster level.
 */
export const LOG_DEFLATE_LEVEL = 6;

/** A member to add: its name and its uncompressed bytes. */
export interface ZipMemberData {
  name: string;
  data: Uint8Array;
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
}

/** Creates a {@link ZipAppender} writing to `handle`, an empty file opened for writing. */
export function createZipAppender(options: { handle: FileHandle; level?: number }): ZipAppender {
  const { handle } = options;
  const level = options.level ?? LOG_DEFLATE_LEVEL;
  const directory: Uint8Array[] = [];
  let directoryBytes = 0;
  let directoryOffset = 0;
  let size = 0;

  return {
    get size() {
      return size;
    },
    async append(members) {
      const date = new Date();
      const buffers: Uint8Array[] = [];
      let offset = directoryOffset;
      for (const { name, data } of members) {
        // One at a time, on libuv's thread pool: each compression holds a zlib state of about 256 KB while it runs.
        const deflated = await deflateRaw(data, { level });
        const entry: ZipEntry & { date: Date } = {
          name,
          method: 8,
          crc: zlib.crc32(data),
          compressedSize: deflated.length,
          uncompressedSize: data.length,
          localHeaderOffset: offset,
          extraLength: 0,
          date,
        };
        const header = encodeLocalHeader(entry);
        buffers.push(header, deflated);
        offset += header.length + deflated.length;
        const record = encodeDirectoryRecord(entry);
        directory.push(record);
        directoryBytes += record.length;
      }
      const end = encodeDirectoryEnd({ count: directory.length, size: directoryBytes, offset });
      await writeAll(handle, [...buffers, ...directory, end], directoryOffset);
      directoryOffset = offset;
      size = offset + directoryBytes + end.length;
    },
  };
}

async function writeAll(handle: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  let remaining = buffers;
  let at = position;
  while (remaining.length > 0) {
    const { bytesWritten } = await handle.writev(remaining, at);
    at += bytesWritten;
    remaining = skipBytes(remaining, bytesWritten);
  }
}

/** What is left of `buffers` once their first `count` bytes are written (writev may write less than asked). */
function skipBytes(buffers: Uint8Array[], count: number): Uint8Array[] {
  let left = count;
  let index = 0;
  while (index < buffers.length && left >= buffers[index]!.length) left -= buffers[index++]!.length;
  const rest = buffers.slice(index);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
}
