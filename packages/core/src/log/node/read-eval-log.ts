import { readFile } from 'node:fs/promises';
import { openEvalLogArchive, type EvalLogArchive } from '../eval-log-archive.js';
import { logFormatFromPath, type LogFormat } from '../log-format.js';
import { LogError } from '../log-error.js';
import { iterateEvalLogJsonSamples, parseEvalLogJson, sampleReadOptions } from '../parse-eval-log-json.js';
import type { EvalLog } from '../schema/eval-log.js';
import type { EvalSample } from '../schema/eval-sample.js';
import type { EvalSampleSummary } from '../schema/eval-sample-summary.js';
import { toSampleSummary } from '../to-sample-summary.js';
import { openFileSource } from './file-source.js';
import { readSampleJournal } from './sample-journal.js';

/** Options shared by the log readers. */
export interface ReadLogFileOptions {
  path: string;
  /** @default from the extension of `path` */
  format?: LogFormat;
  /** Replace `attachment://` references with their text. @default true */
  resolveAttachments?: boolean;
  /**
   * Return samples as stored, condensed: message pools (`events_data`, `input_refs`, `call_refs`) not expanded and
   * attachments not resolved. Assay writes `.eval` samples condensed, as Inspect does. @default false
   */
  condensed?: boolean;
  /** `.eval` only: find members by scanning local headers, for a file whose central directory is missing or torn. @default false */
  recover?: boolean;
  /** `.eval` only: largest decompressed member accepted. @default 1073741824 */
  maxMemberSize?: number;
}

/** Reads an eval log (`.eval` or `.json`), with its samples unless `headerOnly`. */
export async function readEvalLog(options: ReadLogFileOptions & { headerOnly?: boolean }): Promise<EvalLog> {
  if (format(options) === 'json') {
    const log = parseEvalLogJson({ text: await readText(options.path), ...jsonOptions(options), ...(options.headerOnly ? { headerOnly: true } : {}) });
    if (options.headerOnly || log.status !== 'started') return log;
    const samples = log.samples ?? [];
    for await (const sample of readSampleJournal(jsonOptions(options))) samples.push(sample);
    return { ...log, samples };
  }
  return withArchive(options, (archive) =>
    archive.readLog({ ...(options.headerOnly ? { headerOnly: true } : {}), ...sampleReadOptions(options) }),
  );
}

/**
 * Reads a log cut short by a crash: a `.eval` file whose central directory is missing or torn from its complete
 * members; a `.json` log of status `started` with the samples of its journal (as {@link readEvalLog} does).
 */
export function recoverEvalLog(options: Omit<ReadLogFileOptions, 'recover' | 'format'> & { headerOnly?: boolean }): Promise<EvalLog> {
  if (format(options) === 'json') return readEvalLog(options);
  return readEvalLog({ ...options, format: 'eval', recover: true });
}

/** Reads one sample × epoch; from a `.eval` file only that sample's member is read. */
export async function readEvalLogSample(options: ReadLogFileOptions & { id: string | number; epoch?: number }): Promise<EvalSample> {
  const epoch = options.epoch ?? 1;
  if (format(options) === 'json') {
    for await (const sample of jsonSamples(options)) {
      if (String(sample.id) === String(options.id) && sample.epoch === epoch) return sample;
    }
    throw new LogError({
      code: 'sample_not_found',
      message: `${options.path} has no sample with id ${JSON.stringify(options.id)} and epoch ${epoch}.`,
      path: options.path,
    });
  }
  return withArchive(options, (archive) =>
    archive.readSample({ id: options.id, epoch, ...sampleReadOptions(options) }),
  );
}

/** Yields the samples of a log one at a time (sorted by epoch, then id), without holding the others in memory. */
export async function* readEvalLogSamples(options: ReadLogFileOptions): AsyncGenerator<EvalSample> {
  if (format(options) === 'json') {
    yield* jsonSamples(options);
    return;
  }
  const source = await openFileSource({ path: options.path });
  try {
    const archive = await openEvalLogArchive({ source, ...archiveOptions(options) });
    yield* archive.samples(sampleReadOptions(options));
  } finally {
    await source.close();
  }
}

/** Reads the sample summaries of a log (`summaries.json`, or the journal of a running `.eval`). */
export async function readEvalLogSampleSummaries(options: Omit<ReadLogFileOptions, 'resolveAttachments' | 'condensed'>): Promise<EvalSampleSummary[]> {
  if (format(options) === 'json') {
    const summaries: EvalSampleSummary[] = [];
    for await (const sample of jsonSamples({ path: options.path })) summaries.push(toSampleSummary(sample));
    return summaries;
  }
  return withArchive(options, (archive) => archive.readSummaries());
}

/** Opens a `.eval` file, runs `fn` on it, and closes it. */
export async function withArchive<TResult>(
  options: ReadLogFileOptions,
  fn: (archive: EvalLogArchive) => Promise<TResult>,
): Promise<TResult> {
  const source = await openFileSource({ path: options.path });
  try {
    return await fn(await openEvalLogArchive({ source, ...archiveOptions(options) }));
  } finally {
    await source.close();
  }
}

function archiveOptions(options: ReadLogFileOptions): { path: string; recover?: boolean; maxMemberSize?: number } {
  return {
    path: options.path,
    ...(options.recover ? { recover: true } : {}),
    ...(options.maxMemberSize !== undefined ? { maxMemberSize: options.maxMemberSize } : {}),
  };
}

// The samples of a `.json` log, then, while it is `started` (running, or cut short by a crash), those of its journal.
async function* jsonSamples(options: ReadLogFileOptions): AsyncGenerator<EvalSample> {
  const text = await readText(options.path);
  yield* iterateEvalLogJsonSamples({ text, ...jsonOptions(options) });
  if (parseEvalLogJson({ text, path: options.path, headerOnly: true }).status !== 'started') return;
  yield* readSampleJournal(jsonOptions(options));
}

function jsonOptions(options: ReadLogFileOptions): { path: string; resolveAttachments?: boolean; condensed?: boolean } {
  return { path: options.path, ...sampleReadOptions(options) };
}

function format(options: { path: string; format?: LogFormat }): LogFormat {
  return options.format ?? logFormatFromPath(options.path);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new LogError({ code: 'invalid_log', message: `Cannot read ${path}: ${String(error)}`, path, cause: error });
  }
}
