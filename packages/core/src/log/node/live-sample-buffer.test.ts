import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realisticResults, realisticSample, realisticStart } from '../../../test/log-fixtures.js';
import { liveSamplesManifestSchema, type LiveSamplesManifest } from '../live-samples.js';
import { parseLogJson } from '../parse-log-json.js';
import type { Event } from '../schema/events.js';
import { createEvalLogWriter } from './eval-log-writer.js';
import { createLiveSampleBuffer, liveSampleBufferPaths } from './live-sample-buffer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-live-buffer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Polls until `read` gives a value `accept` takes; the timeout is a hang guard only. */
async function until<TValue>(read: () => Promise<TValue>, accept: (value: TValue) => boolean): Promise<TValue> {
  const started = Date.now();
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() - started > 60_000) throw new Error('timed out waiting for the live buffer');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readManifest(path: string): Promise<LiveSamplesManifest> {
  return liveSamplesManifestSchema.parse(parseLogJson({ text: await readFile(path, 'utf8') }));
}

async function readEvents(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((line) => line !== '').map((line) => parseLogJson({ text: line }) as Record<string, unknown>);
}

const info = (data: string): Event => ({ event: 'info', data, timestamp: '2026-01-02T03:04:05+00:00', working_start: 0, uuid: data }) as Event;

describe('createLiveSampleBuffer', () => {
  it('buffers the events of a sample while it runs, appends new ones, keeps it a while once ended, and is removed on close', async () => {
    const logPath = join(dir, 'run.eval');
    const paths = liveSampleBufferPaths({ logPath });
    const buffer = createLiveSampleBuffer({ logPath, minAge: 0, interval: 0.01, linger: 0.05 });
    const events: Event[] = [info('first'), info('NaN score')];
    (events[1] as Record<string, unknown>).data = Number.NaN;
    buffer.started({ id: 'slow', epoch: 1, input: 'Question', target: 'Answer', started_at: '2026-01-02T03:04:05+00:00', events });
    // A sample that ends before its first write never reaches the disk.
    const fastEvents: Event[] = [info('fast')];
    buffer.started({ id: 'fast', epoch: 1, input: 'Quick', target: '', started_at: '2026-01-02T03:04:05+00:00', events: fastEvents });
    buffer.ended({ id: 'fast', epoch: 1 });

    const first = await until(() => readManifest(paths.manifest), (manifest) => manifest.samples.length === 1);
    expect(first).toMatchObject({ version: 1, pid: process.pid, samples: [{ id: 'slow', epoch: 1, input: 'Question', target: 'Answer', completed: false, event_count: 2 }] });
    expect(await readEvents(paths.sampleFile({ id: 'slow', epoch: 1 }))).toEqual([{ ...events[0] }, { ...events[1], data: Number.NaN }]);
    expect(existsSync(paths.sampleFile({ id: 'fast', epoch: 1 }))).toBe(false);

    events.push(info('second'));
    await until(() => readEvents(paths.sampleFile({ id: 'slow', epoch: 1 })), (lines) => lines.length === 3);
    const more = await until(() => readManifest(paths.manifest), (manifest) => manifest.samples[0]?.event_count === 3);
    expect(more.samples[0]?.event_count).toBe(3);

    events.push(info('last'));
    buffer.ended({ id: 'slow', epoch: 1 });
    // Its last events are written, it is marked completed, then (after `linger`) it leaves the buffer.
    await until(() => readManifest(paths.manifest), (manifest) => manifest.samples[0]?.completed === true && manifest.samples[0].event_count === 4);
    await until(() => readManifest(paths.manifest), (manifest) => manifest.samples.length === 0);
    expect(await readdir(paths.dir)).toEqual(['manifest.json']);

    await buffer.close();
    expect(existsSync(paths.dir)).toBe(false);
  });

  it('writes a retried sample afresh', async () => {
    const logPath = join(dir, 'retry.eval');
    const paths = liveSampleBufferPaths({ logPath });
    const buffer = createLiveSampleBuffer({ logPath, minAge: 0, interval: 0.01 });
    const started = { id: 7, epoch: 2, input: 'Question', target: 'Answer', started_at: '2026-01-02T03:04:05+00:00' };
    buffer.started({ ...started, events: [info('attempt 1'), info('failed')] });
    await until(() => readEvents(paths.sampleFile({ id: 7, epoch: 2 })), (lines) => lines.length === 2);
    buffer.started({ ...started, events: [info('attempt 2')] });
    const lines = await until(() => readEvents(paths.sampleFile({ id: 7, epoch: 2 })), (read) => read.length === 1);
    expect(lines[0]?.data).toBe('attempt 2');
    // The number 7 and the string "7" are different samples.
    expect(paths.sampleFile({ id: 7, epoch: 2 })).not.toBe(paths.sampleFile({ id: '7', epoch: 2 }));
    await buffer.close();
    expect(existsSync(paths.dir)).toBe(false);
  });

  it('is kept by the log writer while samples run and removed when the log is finished', async () => {
    const logPath = join(dir, 'writer.eval');
    const paths = liveSampleBufferPaths({ logPath });
    const writer = createEvalLogWriter({ path: logPath });
    await writer.start(realisticStart());
    const events: Event[] = [info('working')];
    writer.sampleStarted({ id: 1, epoch: 1, input: 'Question', target: 'Answer', started_at: '2026-01-02T03:04:05+00:00', events });
    // The writer's defaults: buffered after a second of running.
    await until(() => readManifest(paths.manifest), (manifest) => manifest.samples.length === 1);
    writer.sampleEnded({ id: 1, epoch: 1 });
    await writer.writeSample(realisticSample({ id: 1 }));
    await writer.finish({ status: 'success', results: realisticResults(1), stats: { started_at: '2026-01-02T03:04:00+00:00', completed_at: '2026-01-02T03:05:00+00:00', model_usage: {} } });
    expect(existsSync(paths.dir)).toBe(false);
    expect(await readdir(dir)).toEqual(['writer.eval']);
  });

  it('is not kept when liveSamples is false', async () => {
    const logPath = join(dir, 'off.eval');
    const writer = createEvalLogWriter({ path: logPath, liveSamples: false });
    await writer.start(realisticStart());
    writer.sampleStarted({ id: 1, epoch: 1, input: 'Question', target: 'Answer', started_at: '2026-01-02T03:04:05+00:00', events: [info('working')] });
    await writer.writeSample(realisticSample({ id: 1 }));
    // A flush comes after the buffer's first second would have: the directory holds the log alone.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await readdir(dir)).toEqual(['off.eval']);
    await writer.close();
  });
});
