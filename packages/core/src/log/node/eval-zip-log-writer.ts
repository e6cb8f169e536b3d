import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildLogHeader, headerWithoutSamples } from '../build-log-header.js';
import { condenseSample } from '../condense-sample.js';
import { isoTimestamp } from '../log-format.js';
import { LogError } from '../log-error.js';
import { validateLogValue } from '../parse-eval-sample.js';
import { EVAL_LOG_VERSION, type LogStart } from '../schema/eval-log.js';
import { evalPlanSchema, type EvalPlan } from '../schema/eval-plan.js';
import { evalSpecSchema, type EvalSpec } from '../schema/eval-spec.js';
import { sampleMemberName } from '../sort-samples.js';
import { stringifyLogJson } from '../stringify-log-json.js';
import { toSampleSummary } from '../to-sample-summary.js';
import type { CreateEvalLogWriterOptions, EvalLogWriter } from './eval-log-writer.js';
import { createWriteQueue } from './write-queue.js';
import { createZipAppender, type ZipAppender, type ZipMemberData } from './zip-appender.js';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;
/** Seconds a finished sample may wait in memory before it is flushed to the file. */
const DEFAULT_FLUSH_INTERVAL = 2;

/**
 * The `.eval` writer, after Inspect's `EvalRecorder`: finished samples are buffered as JSON and flushed to the zip
 * together with a summaries journal once `bufferBytes` (or `bufferSamples`) are waiting or `flushInterval` has
 * passed; each flush leaves a complete zip (see {@link createZipAppender}). At the end come `summaries.json`,
 * `reductions.json` and, last, `header.json`.
 */
export function createEvalZipLogWriter(options: CreateEvalLogWriterOptions): EvalLogWriter {
  const { path } = options;
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const bufferSamples = options.bufferSamples ?? Infinity;
  const flushIntervalMs = (options.flushInterval ?? DEFAULT_FLUSH_INTERVAL) * 1000;
  const writes = createWriteQueue();
  let handle: FileHandle | undefined;
  let zip: ZipAppender | undefined;
  let spec: EvalSpec | undefined;
  let plan: EvalPlan | undefined;
  let startedAt = '';
  let finished = false;
  let pending: ZipMemberData[] = [];
  let pendingBytes = 0;
  let pendingSamples = 0;
  // Every sample's summary as JSON, for `summaries.json`; those from `journaled` on are not in a journal yet.
  const summaries: string[] = [];
  let journaled = 0;
  let journalCount = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  // The background write of a full byte buffer, while it runs.
  let writing: Promise<void> | undefined;

  function state(message: string): LogError {
    return new LogError({ code: 'writer_state', message: `${path}: ${message}`, path });
  }

  /** The samples waiting to be written, with a journal of the summaries not yet journaled (unless at the end). */
  function takePending(options: { journal: boolean }): ZipMemberData[] {
    const members = pending;
    pending = [];
    pendingBytes = 0;
    pendingSamples = 0;
    if (options.journal && summaries.length > journaled) {
      journalCount++;
      members.push({ name: `_journal/summaries/${journalCount}.json`, data: jsonArray(summaries.slice(journaled)) });
      journaled = summaries.length;
    }
    return members;
  }

  /**
   * Writes what is waiting when the write gets its turn, not when it was asked for: samples that finish while an
   * earlier write is going on reach the disk together in the next one (a group commit), so with `bufferSamples: 1`
   * the directory is rewritten once per write rather than once per sample.
   */
  function flushPending(): Promise<void> {
    stopFlushTimer();
    return writes.enqueue(async () => {
      const members = takePending({ journal: true });
      if (members.length > 0) await zip!.append(members);
    });
  }

  function armFlushTimer(): void {
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      // A failed write is reported to the next sample written (the queue keeps the failure).
      if (!finished && pending.length > 0) flushPending().catch(() => undefined);
    }, flushIntervalMs);
    // The timer must not keep a process alive that has nothing else to do.
    flushTimer.unref();
  }

  function stopFlushTimer(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
  }

  return {
    path,
    format: 'eval',
    async start(startOptions) {
      if (spec) throw state('start() was already called.');
      spec = validateLogValue({ schema: evalSpecSchema, value: startOptions.eval, what: 'eval spec', path });
      plan = validateLogValue({ schema: evalPlanSchema, value: startOptions.plan, what: 'eval plan', path });
      startedAt = isoTimestamp();
      const start: LogStart = { version: EVAL_LOG_VERSION, eval: spec, plan };
      await writes.enqueue(async () => {
        await mkdir(dirname(path), { recursive: true });
        handle = await open(path, 'w');
        zip = createZipAppender({ handle });
        await zip.append([{ name: '_journal/start.json', data: stringifyLogJson({ value: start }) }]);
      });
    },
    async writeSample(sample) {
      if (!spec) throw state('writeSample() before start().');
      if (finished) throw state('writeSample() after finish().');
      if (writes.failure) throw writes.failure;
      const data = stringifyLogJson({ value: options.condense === false ? sample : condenseSample(sample) });
      pending.push({ name: sampleMemberName(sample), data });
      pendingBytes += data.length;
      pendingSamples++;
      summaries.push(stringifyLogJson({ value: toSampleSummary(sample) }));
      // With a sample buffer, the sample that fills it waits for the write (so it is on disk when this resolves).
      if (pendingSamples >= bufferSamples) return await flushPending();
      if (pendingBytes < bufferBytes) return armFlushTimer();
      // A full byte buffer is written in the background while samples keep coming; a sample waits only when twice
      // the buffer is waiting behind a write (compression or the disk fell behind).
      if (!writing) {
        const started = flushPending().finally(() => {
          writing = undefined;
        });
        // A failed write is reported to the next sample written (the queue keeps the failure).
        started.catch(() => undefined);
        writing = started;
      } else if (pendingBytes >= 2 * bufferBytes) {
        await writing;
      }
    },
    async flush() {
      if (!spec || finished) return;
      await flushPending();
    },
    async finish(finishOptions) {
      if (!spec || !plan) throw state('finish() before start().');
      if (finished) throw state('finish() was already called.');
      finished = true;
      stopFlushTimer();
      const header = buildLogHeader({ eval: spec, plan, finish: finishOptions, startedAt, path });
      // `summaries.json` holds every summary: the last samples need no journal.
      const members = takePending({ journal: false });
      members.push({ name: 'summaries.json', data: jsonArray(summaries) });
      if (header.reductions != null) members.push({ name: 'reductions.json', data: stringifyLogJson({ value: header.reductions }) });
      members.push({ name: 'header.json', data: stringifyLogJson({ value: headerWithoutSamples(header) }) });
      await writes.enqueue(async () => {
        await zip!.append(members);
        await handle!.close();
        handle = undefined;
      });
      return header;
    },
    async close() {
      finished = true;
      stopFlushTimer();
      // Runs even after a failure, so the file handle is always released; samples still buffered are written first.
      await writes.finally(async (failure) => {
        try {
          if (handle && !failure) {
            const members = takePending({ journal: true });
            if (members.length > 0) await zip!.append(members);
          }
        } finally {
          await handle?.close();
          handle = undefined;
        }
      });
    },
  };
}

function jsonArray(items: readonly string[]): string {
  return `[${items.join(',')}]`;
}
