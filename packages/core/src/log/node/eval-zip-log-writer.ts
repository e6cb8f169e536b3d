import { AsyncResource } from 'node:async_hooks';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildLogHeader, headerWithoutSamples } from '../build-log-header.js';
import { condenseSample } from '../condense-sample.js';
import { isoTimestamp } from '../log-format.js';
import { LogError } from '../log-error.js';
import { validateLogValue } from '../parse-eval-sample.js';
import { EVAL_LOG_VERSION, type LogStart } from '../schema/eval-log.js';
import { evalPlanSchema, type EvalPlan } from '../schema/eval-plan.js';
import { evalSampleSchema, type EvalSample, type EvalSampleInput } from '../schema/eval-sample.js';
import { evalSpecSchema, type EvalSpec } from '../schema/eval-spec.js';
import { isStoredReductions } from '../stored-reductions.js';
import { sampleMemberName } from '../sort-samples.js';
import { stringifyLogJson } from '../stringify-log-json.js';
import { toSampleSummary } from '../to-sample-summary.js';
import { deflateLogJson } from './deflate-log-json.js';
import type { CreateEvalLogWriterOptions, EvalLogWriter } from './eval-log-writer.js';
import { createWriteQueue } from './write-queue.js';
import { createSummaryStore } from './summary-store.js';
import { createZipAppender } from './zip-appender.js';
import { applyZipWrite, createMoveBuffer } from './apply-zip-write.js';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;
/** Seconds a finished sample may wait in memory before it is flushed to the file. */
const DEFAULT_FLUSH_INTERVAL = 2;
// While a flush is being written, samples keep being accepted into a second buffer; once that one is full too, the
// sample that filled it waits for the write in progress (one write at a time).
const MAX_PENDING_BUFFERS = 1;
// Samples waiting to be compressed on the worker thread: past this many buffers' worth of their bytes, the sample that
// crossed it waits for them. (Compression results only arrive when the event loop comes round, which a run of
// samples that never waits on I/O, such as one on a mock model, would otherwise put off indefinitely.) Half a buffer:
// while samples run ahead of compression, the state of those in flight lives through more garbage collections and
// is moved to the old generation; a shallow queue keeps that down (about 15 MB less at 50,000 samples) for a few
// percent of throughput.
const MAX_QUEUED_BUFFERS = 0.5;

/**
 * The `.eval` writer. Members are appended in order with real sizes and CRCs in their local headers; each flush
 * writes a complete central directory after the last member, which the next append overwrites. The file is
 * therefore a valid zip after `start` and after every flush, and recoverable by a local-header scan in between.
 */
