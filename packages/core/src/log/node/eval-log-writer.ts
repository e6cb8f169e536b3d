import type { FinishEvalLogOptions } from '../build-log-header.js';
import type { LogFormat } from '../log-format.js';
import { logFormatFromPath } from '../log-format.js';
import { LogError } from '../log-error.js';
import type { EvalLog } from '../schema/eval-log.js';
import type { EvalPlanInput } from '../schema/eval-plan.js';
import type { EvalSample } from '../schema/eval-sample.js';
import type { EvalSpecInput } from '../schema/eval-spec.js';
import { createEvalZipLogWriter } from './eval-zip-log-writer.js';
import { createJsonLogWriter } from './json-log-writer.js';
import { createLiveSampleBuffer, type RunningSample } from './live-sample-buffer.js';

/** Writes a log while an eval runs: the spec first, then each sample as it finishes, then the results. */
export interface EvalLogWriter {
  readonly path: string;
  readonly format: LogFormat;
  /** Records the eval's spec and plan; for `.eval` the file is a valid (running) log from here on. */
  start(options: { eval: EvalSpecInput; plan: EvalPlanInput }): Promise<void>;
  /**
   * Records a finished sample (serialized at once, not kept). Resolves when the writer can take the next one: at once
   * while samples are being buffered, after the flush when this sample filled the buffer.
   */
  writeSample(sample: EvalSample): Promise<void>;
  /** Writes buffered samples; for `.eval` also the summaries journal and a central directory, so the file is valid. */
  flush(): Promise<void>;
  /** Records the results and closes the file; returns the log header (without samples). */
  finish(options: FinishEvalLogOptions): Promise<EvalLog>;
  /** Closes the file without finishing it (a `.eval` stays readable as a running log). */
  close(): Promise<void>;
  /**
   * A sample started (or was retried): while it runs, the writer may show its events (`sample.events`, which the
   * runner keeps appending to) to `assay view` in the log's live buffer.
   */
  sampleStarted(sample: RunningSample): void;
  /** The sample started last under this id and epoch ended (it is written next, or was cancelled). */
  sampleEnded(sample: { id: string | number; epoch: number }): void;
}

/** What the `.eval` and `.json` writers implement: the file; the live buffer is kept beside them. */
export type LogFileWriter = Omit<EvalLogWriter, 'sampleStarted' | 'sampleEnded'>;

/** Options for {@link createEvalLogWriter}. */
export interface CreateEvalLogWriterOptions {
  path: string;
  /** @default from the extension of `path` */
  format?: LogFormat;
  /** Bytes of finished samples buffered before they are written (and, for `.eval`, flushed) to disk. @default 1048576 */
  bufferBytes?: number;
  /** `.eval` only: seconds a finished sample may stay buffered before it is flushed to the file. @default 2 */
  flushInterval?: number;
  /** Finished samples buffered before they are written: a flush happens at this many samples or `bufferBytes`. */
  bufferSamples?: number;
  /**
   * `.eval` only: seconds between journals of sample summaries (what lists a running log's samples) when flushes come
   * more often; samples themselves are written at every flush.
   * @default 1
   */
  journalInterval?: number;
  /**
   * `.eval` only: write each sample condensed, as Inspect does: model inputs and raw request messages in per-sample
   * pools (`events_data`), strings over 100 characters in events and images in messages moved to `attachments`.
   * Readers give samples back resolved either way.
   * @default true
   */
  condense?: boolean;
  /**
   * Keep the events of samples running longer than a second in a live buffer beside the log (a hidden
   * `.<log name>.live` directory, removed when the log is finished or closed), for `assay view` to show while they run
   * (Inspect's `log_realtime`).
   * @default true
   */
  liveSamples?: boolean;
}

/**
 * Creates a streaming log writer for the runner (`.eval` zip or `.json`). A failed file operation (a full disk, an
 * I/O error) rejects with a {@link LogError} of code `write_failed` naming the log.
 */
export function createEvalLogWriter(options: CreateEvalLogWriterOptions): EvalLogWriter {
  const format = options.format ?? logFormatFromPath(options.path);
  const writer = format === 'eval' ? createEvalZipLogWriter(options) : createJsonLogWriter(options);
  const named = (error: unknown): never => {
    throw namedWriteError(writer.path, error);
  };
  // A finished sample lingers in the live buffer until the log has it: a flush happens within `flushInterval`.
  const live =
    options.liveSamples === false ? undefined : createLiveSampleBuffer({ logPath: writer.path, linger: (options.flushInterval ?? 2) + 1 });
  const closeLive = async (): Promise<void> => {
    await live?.close();
  };
  return {
    path: writer.path,
    format: writer.format,
    start: (startOptions) => writer.start(startOptions).catch(named),
    writeSample: (sample) => writer.writeSample(sample).catch(named),
    flush: () => writer.flush().catch(named),
    // The buffer goes once the log holds every sample (or the run failed).
    finish: (finishOptions) => writer.finish(finishOptions).catch(named).finally(closeLive),
    close: () => writer.close().catch(named).finally(closeLive),
    sampleStarted: (sample) => live?.started(sample),
    sampleEnded: (sample) => live?.ended(sample),
  };
}

// Node's own message ("ENOSPC: no space left on device, write") names neither the file nor what to do.
function namedWriteError(path: string, error: unknown): unknown {
  if (error instanceof LogError || !(error instanceof Error)) return error;
  return new LogError({
    code: 'write_failed',
    path,
    cause: error,
    message: `Writing the log ${path} failed (${error.message}). The samples written before the failure are kept in it: fix the cause (free disk space, for example), then \`assay eval-retry ${path}\` reuses them.`,
  });
}
