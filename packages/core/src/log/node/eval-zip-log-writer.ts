import { createReadStream, readSync } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
import { createTextLineStore } from '../../util/text-line-store.js';
import type { CreateEvalLogWriterOptions, LogFileWriter } from './eval-log-writer.js';
import { createWriteQueue } from './write-queue.js';
import { createTextEncoderBuffer, deflateMembersHere, type DeflatedMember } from './deflate-batch.js';
import { memberDeflater } from './member-deflater.js';
import { createZipAppender, LOG_DEFLATE_LEVEL, writeAll, type ZipAppender, type ZipMemberData } from './zip-appender.js';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;
/** Bytes of sample JSON sent to the deflate worker at a time (a flush sends what is left sooner). */
const BATCH_BYTES = 256 * 1024;
/** Batches the worker may have unanswered before a sample waits for it (samples can come faster than it compresses). */
const MAX_UNANSWERED_BATCHES = 4;
/** Seconds a finished sample may wait in memory before it is flushed to the file. */
const DEFAULT_FLUSH_INTERVAL = 2;
/**
 * Seconds between journals of summaries when flushes come more often (with a buffer of one sample, each sample is a
 * flush): the journal lets a reader list a running log's samples, and one per flush doubled the members and the
 * central directory that every flush writes again. Samples are written at every flush regardless.
 */
const DEFAULT_JOURNAL_INTERVAL = 1;

/**
 * The `.eval` writer, after Inspect's `EvalRecorder`: finished samples are compressed and buffered, and flushed to the zip
 * together with a summaries journal once `bufferBytes` (or `bufferSamples`) are waiting or `flushInterval` has
 * passed; each flush leaves a complete zip (see {@link createZipAppender}). At the end come `summaries.json`,
 * `reductions.json` and, last, `header.json`.
 */
