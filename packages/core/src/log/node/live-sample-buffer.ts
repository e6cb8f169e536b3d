import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LIVE_SAMPLES_VERSION, type LiveSample, type LiveSamplesManifest } from '../live-samples.js';
import type { Event } from '../schema/events.js';
import type { EvalSampleSummary } from '../schema/eval-sample-summary.js';
import { stringifyLogJson } from '../stringify-log-json.js';

/** A sample in flight as the runner shows it to the log writer. */
export interface RunningSample {
  id: string | number;
  epoch: number;
  input: EvalSampleSummary['input'];
  target: EvalSampleSummary['target'];
  started_at: string;
  /** The sample's events so far: the runner appends to this array while the sample runs, and never rewrites it. */
  events: readonly Event[];
}

/** Where a log's live buffer lives: a hidden directory beside the log, with a manifest and one file per sample. */
export interface LiveSampleBufferPaths {
  dir: string;
  manifest: string;
  /** The JSON-lines file of a sample's events (its name is a hash of the sample's id and epoch, never a given name). */
  sampleFile(sample: { id: string | number; epoch: number }): string;
}

/** The paths of the live buffer of the log at `logPath`. */
export function liveSampleBufferPaths(options: { logPath: string }): LiveSampleBufferPaths {
  const dir = join(dirname(options.logPath), `.${basename(options.logPath)}.live`);
  return {
    dir,
    manifest: join(dir, 'manifest.json'),
    sampleFile: ({ id, epoch }) =>
      join(dir, `${createHash('sha256').update(`${typeof id}:${String(id)}:${epoch}`).digest('hex').slice(0, 32)}.jsonl`),
  };
}

/** Receives the samples in flight and keeps the events of the slow ones in a buffer that `assay view` polls. */
export interface LiveSampleBuffer {
  /** A sample (or a retry of it) started; `sample.events` grows while it runs. */
  started(sample: RunningSample): void;
  /** The sample ended (finished, errored or cancelled); its events stay buffered until the log has had time to take it. */
  ended(sample: { id: string | number; epoch: number }): void;
  /** Stops and removes the buffer (the log is finished or closed). */
  close(): Promise<void>;
}

/** Options of {@link createLiveSampleBuffer}. */
export interface CreateLiveSampleBufferOptions {
  logPath: string;
  /** Seconds a sample runs before its events are buffered (most samples finish sooner and cost nothing). @default 1 */
  minAge?: number;
  /** Seconds between writes of new events. @default 0.5 */
  interval?: number;
  /** Seconds a finished sample stays in the buffer, until the log writer has flushed it to the log. @default 3 */
  linger?: number;
}

interface Entry {
  key: string;
  sample: RunningSample;
  /** The events array the written count refers to (a retry brings a new one). */
  events: readonly Event[];
  startedMs: number;
  endedMs: number | undefined;
  written: number;
  /** Whether the sample's file exists (and holds `written` events). */
  buffered: boolean;
}

const keyOf = (sample: { id: string | number; epoch: number }): string => `${typeof sample.id}:${String(sample.id)}:${sample.epoch}`;

/**
 * The live buffer of a running log, after Inspect's sample buffer: samples that have run for `minAge` seconds have
 * their events appended, every `interval`, to a JSON-lines file per sample in a hidden directory beside the log, and a
 * `manifest.json` lists them. It is data only (JSON), holds the same events the log gets, is written on a timer (the
 * runner only hands over references), never fails the run (a failed write is retried at the next tick) and is removed
 * when the log is finished or closed.
 */
