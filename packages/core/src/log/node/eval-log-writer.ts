import type { FinishEvalLogOptions } from '../build-log-header.js';
import type { LogFormat } from '../log-format.js';
import { logFormatFromPath } from '../log-format.js';
import type { EvalLog } from '../schema/eval-log.js';
import type { EvalPlanInput } from '../schema/eval-plan.js';
import type { EvalSampleInput } from '../schema/eval-sample.js';
import type { EvalSpecInput } from '../schema/eval-spec.js';
import { createEvalZipLogWriter } from './eval-zip-log-writer.js';
import { createJsonLogWriter } from './json-log-writer.js';

/** Writes a log while an eval runs: the spec first, then each sample as it finishes, then the results. */
export interface EvalLogWriter {
  readonly path: string;
  readonly format: LogFormat;
  /** Records the eval's spec and plan; for `.eval` the file is a valid (running) log from here on. */
  start(options: { eval: EvalSpecInput; plan: EvalPlanInput }): Promise<void>;
  /** Records a finished sample. The sample is serialized and compressed at once and not kept in memory. */
  writeSample(sample: EvalSampleInput): Promise<void>;
  /** Writes buffered samples; for `.eval` also the summaries journal and a central directory, so the file is valid. */
  flush(): Promise<void>;
  /** Records the results and closes the file; returns the log header (without samples). */
  finish(options: FinishEvalLogOptions): Promise<EvalLog>;
  /** Closes the file without finishing it (a `.eval` stays readable as a running log). */
  close(): Promise<void>;
}

/** Options for {@link createEvalLogWriter}. */
export interface CreateEvalLogWriterOptions {
  path: string;
  /** @default from the extension of `path` */
  format?: LogFormat;
  /** Bytes of finished samples buffered before they are written (and, for `.eval`, flushed) to disk. @default 1048576 */
  bufferBytes?: number;
  /** `.eval` only: seconds a finished sample may stay buffered before it is flushed to the file. @default 2 */
  flushInterval?: number;
  /**
   * `.eval` only: write each sample condensed, as Inspect does: model inputs and raw request messages in per-sample
   * pools (`events_data`), strings over 100 characters in events and images in messages moved to `attachments`.
   * Readers give samples back resolved either way.
   * @default true
   */
  condense?: boolean;
  /**
   * Validate each sample against the log schema before writing it. The runner turns this off for the samples it
   * builds itself (its output is checked against the published schema by tests); keep it on for anything else.
   * @default true
   */
  validateSamples?: boolean;
}

/** Creates a streaming log writer for the runner (`.eval` zip or `.json`). */
export function createEvalLogWriter(options: CreateEvalLogWriterOptions): EvalLogWriter {
  const format = options.format ?? logFormatFromPath(options.path);
  return format === 'eval' ? createEvalZipLogWriter(options) : createJsonLogWriter(options);
}
