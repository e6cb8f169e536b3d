import { AsyncResource } from 'node:async_hooks';
import { encodeDirectoryEnd, encodeDirectoryRecord, encodeLocalHeader } from '../zip/zip-encoder.js';
import { createDeflateWorker, type DeflateWorker } from './deflate-worker.js';
import { deflateMember, hasNativeCrc32, memberDataLength, type DeflatedMember } from './deflated-member.js';
import { sampleLived, sampleLivedArray } from '../../util/sample-lived.js';
import { createGrowableBytes, utf8Room } from './growable-bytes.js';

// Members are compressed on this thread until this many bytes went through, then on a worker thread, in batches:
// deflate is the largest single cost of writing a sample. A worker thread is a V8 isolate of its own (about 25 MB of
// RSS), so evals that write less than this (a couple of thousand samples of real transcripts) never start one.
const DEFAULT_BACKGROUND_AFTER_BYTES = 16 * 1024 * 1024;
// A batch is sent once it holds this many bytes (or when the event loop comes round); its buffer has room for twice
// that, so that most members fit in the batch they arrive at.
const SEND_BATCH_AT_BYTES = 64 * 1024;
const BATCH_BYTES = 2 * SEND_BATCH_AT_BYTES;
// Buffers of batches that came back are kept for reuse (allocating them anew costs more, and the GC frees them late),
// up to a bound on how many can be in flight at once.
const MAX_SPARE_BATCH_BUFFERS = 64;
// Member data at least this large (summaries, reductions) is written from its own buffer rather than copied.
const SEPARATE_DATA_BYTES = 64 * 1024;
// A sample's UTF-8 bytes are encoded into one reused buffer; one far larger than usual is not kept afterwards.
const MAX_KEPT_SCRATCH_BYTES = 8 * 1024 * 1024;

/**
 * One write of a running archive: the central directory already in the file is moved along to make room, the placed
 * members go where it was, and the new members' directory records and the directory's end follow it. Only the new
 * records are held in memory: the directory of a long run stays in the file, not in the heap.
 */
export interface ZipWrite {
  /** Where the members go: where the directory in the file starts. */
  position: number;
  /** The placed members, to write at `position` (after the directory was moved). */
  buffers: Uint8Array[];
  /** The directory in the file: `length` bytes at `from`, to be moved to `to` (just after the members) first. */
  moveDirectory: { from: number; length: number; to: number };
  /** To write right after the moved directory: the new directory records and the end of the central directory. */
  tail: Uint8Array[];
  /** Where the written bytes end (the file must not extend past it once the archive is final). */
  end: number;
}

/** Options for {@link createZipAppender}. */
export interface ZipAppenderOptions {
  /** Called whenever members were placed (compressed and laid out), with `pendingBytes` grown. */
  onPlaced?: () => void;
  /** Bytes compressed on this thread before members go to a worker thread; `Infinity` never uses one. */
  backgroundAfterBytes?: number;
}

/**
 * Builds a zip archive that is appended to. Members are compressed as they are added, possibly on a worker thread,
 * and placed (given their offsets) strictly in the order they were added; each {@link ZipAppender.takeWrite} yields
 * the placed bytes and what completes the central directory already in the file, listing every member placed so far.
 */
export interface ZipAppender {
  /** Bytes of placed members not yet taken by `takeWrite`. */
  readonly pendingBytes: number;
  /** Uncompressed bytes of members added but not yet placed. */
  readonly queuedBytes: number;
  /** Adds a member (text as UTF-8), compressed here or on the worker thread. */
  add(name: string, data: string | Uint8Array): void;
  /** Adds a member compressed elsewhere. */
  addDeflated(name: string, member: DeflatedMember): void;
  /** Resolves once every member added so far is placed; rejects when compression failed. */
  placed(): Promise<void>;
  /**
   * Takes the placed members and the new directory records for writing (see {@link ZipWrite}; `applyZipWrite` does it
   * to a file). The buffers taken here are reused by the
   * call after next, so a write must complete before `takeWrite` is called again.
   */
  takeWrite(): ZipWrite;
  /** Stops the worker thread, if one was started. */
  close(): Promise<void>;
}

// Queue entries, batches and waiters live until the worker thread answers, which takes longest exactly when many
// samples finish at once: built with `sampleLived`, V8 can never decide to allocate them in the old generation (which
// would keep whatever they point to, down to the waiting samples' promises, alive until the next full collection).
interface QueuedMember {
  name: string;
  member?: DeflatedMember;
  placed?: boolean;
}

