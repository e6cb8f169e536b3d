import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildLogHeader } from '../build-log-header.js';
import { isoTimestamp } from '../log-format.js';
import { LogError } from '../log-error.js';
import { validateLogValue } from '../parse-eval-sample.js';
import { evalPlanSchema, type EvalPlan } from '../schema/eval-plan.js';
import { evalSpecSchema, type EvalSpec } from '../schema/eval-spec.js';
import { stringifyLogJson } from '../stringify-log-json.js';
import type { CreateEvalLogWriterOptions, EvalLogWriter } from './eval-log-writer.js';
import { createWriteQueue } from './write-queue.js';
import { tempPathFor } from './temp-path.js';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The `.json` writer. Samples go to a JSON-lines side file as they finish; `finish` streams that file into the
 * final log (written to a temporary file, then renamed over `path`), so samples are never all in memory.
 */
export function createJsonLogWriter(options: CreateEvalLogWriterOptions): EvalLogWriter {
  const { path } = options;
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const sidePath = tempPathFor({ path, suffix: '.samples.jsonl' });
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
      await writes.enqueue(async () => {
        await mkdir(dirname(path), { recursive: true });
        side = await open(sidePath, 'w');
      });
    },
    writeSample(input) {
      try {
        if (!spec) throw state('writeSample() before start().');
        if (finished) throw state('writeSample() after finish().');
        const line = `${stringifyLogJson({ value: input })}\n`;
        pending.push(line);
        pendingLength += line.length;
        sampleCount++;
      } catch (error) {
        return Promise.reject(error);
      }
      // Not an async function: waiting for a write must not keep the serialized sample's objects alive.
      return pendingLength >= bufferBytes ? writes.enqueue(writePending) : Promise.resolve();
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
      // Runs even after a failure, so the side file is always removed.
      await writes.finally(async () => {
        await side?.close();
        side = undefined;
        await rm(sidePath, { force: true });
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
