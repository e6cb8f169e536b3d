import { Worker } from 'node:worker_threads';
import { deflateMembersHere, membersOf, type DeflatedBatch, type DeflatedMember, type EncodedTexts } from './deflate-batch.js';

/** A message to the deflate worker. */
export interface DeflateRequest {
  id: number;
  texts: EncodedTexts;
  level: number;
}

/** What the deflate worker sends: that it is ready (first), then an answer to each {@link DeflateRequest}. */
export type DeflateResponse = { ready: true } | { id: number; batch: DeflatedBatch } | { id: number; error: string };

/**
 * Compresses log members off the writer's thread. One worker thread serves every writer in the process; it is started
 * with the first batch and holds the process open only while it has work.
 */
export interface MemberDeflater {
  /**
   * Compresses each text into its own member data, in order. Once the worker runs, the texts' buffer is moved to it
   * (it is no longer readable here).
   */
  deflate(options: { texts: EncodedTexts; level: number }): Promise<DeflatedMember[]>;
}

interface Job {
  /** Kept only until the worker is running, to be compressed here should it fail to start. */
  request: DeflateRequest | undefined;
  resolve: (members: DeflatedMember[]) => void;
  reject: (error: Error) => void;
}

let shared: MemberDeflater | undefined;

/** The process's {@link MemberDeflater}. */
export function memberDeflater(): MemberDeflater {
  // Built, the worker's code is beside the bundle that holds this module (`dist/deflate-worker.js`). Run from its
  // TypeScript source (this repository's unit tests), there is no worker to start: a worker thread does not take the
  // TypeScript loader, so members are compressed on this thread.
  const source = import.meta.url.endsWith('.ts');
  shared ??= createMemberDeflater({ workerUrl: source ? undefined : new URL('./deflate-worker.js', import.meta.url) });
  return shared;
}

/**
 * Creates a {@link MemberDeflater} whose worker runs `workerUrl`. When the worker cannot run (the file is missing, as
 * when Assay is bundled into one file, or the thread dies), its batches and every later one are compressed on the
 * calling thread instead: the bytes are the same, only slower.
 */
export function createMemberDeflater(options: { workerUrl: URL | undefined }): MemberDeflater {
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let worker: Worker | undefined;
  // Whether the worker's code is running (it says so first); until then the texts sent are kept.
  let ready = false;
  let broken = options.workerUrl === undefined;

  /**
   * The worker could not start: what it was sent is compressed here, and so is everything after. A worker that fails
   * once running (it ran out of memory) fails the batches it had: their texts are no longer kept.
   */
  function fallBack(error: unknown): void {
    broken = !ready;
    worker = undefined;
    ready = false;
    const waiting = [...jobs.values()];
    jobs.clear();
    for (const job of waiting) {
      if (job.request) settleHere(job, job.request);
      else job.reject(new Error(`the log's compression thread stopped: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  function settleHere(job: Pick<Job, 'resolve' | 'reject'>, request: DeflateRequest): void {
    try {
      job.resolve(deflateMembersHere(request));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  function start(): Worker {
    const started = new Worker(options.workerUrl!);
    started.on('message', (response: DeflateResponse) => {
      if ('ready' in response) {
        ready = true;
        // From now on the texts sent are the worker's alone (the copies here can be freed at once).
        for (const job of jobs.values()) job.request = undefined;
        return;
      }
      const job = jobs.get(response.id);
      if (!job) return;
      jobs.delete(response.id);
      if (jobs.size === 0) started.unref();
      if ('error' in response) job.reject(new Error(response.error));
      else job.resolve(membersOf(response.batch));
    });
    started.on('error', (error) => {
      if (worker === started) fallBack(error);
    });
    started.on('exit', (code) => {
      if (worker === started) fallBack(new Error(`exit code ${code}`));
    });
    return started;
  }

  return {
    deflate({ texts, level }) {
      const request: DeflateRequest = { id: nextId++, texts, level };
      return new Promise<DeflatedMember[]>((resolve, reject) => {
        if (broken) return settleHere({ resolve, reject }, request);
        worker ??= start();
        const job: Job = { request: ready ? undefined : request, resolve, reject };
        jobs.set(request.id, job);
        // Held open while a batch is out, so a run waiting for its last batch does not exit.
        worker.ref();
        // Until the worker says it runs, it gets a copy (the texts are kept, to be compressed here should it fail to
        // start); after, the buffer itself.
        worker.postMessage(request, ready ? [texts.bytes.buffer as ArrayBuffer] : []);
      });
    },
  };
}