interface Batch {
  bytes: Buffer;
  used: number;
  lengths: number[];
  entries: QueuedMember[];
}

/** Creates a {@link ZipAppender} for an archive that starts at offset 0. */
export function createZipAppender(options: ZipAppenderOptions = {}): ZipAppender {
  const backgroundAfterBytes = hasNativeCrc32 ? (options.backgroundAfterBytes ?? DEFAULT_BACKGROUND_AFTER_BYTES) : Infinity;
  // Two pending buffers in turn: one being written while members go into the other. Large member data is not copied
  // into them: it goes to the write as a buffer of its own, after `parts` (the pending bytes before it).
  let pending = createGrowableBytes(256 * 1024);
  let spare = createGrowableBytes(256 * 1024);
  let parts: Uint8Array[] = [];
  let partsBytes = 0;
  // Where the pending bytes not yet in `parts` start.
  let pendingStart = 0;
  const pendingBytes = (): number => partsBytes + pending.length - pendingStart;
  // The directory records of members placed since the last write (two buffers in turn, as `pending`); the records
  // before them are in the file, `directoryInFile` bytes at `writtenOffset`.
  let records = createGrowableBytes(64 * 1024);
  let spareRecords = createGrowableBytes(64 * 1024);
  let directoryInFile = 0;
  let memberCount = 0;
  let writtenOffset = 0;
  let scratch = createGrowableBytes(64 * 1024);
  // Members in the order they were added; those before `head` are placed (and cleared).
  let queue: (QueuedMember | undefined)[] = [];
  let head = 0;
  let addedCount = 0;
  let placedCount = 0;
  let queuedBytes = 0;
  let compressedHere = 0;
  let worker: DeflateWorker | undefined;
  let workerUnavailable = false;
  let batch: Batch | undefined;
  let batchScheduled = false;
  const spareBatchBuffers: ArrayBuffer[] = [];
  const waiters: { count: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let failure: unknown;
  let draining = false;
  // Batches are sent and answered in the async context the appender was created in, not in that of the sample whose
  // member filled the batch: promises and timers keep the async context they were created in (its AsyncLocalStorage
  // stores: the sample's whole transcript) until they settle, which for a batch can be hundreds of samples later.
  const asyncScope = new AsyncResource('assay.ZipAppender');

  function place(name: string, member: DeflatedMember): void {
    const pieces: readonly Uint8Array[] = Array.isArray(member.data) ? member.data : [member.data as Uint8Array];
    const compressedSize = memberDataLength(member.data);
    const entry = {
      name,
      method: member.method,
      crc: member.crc,
      compressedSize,
      uncompressedSize: member.uncompressedSize,
      localHeaderOffset: writtenOffset + pendingBytes(),
      extraLength: 0,
      date: new Date(),
    };
    pending.append(encodeLocalHeader(entry));
    if (compressedSize >= SEPARATE_DATA_BYTES) {
      parts.push(pending.view(pendingStart), ...pieces);
      partsBytes += pending.length - pendingStart + compressedSize;
      pendingStart = pending.length;
    } else {
      for (const piece of pieces) pending.append(piece);
    }
    records.append(encodeDirectoryRecord(entry));
    memberCount++;
  }

  /** Places every member at the head of the queue that is ready, then tells whoever waits. */
  function drain(): void {
    if (draining) return;
    draining = true;
    let placedAny = false;
    try {
      for (let next = queue[head]; next?.member; next = queue[head]) {
        place(next.name, next.member);
        next.placed = true;
        queuedBytes -= next.member.uncompressedSize;
        queue[head++] = undefined;
        placedCount++;
        placedAny = true;
      }
      // Drop the placed prefix now and then rather than shifting the array for every member.
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
    } finally {
      draining = false;
    }
    for (let index = waiters.length - 1; index >= 0; index--) {
      if (waiters[index]!.count <= placedCount) waiters.splice(index, 1)[0]!.resolve();
    }
    if (placedAny) options.onPlaced?.();
  }

  function fail(error: unknown): void {
    failure ??= error;
    for (const waiter of waiters.splice(0)) waiter.reject(failure);
  }

  function encodeScratch(text: string): Buffer {
    if (scratch.length > MAX_KEPT_SCRATCH_BYTES) scratch = createGrowableBytes(64 * 1024);
    scratch.clear();
    scratch.append(text);
    return scratch.view();
  }

  /** Copies a member's bytes into the current batch for the worker thread. */
  function addToBatch(entry: QueuedMember, data: string | Uint8Array): void {
    const room = typeof data === 'string' ? utf8Room(data) : data.length;
    if (batch && batch.used + room > batch.bytes.length) sendBatch();
    if (!batch) {
      const buffer = room <= BATCH_BYTES ? (spareBatchBuffers.pop() ?? new ArrayBuffer(BATCH_BYTES)) : new ArrayBuffer(room);
      batch = sampleLived({ bytes: Buffer.from(buffer), used: 0, lengths: sampleLivedArray<number>(), entries: sampleLivedArray<QueuedMember>() });
    }
    let length = data.length;
    if (typeof data === 'string') length = batch.bytes.write(data, batch.used);
    else batch.bytes.set(data, batch.used);
    batch.used += length;
    batch.lengths.push(length);
    batch.entries.push(entry);
    queuedBytes += length;
    if (batch.used >= SEND_BATCH_AT_BYTES) sendBatch();
    else if (!batchScheduled) {
      // A batch that does not fill up still goes once the event loop comes round (a slow eval's lone sample).
      batchScheduled = true;
      asyncScope.runInAsyncScope(setImmediate, null, () => {
        batchScheduled = false;
        sendBatch();
      });
    }
  }

  function sendBatch(): void {
    asyncScope.runInAsyncScope(sendBatchInScope);
  }

  function sendBatchInScope(): void {
    const sent = batch;
    if (!sent) return;
    batch = undefined;
    try {
      worker ??= createDeflateWorker();
    } catch {
      // No worker thread to be had (a restricted environment): members are compressed here, from now on too.
      workerUnavailable = true;
      deflateHere(sent);
      return;
    }
    worker.deflate(sent.bytes.subarray(0, sent.used), sent.lengths).then(
      ({ members, buffer }) => {
        members.forEach((member, index) => (sent.entries[index]!.member = member));
        drain();
        // The members' data lives in the batch's buffer: it is reused only once they have been copied out.
        const reusable = buffer.byteLength === BATCH_BYTES && sent.entries.every((entry) => entry.placed);
        if (reusable && spareBatchBuffers.length < MAX_SPARE_BATCH_BUFFERS) spareBatchBuffers.push(buffer);
      },
      fail,
    );
  }

  function deflateHere(sent: Batch): void {
    let position = 0;
    sent.lengths.forEach((length, index) => {
      sent.entries[index]!.member = deflateMember(sent.bytes.subarray(position, position + length));
      position += length;
    });
    drain();
  }

  return {
    get pendingBytes() {
      return pendingBytes();
    },
    get queuedBytes() {
      return queuedBytes;
    },
    add(name, data) {
      if (failure) throw failure;
      const entry: QueuedMember = sampleLived({ name });
      queue.push(entry);
      addedCount++;
      if (worker || (compressedHere >= backgroundAfterBytes && !workerUnavailable)) {
        addToBatch(entry, data);
        return;
      }
      const raw = typeof data === 'string' ? encodeScratch(data) : data;
      compressedHere += raw.length;
      queuedBytes += raw.length;
      const member = deflateMember(raw);
      // The scratch buffer is reused by the next member: stored bytes that cannot be placed at once need a copy.
      if (member.data === raw && placedCount < addedCount - 1) member.data = Buffer.from(raw);
      entry.member = member;
      drain();
    },
    addDeflated(name, member) {
      if (failure) throw failure;
      queue.push(sampleLived({ name, member }));
      addedCount++;
      queuedBytes += member.uncompressedSize;
      drain();
    },
    placed() {
      if (failure) return Promise.reject(failure);
      if (placedCount >= addedCount) return Promise.resolve();
      // A batch not full yet is sent when the event loop comes round (as it must for anything to be placed), not now:
      // every caller waiting here would otherwise send a batch of its own member alone.
      return new Promise((resolve, reject) => waiters.push(sampleLived({ count: addedCount, resolve, reject })));
    },
    takeWrite() {
      const members = [...parts, pending.view(pendingStart)];
      const position = writtenOffset;
      writtenOffset += pendingBytes();
      const moveDirectory = { from: position, length: directoryInFile, to: writtenOffset };
      const added = records.view();
      directoryInFile += added.length;
      [pending, spare] = [spare, pending];
      [records, spareRecords] = [spareRecords, records];
      pending.clear();
      records.clear();
      parts = [];
      partsBytes = 0;
      pendingStart = 0;
      const end = encodeDirectoryEnd({ count: memberCount, size: directoryInFile, offset: writtenOffset });
      return { position, buffers: members, moveDirectory, tail: [added, end], end: writtenOffset + directoryInFile + end.length };
    },
    async close() {
      await worker?.close();
      worker = undefined;
    },
  };
}