export function createEvalZipLogWriter(options: CreateEvalLogWriterOptions): EvalLogWriter {
  const { path } = options;
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const flushIntervalMs = (options.flushInterval ?? DEFAULT_FLUSH_INTERVAL) * 1000;
  let flushTimer: NodeJS.Timeout | undefined;
  const zip = createZipAppender({ onPlaced: () => maybeFlush() });
  const summaries = createSummaryStore();
  let handle: FileHandle | undefined;
  let spec: EvalSpec | undefined;
  let plan: EvalPlan | undefined;
  let startedAt = '';
  let finished = false;
  let journalCount = 0;
  const writes = createWriteQueue();
  // Made at the first write that has a directory to move, then reused by every later one.
  let moveBuffer: Buffer | undefined;
  // The background flush in progress, if any.
  let writing: Promise<void> | undefined;
  // Background flushes run in the writer's own async context rather than in that of the sample that filled the
  // buffer: their promises would otherwise hold that sample's AsyncLocalStorage stores (its whole transcript) until
  // the write completes.
  const asyncScope = new AsyncResource('assay.EvalZipLogWriter');

  function state(message: string): LogError {
    return new LogError({ code: 'writer_state', message: `${path}: ${message}`, path });
  }

  /** Writes every member added so far and a central directory after them; returns the end of what was written. */
  async function writeAdded(target: FileHandle): Promise<number> {
    await zip.placed();
    // Taken when the write runs (not when it was queued), so it holds every member placed until then.
    const write = zip.takeWrite();
    moveBuffer ??= createMoveBuffer();
    await applyZipWrite({ handle: target, write, moveBuffer });
    return write.end;
  }

  /** Serializes a sample into the archive and its summary into the store. */
  function addSample(input: EvalSampleInput): void {
    if (!spec) throw state('writeSample() before start().');
    if (finished) throw state('writeSample() after finish().');
    const sample =
      options.validateSamples === false ? (input as EvalSample) : validateLogValue({ schema: evalSampleSchema, value: input, what: 'sample', path });
    zip.add(sampleMemberName(sample), stringifyLogJson({ value: options.condense === false ? sample : condenseSample(sample) }));
    summaries.add(toSampleSummary(sample));
    maybeFlush();
  }

  /**
   * Full buffers are flushed in the background while samples keep coming; the writer pushes back (the sample that
   * crossed a cap waits) only when compression or writing falls behind.
   */
  async function pushBack(): Promise<void> {
    if (zip.queuedBytes >= MAX_QUEUED_BUFFERS * bufferBytes) await zip.placed();
    if (writing && zip.pendingBytes >= MAX_PENDING_BUFFERS * bufferBytes) {
      await writing;
      maybeFlush();
    }
  }

  function journalSummaries(): void {
    const journal = summaries.takeJournal();
    if (!journal) return;
    journalCount++;
    zip.add(`_journal/summaries/${journalCount}.json`, journal);
  }

  /**
   * Starts a flush (summaries journal, members, central directory) once a buffer's worth of members is placed, and
   * otherwise arms a timer so finished samples reach the disk within `flushInterval` even when they are small or few.
   */
  function maybeFlush(): void {
    if (writing || finished || !handle) return;
    if (zip.pendingBytes >= bufferBytes) {
      asyncScope.runInAsyncScope(startFlush);
    } else if (!flushTimer) {
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        if (!writing && !finished && handle && zip.pendingBytes > 0) asyncScope.runInAsyncScope(startFlush);
      }, flushIntervalMs);
      // The timer must not keep a process alive that has nothing else to do.
      flushTimer.unref();
    }
  }

  function stopFlushTimer(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
  }

  function startFlush(): void {
    const run = writes.enqueue(async () => {
      await writeAdded(handle!);
    });
    const current = run.finally(() => {
      if (writing === current) writing = undefined;
    });
    // A failed flush is reported by the next call that waits on the queue.
    current.catch(() => undefined);
    writing = current;
    // After `writing` is set: adding the journal may place members, which calls back into `maybeFlush`.
    journalSummaries();
  }

  return {
    path,
    format: 'eval',
    async start(startOptions) {
      if (spec) throw state('start() was already called.');
      spec = validateLogValue({ schema: evalSpecSchema, value: startOptions.eval, what: 'eval spec', path });
      plan = validateLogValue({ schema: evalPlanSchema, value: startOptions.plan, what: 'eval plan', path });
      startedAt = isoTimestamp();
      // The spec and plan were parsed just above; parsing them again would copy the spec's list of every sample id.
      const start: LogStart = { version: EVAL_LOG_VERSION, eval: spec, plan };
      zip.add('_journal/start.json', stringifyLogJson({ value: start }));
      await writes.enqueue(async () => {
        await mkdir(dirname(path), { recursive: true });
        // Read as well as written: each write moves the zip directory already in the file.
        handle = await open(path, 'w+');
        await writeAdded(handle);
      });
    },
    writeSample(input) {
      try {
        addSample(input);
      } catch (error) {
        return Promise.reject(error);
      }
      // The sample is serialized by now; waiting for the writer to catch up must not keep its objects alive (an async
      // function keeps its arguments until it returns), so the wait is a function of its own.
      return pushBack();
    },
    async flush() {
      if (!spec || finished) return;
      journalSummaries();
      await writes.enqueue(async () => {
        await writeAdded(handle!);
      });
    },
    async finish(finishOptions) {
      if (!spec || !plan) throw state('finish() before start().');
      if (finished) throw state('finish() was already called.');
      finished = true;
      stopFlushTimer();
      const header = buildLogHeader({ eval: spec, plan, finish: finishOptions, startedAt, path });
      zip.addDeflated('summaries.json', summaries.close());
      // One item per sample: deflated a piece at a time rather than serialized as one string (and stored reductions
      // straight from their JSON, never as objects).
      const { reductions } = finishOptions;
      if (isStoredReductions(reductions)) zip.addDeflated('reductions.json', reductions.deflated());
      else if (header.reductions != null) zip.addDeflated('reductions.json', deflateLogJson(header.reductions));
      zip.add('header.json', stringifyLogJson({ value: headerWithoutSamples(header) }));
      await writes.enqueue(async () => {
        try {
          const end = await writeAdded(handle!);
          // A shorter final directory than an earlier one would leave stale bytes behind.
          if ((await handle!.stat()).size > end) await handle!.truncate(end);
          await handle!.close();
          handle = undefined;
        } finally {
          await zip.close();
        }
      });
      return header;
    },
    async close() {
      finished = true;
      stopFlushTimer();
      // Runs even after a failure, so the file handle is always released.
      await writes.finally(async (failure) => {
        try {
          if (handle && !failure) await writeAdded(handle);
        } finally {
          await handle?.close();
          handle = undefined;
          await zip.close();
        }
      });
    },
  };
}