export function createEvalZipLogWriter(options: CreateEvalLogWriterOptions): LogFileWriter {
  const { path } = options;
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const bufferSamples = options.bufferSamples ?? Infinity;
  const flushIntervalMs = (options.flushInterval ?? DEFAULT_FLUSH_INTERVAL) * 1000;
  const journalIntervalMs = (options.journalInterval ?? DEFAULT_JOURNAL_INTERVAL) * 1000;
  const writes = createWriteQueue();
  let handle: FileHandle | undefined;
  let zip: ZipAppender | undefined;
  let spec: EvalSpec | undefined;
  let plan: EvalPlan | undefined;
  let startedAt = '';
  let finished = false;
  // Samples are compressed by the deflate worker (see member-deflater.ts), a batch of texts at a time, each text
  // encoded as UTF-8 into the batch's buffer as it comes; `compressing` holds the batches sent since the last flush,
  // in order. (With a sample buffer, a batch is a sample or a few, compressed on this thread: see sendBatch.)
  const texts = createTextEncoderBuffer({ capacity: bufferSamples === Infinity ? 2 * BATCH_BYTES : 16 * 1024 });
  let names: string[] = [];
  let compressing: Promise<ZipMemberData[]>[] = [];
  // The batches the worker has not answered yet, oldest first.
  const unanswered: Promise<unknown>[] = [];
  let pendingCount = 0;
  // Bytes of JSON of the samples waiting. A flush waits for `bufferBytes` of them, and for about as many compressed
  // bytes as the central directory, which each flush writes again (else a long run would spend its time rewriting the
  // directory: at 100,000 samples it is 7 MB, and 1 MB flushes would write it again a thousand times).
  let pendingBytes = 0;
  // Summaries go, as JSON lines, to a side file in the system's temporary directory (not beside the logs, which a
  // crash would leave it among) that becomes `summaries.json` at the end: a long run's summaries are too many to keep
  // in memory. `recent` holds those not written there yet (as bytes outside the heap: with a long run's large flushes,
  // thousands wait, and as strings they were most of what the heap promoted and then threw away).
  const summariesPath = join(tmpdir(), `assay-${randomUUID()}.summaries.jsonl`);
  let summaryFile: FileHandle | undefined;
  const recent = createTextLineStore();
  let summaryBytes = 0;
  // Where the summaries not yet in a journal begin in the side file (a journal is read back from it), and when the
  // last journal was written.
  let journaledBytes = 0;
  let journaledAt = -Infinity;
  let journalCount = 0;
  let journalTimer: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  // The background write of a full byte buffer, while it runs.
  let writing: Promise<void> | undefined;

  function state(message: string): LogError {
    return new LogError({ code: 'writer_state', message: `${path}: ${message}`, path });
  }

  /**
   * Sends the texts gathered so far to the deflate worker. With a sample buffer they are compressed on this thread
   * instead: each sample then waits for its write, and a round trip to the worker (a turn of this thread's event loop,
   * behind whatever else is waiting there) would be latency on every sample.
   */
  function sendBatch(): void {
    if (texts.count === 0) return;
    const sentNames = names;
    names = [];
    const named = (members: DeflatedMember[]): ZipMemberData[] => members.map((data, index) => ({ name: sentNames[index]!, data }));
    const options = { texts: texts.take(), level: LOG_DEFLATE_LEVEL };
    const sent = bufferSamples === Infinity ? memberDeflater().deflate(options).then(named) : Promise.resolve(named(deflateMembersHere(options)));
    // A failure is the flush's to report (it awaits every batch).
    const answered = sent.catch(() => undefined).finally(() => unanswered.splice(unanswered.indexOf(answered), 1));
    unanswered.push(answered);
    compressing.push(sent);
  }

  /**
   * Writes the samples waiting and their summaries' lines, and a journal of the summaries not yet in one: `due` writes
   * it once `journalInterval` has passed since the last (else a timer writes it then), `now` at once,
   * `never` leaves them for `summaries.json` (the end).
   */
  async function writePending(options: { journal: 'due' | 'now' | 'never' }): Promise<void> {
    const lines = recent.take();
    if (lines.length > 0) {
      // As the zip appender writes its appends: a few lines on this thread (see writeAll).
      await writeAll(summaryFile!, [lines], summaryBytes);
      summaryBytes += lines.length;
    }
    const now = performance.now();
    const journal = options.journal === 'now' || (options.journal === 'due' && now - journaledAt >= journalIntervalMs);
    if (summaryBytes > journaledBytes && journal) {
      journalCount++;
      names.push(`_journal/summaries/${journalCount}.json`);
      texts.add(jsonArrayOfLines(readRange(summaryFile!.fd, journaledBytes, summaryBytes)));
      journaledBytes = summaryBytes;
      journaledAt = now;
      stopJournalTimer();
    }
    sendBatch();
    const batches = compressing;
    compressing = [];
    pendingCount = 0;
    pendingBytes = 0;
    if (batches.length === 0) return;
    if (options.journal === 'due' && summaryBytes > journaledBytes) armJournalTimer();
    await zip!.append((await Promise.all(batches)).flat());
  }

  function armJournalTimer(): void {
    if (journalTimer) return;
    journalTimer = setTimeout(() => {
      journalTimer = undefined;
      // A failed write is reported to the next sample written (the queue keeps the failure).
      if (!finished && summaryBytes > journaledBytes) writes.enqueue(() => writePending({ journal: 'now' })).catch(() => undefined);
    }, journalIntervalMs);
    // The timer must not keep a process alive that has nothing else to do.
    journalTimer.unref();
  }

  function stopJournalTimer(): void {
    if (journalTimer) clearTimeout(journalTimer);
    journalTimer = undefined;
  }

  async function removeSummaryFile(): Promise<void> {
    await summaryFile?.close();
    summaryFile = undefined;
    await rm(summariesPath, { force: true });
  }

  /**
   * Writes what is waiting when the write gets its turn, not when it was asked for: samples that finish while an
   * earlier write is going on reach the disk together in the next one (a group commit), so with `bufferSamples: 1`
   * the directory is rewritten once per write rather than once per sample.
   */
  function flushPending(): Promise<void> {
    stopFlushTimer();
    return writes.enqueue(() => writePending({ journal: 'due' }));
  }

  function armFlushTimer(): void {
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      // A failed write is reported to the next sample written (the queue keeps the failure).
      if (!finished && pendingCount > 0) flushPending().catch(() => undefined);
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
        // Read as well as written: a journal is read back from it.
        summaryFile = await open(summariesPath, 'w+');
        zip = createZipAppender({ handle });
        await zip.append([{ name: '_journal/start.json', data: stringifyLogJson({ value: start }) }]);
      });
    },
    async writeSample(sample) {
      if (!spec) throw state('writeSample() before start().');
      if (finished) throw state('writeSample() after finish().');
      if (writes.failure) throw writes.failure;
      // Every sample waits while the worker is behind, not only the one that sent the last batch: samples of the mock
      // model run on promises alone, and the worker's answers are read only once they all wait.
      while (unanswered.length > MAX_UNANSWERED_BATCHES) await unanswered[0];
      const text = stringifyLogJson({ value: options.condense === false ? sample : condenseSample(sample) });
      // Encoded at once into the batch's buffer, outside the heap, and sent to be compressed a batch at a time: the
      // text is garbage at once instead of living (and being copied by each young-generation collection, then
      // promoted) until its batch goes or the flush.
      names.push(sampleMemberName(sample));
      texts.add(text);
      if (texts.byteLength >= BATCH_BYTES) sendBatch();
      pendingCount++;
      pendingBytes += text.length;
      recent.add(stringifyLogJson({ value: toSampleSummary(sample) }));
      // With a sample buffer, the sample that fills it waits for the write (so it is on disk when this resolves).
      if (pendingCount >= bufferSamples) return await flushPending();
      const directorySize = zip?.directorySize ?? 0;
      // Sample JSON compresses about four to one.
      const flushAt = Math.max(bufferBytes, 4 * directorySize);
      if (pendingBytes < flushAt) return armFlushTimer();
      // A full byte buffer is written in the background while samples keep coming; a sample waits only when twice
      // the buffer is waiting behind a write (compression or the disk fell behind).
      if (!writing) {
        const started = flushPending().finally(() => {
          writing = undefined;
        });
        // A failed write is reported to the next sample written (the queue keeps the failure).
        started.catch(() => undefined);
        writing = started;
      } else if (pendingBytes >= 2 * flushAt) {
        await writing;
      }
    },
    async flush() {
      if (!spec || finished) return;
      stopFlushTimer();
      // Everything written, journal included: what a reader of the running log lists.
      await writes.enqueue(() => writePending({ journal: 'now' }));
    },
    async finish(finishOptions) {
      if (!spec || !plan) throw state('finish() before start().');
      if (finished) throw state('finish() was already called.');
      finished = true;
      stopFlushTimer();
      stopJournalTimer();
      const header = buildLogHeader({ eval: spec, plan, finish: finishOptions, startedAt, path });
      const members: ZipMemberData[] = [{ name: 'summaries.json', data: jsonLinesAsArray(summariesPath) }];
      if (header.reductions != null) members.push({ name: 'reductions.json', data: stringifyLogJson({ value: header.reductions }) });
      members.push({ name: 'header.json', data: stringifyLogJson({ value: headerWithoutSamples(header) }) });
      await writes.enqueue(async () => {
        // `summaries.json` holds every summary: the last samples need no journal.
        await writePending({ journal: 'never' });
        await summaryFile!.close();
        summaryFile = undefined;
        await zip!.append(members);
        await handle!.close();
        handle = undefined;
        await removeSummaryFile();
      });
      return header;
    },
    async close() {
      finished = true;
      stopFlushTimer();
      stopJournalTimer();
      // Runs even after a failure, so the file handle is always released; samples still buffered are written first.
      await writes.finally(async (failure) => {
        try {
          if (handle && !failure) await writePending({ journal: 'now' });
        } finally {
          await handle?.close();
          handle = undefined;
          await removeSummaryFile();
        }
      });
    },
  };
}

