import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog } from '@assay/core';
import { parseLogJson, pendingSampleDataSchema, pendingSamplesSchema, type PendingSampleData } from '@assay/core/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSampleBufferPaths } from '@assay/core';
import { readPendingSamples } from '../../log-viewer/src/node/read-live-samples.js';
import { assay, repoRoot, startAssay, waitFor } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const slowTask = path.join(repoRoot, 'packages/cli/test/fixtures/slow-sample-task.ts');

/** Polls `read` until it gives a value `accept` takes; the timeout is a hang guard, not a speed check. */
async function until<TValue>(read: () => Promise<TValue>, accept: (value: TValue) => boolean, timeoutMs = 300_000): Promise<TValue> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('assay view shows a running sample while it runs', () => {
  let work: string;
  beforeAll(async () => {
    await ensureBuilt();
    work = mkdtempSync(path.join(os.tmpdir(), 'assay-live-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("serves the in-flight sample's events before it finishes, then the finished sample from the log, and removes the buffer", async () => {
    const logDir = path.join(work, 'logs');
    const releaseFile = path.join(work, 'release');
    const run = startAssay({ args: ['eval', slowTask, '-T', `release_file=${releaseFile}`, '--model', 'mockllm/model', '--log-dir', logDir, '--display', 'plain'] });
    const viewer = startAssay({ args: ['view', '--log-dir', work, '--port', '0'] });
    let viewerOut = '';
    viewer.child.stdout!.on('data', (chunk: Buffer) => void (viewerOut += chunk.toString()));
    try {
      await waitFor(() => existsSync(logDir) && readdirSync(logDir).some((name) => name.endsWith('.eval')), 300_000);
      const logFile = readdirSync(logDir).find((name) => name.endsWith('.eval'))!;
      const log = `logs/${logFile}`;
      await waitFor(() => /http:\/\/\S+/.test(viewerOut), 300_000);
      const base = /(http:\/\/\S+?)\/?(\s|$)/.exec(viewerOut)![1]!;
      const getJson = async (route: string): Promise<unknown> => {
        const response = await fetch(base + route);
        expect(response.status, route).toBe(200);
        return parseLogJson({ text: await response.text() });
      };
      const query = (extra: Record<string, string> = {}): string => new URLSearchParams({ log, ...extra }).toString();

      // The sample is in flight: listed by the server with its events so far, while the log has no sample yet.
      const pending = await until(async () => pendingSamplesSchema.parse(await getJson(`/api/pending-samples?${query()}`)), (value) => value.samples.length > 0);
      expect(pending.samples).toMatchObject([{ id: 'slow', epoch: 1, input: 'Wait for the release file', completed: false }]);
      const data = await until(
        async () => pendingSampleDataSchema.parse(await getJson(`/api/pending-sample-data?${query({ id: 'slow', epoch: '1' })}`)),
        (value) => value.events.some((item) => item.event.event === 'model'),
      );
      expect(data.completed).toBe(false);
      expect(data.events.map((item) => item.id)).toEqual(data.events.map((_, index) => index));
      expect(data.events[0]?.event.event).toBe('sample_init');
      const listing = (await getJson('/logs/listing.json')) as Record<string, { running?: boolean; sample_count?: number }>;
      expect(listing[log]).toMatchObject({ running: true, sample_count: 0 });
      expect(run.child.exitCode).toBeNull();
      const buffered = data.events.find((item) => item.event.event === 'model')!.event;

      // Only new events are sent after an event id.
      const after = pendingSampleDataSchema.parse(await getJson(`/api/pending-sample-data?${query({ id: 'slow', epoch: '1', 'last-event-id': String(data.events.length - 1) })}`));
      expect(after.events.every((item) => item.id >= data.events.length)).toBe(true);

      // Let it finish: it moves to the log's samples and the buffer goes.
      writeFileSync(releaseFile, '');
      const result = await run.done;
      expect(result.status, result.stderr).toBe(0);
      const finished = (await getJson('/logs/listing.json')) as Record<string, { running?: boolean; sample_count?: number; status?: string }>;
      expect(finished[log]).toMatchObject({ running: false, status: 'success', sample_count: 1 });
      expect(pendingSamplesSchema.parse(await getJson(`/api/pending-samples?${query()}`)).samples).toEqual([]);
      const gone: PendingSampleData = pendingSampleDataSchema.parse(await getJson(`/api/pending-sample-data?${query({ id: 'slow', epoch: '1' })}`));
      expect(gone).toMatchObject({ events: [], completed: true });
      expect(readdirSync(logDir)).toEqual([logFile]);

      // The buffer held the very events the log got (the same redacted values, not a copy of its own making).
      const written = await readEvalLog({ path: path.join(logDir, logFile) });
      const model = written.samples![0]!.events.find((event) => event.uuid === buffered.uuid);
      expect(model).toEqual(buffered);
    } finally {
      run.child.kill('SIGKILL');
      viewer.child.kill('SIGTERM');
      await viewer.done;
    }
  });

  it('a run killed with a sample in flight leaves a buffer that breaks neither the viewer, log recover nor eval-retry', async () => {
    const logDir = path.join(work, 'killed-logs');
    const releaseFile = path.join(work, 'release-killed');
    const run = startAssay({ args: ['eval', slowTask, '-T', `release_file=${releaseFile}`, '--model', 'mockllm/model', '--log-dir', logDir, '--display', 'plain'] });
    let logFile = '';
    try {
      await waitFor(() => existsSync(logDir) && readdirSync(logDir).some((name) => name.endsWith('.eval')), 300_000);
      logFile = readdirSync(logDir).find((name) => name.endsWith('.eval'))!;
      const paths = liveSampleBufferPaths({ logPath: path.join(logDir, logFile) });
      // Killed once the sample is in the buffer.
      await waitFor(() => existsSync(paths.manifest), 300_000);
    } finally {
      run.child.kill('SIGKILL');
    }
    expect((await run.done).signal).toBe('SIGKILL');
    const file = path.join(logDir, logFile);
    expect(existsSync(liveSampleBufferPaths({ logPath: file }).dir)).toBe(true);
    // The viewer shows no sample in flight for a run that is gone.
    expect(await readPendingSamples({ logDir, log: logFile })).toMatchObject({ samples: [] });

    const recovered = path.join(work, 'recovered.eval');
    const recover = assay({ args: ['log', 'recover', file, '--output', recovered] });
    expect(recover.status, recover.stderr).toBe(0);
    expect((await readEvalLog({ path: recovered })).status).toBe('started');

    writeFileSync(releaseFile, '');
    const retry = assay({ args: ['eval-retry', file, '--log-dir', logDir, '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    const logs = readdirSync(logDir).filter((name) => name.endsWith('.eval'));
    expect(logs).toHaveLength(2);
    const retried = await readEvalLog({ path: path.join(logDir, logs.find((name) => name !== logFile)!) });
    expect(retried).toMatchObject({ status: 'success' });
    expect(retried.samples?.map((sample) => sample.id)).toEqual(['slow']);
    // The retry's own buffer is gone; only the killed run's is left (hidden, and ignored by every reader).
    expect(readdirSync(logDir).filter((name) => name.startsWith('.'))).toEqual([`.${logFile}.live`]);
  });
});
