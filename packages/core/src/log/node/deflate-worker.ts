import { Worker } from 'node:worker_threads';
import { sampleLived } from '../../util/sample-lived.js';
import { deflateChunkSize, deflateOptions, type DeflatedMember } from './deflated-member.js';

/** Compresses batches of zip members on a worker thread. */
export interface DeflateWorker {
  /**
   * Deflates each member of a batch: `bytes` holds the members' bytes back to back, `lengths` their sizes. The batch's
   * buffer is transferred to the worker (unusable here afterwards) and comes back as `buffer`, holding the members'
   * `data`: it can be reused once they have been copied out.
   */
  deflate(bytes: Uint8Array, lengths: readonly number[]): Promise<{ members: DeflatedMember[]; buffer: ArrayBuffer }>;
  /** Stops the worker; batches still in flight are rejected. */
  close(): Promise<void>;
}

interface BatchResult {
  id: number;
  /** The batch's buffer, now holding the members' results back to back from where their bytes started. */
  input: ArrayBuffer;
  crcs: Uint32Array;
  sizes: Uint32Array;
  methods: Uint8Array;
}

// Plain JavaScript evaluated in the worker: no loader, build step or TypeScript runtime is needed there. Each member
// becomes its own deflate stream (stored when that is not smaller), as a zip member must. The results are written
// back over the batch's own bytes, in order: a member's result is never longer than the member, so it never reaches
// bytes not yet read, and no buffer has to be allocated per batch on either thread.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
const deflateChunkSize = ${deflateChunkSize.toString()};
parentPort.on('message', ({ id, input, offset, lengths }) => {
  const bytes = new Uint8Array(input);
  const count = lengths.length;
  const crcs = new Uint32Array(count);
  const sizes = new Uint32Array(count);
  const methods = new Uint8Array(count);
  let read = offset;
  let written = offset;
  for (let index = 0; index < count; index++) {
    const raw = bytes.subarray(read, read + lengths[index]);
    crcs[index] = zlib.crc32(raw);
    const compressed = zlib.deflateRawSync(raw, { level: ${deflateOptions.level}, chunkSize: deflateChunkSize(raw.length) });
    if (compressed.length < raw.length) {
      bytes.set(compressed, written);
      sizes[index] = compressed.length;
      methods[index] = 8;
    } else {
      bytes.copyWithin(written, read, read + raw.length);
      sizes[index] = raw.length;
      methods[index] = 0;
    }
    read += lengths[index];
    written += sizes[index];
  }
  parentPort.postMessage({ id, input, crcs, sizes, methods }, [input]);
});
`;

/** Starts a worker thread for {@link DeflateWorker}; it is unreferenced whenever no batch is in flight. */
export function createDeflateWorker(): DeflateWorker {
  // No inherited flags: loaders such as tsx would be loaded again in the worker for nothing.
  const worker = new Worker(workerSource, { eval: true, execArgv: [] });
  worker.unref();
  const waiting = new Map<number, { resolve: (result: BatchResult) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let failure: unknown;

  const failAll = (error: unknown): void => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on('message', (result: BatchResult) => {
    const entry = waiting.get(result.id);
    waiting.delete(result.id);
    if (waiting.size === 0) worker.unref();
    entry?.resolve(result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`The deflate worker exited (code ${code}).`)));

  return {
    async deflate(bytes, lengths) {
      if (failure) throw failure;
      const id = nextId++;
      const offset = bytes.byteOffset;
      const result = await new Promise<BatchResult>((resolve, reject) => {
        // Not a literal: see zip-appender.ts on objects that live until the worker answers.
        waiting.set(id, sampleLived({ resolve, reject }));
        // Referenced while a batch is out, so that the process waits for it.
        worker.ref();
        worker.postMessage({ id, input: bytes.buffer, offset, lengths }, [bytes.buffer as ArrayBuffer]);
      });
      const output = new Uint8Array(result.input);
      const members: DeflatedMember[] = [];
      let position = offset;
      for (let index = 0; index < lengths.length; index++) {
        const size = result.sizes[index]!;
        members.push(
          sampleLived({
          method: result.methods[index]!,
          crc: result.crcs[index]!,
          uncompressedSize: lengths[index]!,
          data: output.subarray(position, position + size),
          }),
        );
        position += size;
      }
      return { members, buffer: result.input };
    },
    async close() {
      failure ??= new Error('The deflate worker was closed.');
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
