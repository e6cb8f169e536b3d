import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildLogHeader } from '../build-log-header.js';
import { isoTimestamp } from '../log-format.js';
import { LogError } from '../log-error.js';
import { validateLogValue } from '../parse-eval-sample.js';
import { evalPlanSchema, type EvalPlan } from '../schema/eval-plan.js';
import { evalSpecSchema, type EvalSpec } from '../schema/eval-spec.js';
import { EVAL_LOG_VERSION } from '../schema/eval-log.js';
import { stringifyLogJson } from '../stringify-log-json.js';
import type { CreateEvalLogWriterOptions, LogFileWriter } from './eval-log-writer.js';
import { createWriteQueue } from './write-queue.js';
import { sampleJournalPath } from './sample-journal.js';
import { tempPathFor } from './temp-path.js';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The `.json` writer. `start` writes `path` as a log of status `started` without samples; samples go to its journal,
 * a JSON-lines file beside it (see {@link sampleJournalPath}), as they are written or flushed, and the readers add the
 * journal's samples to a `started` log, so a crash loses no sample that reached it. `finish` streams the journal into
 * the final log (written to a temporary file, then renamed over `path`) and removes it: samples are never all in memory.
 */
export function createJsonLogWriter(options: CreateEvalLogWriterOptions): LogFileWriter {
  const { path } = options;
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const bufferSamples = options.bufferSamples ?? Infinity;
  const sidePath = sampleJournalPath({ path });
  let side: FileHandle | undefined;
  let spec: EvalSpec | undefined;
  let plan: EvalPlan | undefined;
  let startedAt = '';
  let finished = false;
  let pending: string[] = [];
  let pendingLength = 0;
  let sampleCount = 0;
  const writes = createWriteQueue();

  function state(message: string): LogError {
    return new LogError({ code: 'writer_state', message: `${path}: ${message}`, path });
  }

  // Takes what is waiting when the write gets its turn: samples finishing during a write share the next one.
  async function writePending(): Promise<void> {
    if (pending.length === 0 || !side) return;
    const text = pending.join('');
    pending = [];
    pendingLength = 0;
    await side.write(text);
  }

  return {
    path,
    format: 'json',
    async start(startOptions) {
      if (spec) throw state('start() was already called.');
      spec = validateLogValue({ schema: evalSpecSchema, value: startOptions.eval, what: 'eval spec', path });
      plan = validateLogValue({ schema: evalPlanSchema, value: startOptions.plan, what: 'eval plan', path });
      startedAt = isoTimestamp();
      const started = stringifyLogJson({ value: { version: EVAL_LOG_VERSION, status: 'started', eval: spec, plan, samples: [] } });
      await writes.enqueue(async () => {
        await mkdir(dirname(path), { recursive: true });
        side = await open(sidePath, 'w');
        const temp = tempPathFor({ path });
        try {
          await writeFile(temp, started);
          await rename(temp, path);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      });
    },
    async writeSample(sample) {
      if (!spec) throw state('writeSample() before start().');
      if (finished) throw state('writeSample() after finish().');
      if (writes.failure) throw writes.failure;
      const line = `${stringifyLogJson({ value: sample })}\n`;
      pending.push(line);
      pendingLength += line.length;
      sampleCount++;
      if (pendingLength >= bufferBytes || pending.length >= bufferSamples) await writes.enqueue(writePending);
    },
    async flush() {
      if (!spec || finished) return;
      await writes.enqueue(writePending);
    },
    async finish(finishOptions) {
      if (!spec || !plan) throw state('finish() before start().');
      if (finished) throw state('finish() was already called.');
      finished = true;
      const header = buildLogHeader({ eval: spec, plan, finish: finishOptions, startedAt, path });
      await writes.enqueue(async () => {
        await writePending();
        await side?.close();
        side = undefined;
        const temp = tempPathFor({ path });
        try {
          await writeJsonLog({
            header,
            sidePath,
            sampleCount,
            outPath: temp,
          });
          await rename(temp, path);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        } finally {
          await rm(sidePath, { force: true });
        }
      });
      return header;
    },
    async close() {
      finished = true;
      // Runs even after a failure, so the journal is always closed; it stays, with the `started` log, to be recovered.
      await writes.finally(async (failure) => {
        try {
          if (!failure) await writePending();
        } finally {
          await side?.close();
          side = undefined;
        }
      });
    },
  };
}

// Inspect's key order: version, status, eval, plan, results, stats, error, invalidated, samples, reductions, …
async function writeJsonLog(options: {
  header: Record<string, unknown>;
  sidePath: string;
  sampleCount: number;
  outPath: string;
}): Promise<void> {
  const { header } = options;
  const out = await open(options.outPath, 'w');
  try {
    const before: string[] = [];
    const after: string[] = [];
    let seenSamplesSlot = false;
    for (const key of Object.keys(header)) {
      if (key === 'samples' || key === 'location') continue;
      if (key === 'reductions' || key === 'tags') seenSamplesSlot = true;
      const value = header[key];
      if (value === undefined) continue;
      (seenSamplesSlot ? after : before).push(`${JSON.stringify(key)}:${stringifyLogJson({ value })}`);
    }
    await out.write(`{${before.join(',')},"samples":[`);
    if (options.sampleCount > 0) await copyLinesAsArrayItems(options.sidePath, out);
    await out.write(']');
    for (const member of after) await out.write(`,${member}`);
    await out.write('}');
  } finally {
    await out.close();
  }
}

// Each line of the side file is one sample's JSON (which has no raw newlines), so turning the newlines into commas
// and dropping the last one yields the items of a JSON array.
async function copyLinesAsArrayItems(sidePath: string, out: FileHandle): Promise<void> {
  let held: Uint8Array | undefined;
  for await (const chunk of createReadStream(sidePath, { highWaterMark: 1024 * 1024 })) {
    const bytes = new Uint8Array(chunk as Buffer);
    if (held) await out.write(held);
    for (let index = 0; index < bytes.length; index++) if (bytes[index] === NEWLINE) bytes[index] = COMMA;
    held = bytes;
  }
  if (held && held.length > 0) await out.write(held.subarray(0, held.length - 1));
}