export function createLiveSampleBuffer(options: CreateLiveSampleBufferOptions): LiveSampleBuffer {
  const paths = liveSampleBufferPaths({ logPath: options.logPath });
  const minAgeMs = (options.minAge ?? 1) * 1000;
  const intervalMs = (options.interval ?? 0.5) * 1000;
  const lingerMs = (options.linger ?? 3) * 1000;
  // The samples in flight, in an array rather than a Map keyed by sample: a Map that gains and loses an entry per
  // sample made V8 promote about 6 KB per sample into the old generation (measured with the runner alone: 7.7 against
  // 1.3 KB per sample with this array), most likely because the hash tables it outgrows or compacts keep the entries
  // they held, each sample's events with them, until the next full collection. There are as many entries as samples in
  // flight (and finished ones lingering a few seconds), so a linear search is cheap.
  const entries: Entry[] = [];
  const find = (key: string): Entry | undefined => entries.find((entry) => entry.key === key);
  const remove = (entry: Entry): void => {
    const index = entries.indexOf(entry);
    if (index === -1) return;
    entries[index] = entries[entries.length - 1]!;
    entries.pop();
  };
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let dirMade = false;
  let manifestDirty = false;
  let closed = false;

  function arm(): void {
    if (timer || closed) return;
    timer = setInterval(() => {
      ticking ??= tick().finally(() => {
        ticking = undefined;
      });
    }, intervalMs);
    // The buffer must never keep a process alive.
    timer.unref();
  }

  async function tick(): Promise<void> {
    const now = performance.now();
    for (const entry of [...entries]) {
      // Replaced (a retry) or removed while an earlier write of this tick was awaited.
      if (!entries.includes(entry)) continue;
      if (entry.endedMs !== undefined && entry.buffered && now - entry.endedMs >= lingerMs) {
        remove(entry);
        manifestDirty = true;
        await rm(paths.sampleFile(entry.sample), { force: true }).catch(() => undefined);
        continue;
      }
      if (!entry.buffered && now - entry.startedMs < minAgeMs) continue;
      if (entry.buffered && entry.written === entry.events.length) continue;
      try {
        await appendEvents(entry);
        manifestDirty = true;
      } catch {
        // Best effort: a failed write (a full disk) is tried again at the next tick; the log itself reports errors.
      }
    }
    if (manifestDirty && dirMade) {
      manifestDirty = false;
      await writeManifest().catch(() => {
        manifestDirty = true;
      });
    }
    // Nothing in flight: the timer stops until the next sample starts.
    if (entries.length === 0 && !manifestDirty && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  async function appendEvents(entry: Entry): Promise<void> {
    if (!dirMade) {
      await mkdir(paths.dir, { recursive: true });
      dirMade = true;
    }
    const events = entry.events;
    const end = events.length;
    const lines: string[] = [];
    for (let index = entry.written; index < end; index++) lines.push(stringifyLogJson({ value: events[index] }));
    const file = await open(paths.sampleFile(entry.sample), entry.buffered ? 'a' : 'w');
    try {
      if (lines.length > 0) await file.write(`${lines.join('\n')}\n`);
    } finally {
      await file.close();
    }
    entry.written = end;
    entry.buffered = true;
  }

  async function writeManifest(): Promise<void> {
    const samples: LiveSample[] = [];
    for (const entry of entries) {
      if (!entry.buffered) continue;
      const { id, epoch, input, target, started_at } = entry.sample;
      samples.push({
        id,
        epoch,
        input,
        target,
        started_at,
        metadata: {},
        model_usage: {},
        role_usage: {},
        completed: entry.endedMs !== undefined,
        event_count: entry.written,
      });
    }
    const manifest: LiveSamplesManifest = { version: LIVE_SAMPLES_VERSION, pid: process.pid, host: hostname(), updated: new Date().toISOString(), samples };
    // Written whole and renamed, so a reader never sees half a manifest.
    const temp = `${paths.manifest}.${process.pid}.tmp`;
    await writeFile(temp, stringifyLogJson({ value: manifest }));
    await rename(temp, paths.manifest);
  }

  return {
    started(sample) {
      if (closed) return;
      const key = keyOf(sample);
      const previous = find(key);
      if (previous && previous.events === sample.events) return;
      // A retry starts a new transcript: its file is written afresh (the failed attempt's events are in its error).
      // A retry of a sample already shown is shown again at once.
      const startedMs = performance.now() - (previous?.buffered ? minAgeMs : 0);
      if (previous) remove(previous);
      entries.push({ key, sample, events: sample.events, startedMs, endedMs: undefined, written: 0, buffered: false });
      arm();
    },
    ended(sample) {
      const key = keyOf(sample);
      const entry = find(key);
      if (!entry) return;
      // A sample never buffered is forgotten at once: the fast path costs an entry and nothing on disk.
      if (!entry.buffered) {
        remove(entry);
        return;
      }
      entry.endedMs = performance.now();
      // The manifest tells the viewer that the sample is complete.
      manifestDirty = true;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
      entries.length = 0;
      if (dirMade) await rm(paths.dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
