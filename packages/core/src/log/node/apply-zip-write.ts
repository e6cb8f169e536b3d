import type { FileHandle } from 'node:fs/promises';
import type { ZipWrite } from './zip-appender.js';

// The directory already in the file is moved this many bytes at a time.
const MOVE_CHUNK_BYTES = 256 * 1024;

/** A buffer for {@link applyZipWrite} to move directories through; one per file being written. */
export function createMoveBuffer(): Buffer {
  return Buffer.allocUnsafe(MOVE_CHUNK_BYTES);
}

/**
 * Carries out a {@link ZipWrite} on a file: moves the directory already there to just after the new members, then
 * writes the members where it was and the new records and end after it. A crash part way leaves the members written
 * before intact (readable by `recoverEvalLog`), as any interrupted write does.
 */
export async function applyZipWrite(options: {
  handle: FileHandle;
  write: ZipWrite;
  /**
   * Where the directory is moved through, reused from write to write (see {@link createMoveBuffer}): a buffer made
   * for each write would outlive several garbage collections while the move's reads and writes go on, and so be freed
   * only by a full one.
   */
  moveBuffer: Buffer;
}): Promise<void> {
  const { handle, write } = options;
  const { from, length, to } = write.moveDirectory;
  await moveForward({ handle, from, length, to, buffer: options.moveBuffer });
  await writeAll(handle, write.buffers, write.position);
  await writeAll(handle, write.tail, to + length);
}

// Moves `length` bytes from `from` to `to` (not before `from`), last chunk first, so nothing is overwritten unread.
async function moveForward(options: { handle: FileHandle; from: number; length: number; to: number; buffer: Buffer }): Promise<void> {
  const { handle, from, length, to, buffer } = options;
  if (length === 0 || to === from) return;
  if (to < from) throw new Error(`A zip directory can only move forward (from ${from} to ${to}).`);
  if (buffer.length === 0) throw new Error('The buffer to move a zip directory through is empty.');
  for (let remaining = length; remaining > 0; ) {
    const size = Math.min(buffer.length, remaining);
    const start = from + remaining - size;
    for (let read = 0; read < size; ) {
      const { bytesRead } = await handle.read(buffer, read, size - read, start + read);
      if (bytesRead === 0) throw new Error(`The zip directory at ${from} ends early (at ${start + read} of ${from + length}).`);
      read += bytesRead;
    }
    await writeAll(handle, [buffer.subarray(0, size)], start + (to - from));
    remaining -= size;
  }
}

async function writeAll(handle: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  let offset = position;
  // writev may write fewer bytes than asked; write any remainder one buffer at a time.
  const { bytesWritten } = await handle.writev(buffers, offset);
  let skip = bytesWritten;
  offset += bytesWritten;
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    let view = buffer.subarray(skip);
    skip = 0;
    while (view.length > 0) {
      const result = await handle.write(view, 0, view.length, offset);
      offset += result.bytesWritten;
      view = view.subarray(result.bytesWritten);
    }
  }
}