/**
 * A file of JSON lines as the text of one JSON array, read a large chunk at a time. Every line is a JSON value written
 * by this writer (no blank lines; a newline inside a string is escaped), so each newline becomes a comma, and the last
 * one is dropped.
 */
async function* jsonLinesAsArray(path: string): AsyncGenerator<Uint8Array | string> {
  yield '[';
  let previous: Buffer | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (previous) yield previous;
    newlinesToCommas(chunk);
    previous = chunk;
  }
  if (previous) yield previous.subarray(0, previous.length - 1);
  yield ']';
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/** Turns every newline of `bytes` into a comma, in place (JSON lines into the items of an array). */
function newlinesToCommas(bytes: Uint8Array): void {
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) bytes[at] = COMMA;
}

/** The bytes of the file from `start` to `end`. */
function readRange(fd: number, start: number, end: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(end - start);
  let read = 0;
  while (read < bytes.length) {
    const count = readSync(fd, bytes, read, bytes.length - read, start + read);
    if (count === 0) throw new Error(`the summaries file ended at ${start + read} bytes, before ${end}`);
    read += count;
  }
  return bytes;
}

/** JSON lines (each ending with a newline; no newline inside one, as JSON text escapes them) as one JSON array. */
function jsonArrayOfLines(lines: Uint8Array): Uint8Array {
  const array = Buffer.allocUnsafe(lines.length + 1);
  array[0] = 0x5b; // [
  array.set(lines, 1);
  newlinesToCommas(array);
  array[array.length - 1] = 0x5d; // ]
  return array;
}
