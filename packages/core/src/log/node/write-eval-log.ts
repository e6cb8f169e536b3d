import { rename, rm } from 'node:fs/promises';
import { logFormatFromPath, type LogFormat } from '../log-format.js';
import { validateLogValue } from '../parse-eval-sample.js';
import type { EvalLogInput } from '../schema/eval-log.js';
import { evalSampleSchema } from '../schema/eval-sample.js';
import { createEvalLogWriter } from './eval-log-writer.js';
import { sampleJournalPath } from './sample-journal.js';
import { tempPathFor } from './temp-path.js';

const HANDLED = new Set(['version', 'status', 'eval', 'plan', 'results', 'stats', 'error', 'invalidated', 'samples', 'reductions', 'tags', 'metadata', 'location']);

/**
 * Writes a complete log atomically: it is written to a temporary file beside `path` and renamed over it, so
 * `path` always holds either the previous log or the new complete one.
 */
export async function writeEvalLog(options: { log: EvalLogInput; path: string; format?: LogFormat }): Promise<void> {
  const { log, path } = options;
  const format = options.format ?? logFormatFromPath(path);
  // Both writers make the file they are given a running log at once (the .eval writer appends in place, the .json
  // writer writes a `started` log first): they get a temporary file, renamed over `path` once complete.
  const target = tempPathFor({ path });
  const writer = createEvalLogWriter({ path: target, format, bufferBytes: 4 * 1024 * 1024 });
  try {
    await writer.start({ eval: log.eval, plan: log.plan ?? {} });
    for (const sample of log.samples ?? []) {
      await writer.writeSample(validateLogValue({ schema: evalSampleSchema, value: sample, what: 'sample', path }));
    }
    const extra = Object.fromEntries(Object.entries(log).filter(([key]) => !HANDLED.has(key)));
    await writer.finish({
      status: log.status ?? 'started',
      ...(log.results != null ? { results: log.results } : {}),
      ...(log.stats ? { stats: log.stats } : {}),
      ...(log.error != null ? { error: log.error } : {}),
      ...(log.reductions != null ? { reductions: log.reductions } : {}),
      ...(log.invalidated !== undefined ? { invalidated: log.invalidated } : {}),
      ...(log.tags ? { tags: log.tags } : {}),
      ...(log.metadata ? { metadata: log.metadata } : {}),
      extra,
    });
    await rename(target, path);
  } catch (error) {
    await writer.close().catch(() => undefined);
    await rm(target, { force: true });
    await rm(sampleJournalPath({ path: target }), { force: true });
    throw error;
  }
}
