import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { evaluate, generate, getModel, includes, task } from '@assay/core';
import { bytesSource, openEvalLogArchive } from '@assay/core/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchStats } from '../src/client/data/http-range-source.js';
import { httpLogViewerApi } from '../src/client/data/log-viewer-api.js';
import { openLog } from '../src/client/data/open-log.js';
import { serveLogViewer, type LogViewerServer } from '../src/index.js';
import { makeAssayLogs, viewerDemoTask, writeTruncated } from './viewer-fixtures.js';

// The browser client's log reading, run in Node against the real server (fetch and Range requests over 127.0.0.1).
let root: string;
let server: LogViewerServer;
let names: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'assay-open-log-'));
  const clientDir = join(root, 'client');
  await mkdir(clientDir);
  await writeFile(join(clientDir, 'index.html'), '<!doctype html>');
  names = (await makeAssayLogs(join(root, 'logs'))).map((path) => basename(path));
  const [json] = await evaluate(viewerDemoTask, { model: getModel('mockllm/model', { args: { defaultOutput: '42' } }), logDir: join(root, 'logs'), logFormat: 'json' });
  names.push(basename(json!.location!));
  await writeTruncated({ from: join(root, 'logs', names[0]!), to: join(root, 'logs/truncated.eval') });
  await writeFile(join(root, 'logs/newer.json'), (await readFile(json!.location!, 'utf8')).replace(/"version":\s*2/, '"version": 7'));
  server = await serveLogViewer({ logDir: join(root, 'logs'), port: 0, clientDir });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const api = (): ReturnType<typeof httpLogViewerApi> => httpLogViewerApi({ baseUrl: server.url });

describe('openLog over HTTP', () => {
  it('lists logs through the API', async () => {
    const listing = await api().listLogs();
    expect(Object.keys(listing)).toEqual(expect.arrayContaining(names));
  });

  it('reads a .eval lazily: header and summaries, then one sample member', async () => {
    const before = fetchStats.bytes;
    const log = await openLog({ api: api(), name: names[0]! });
    expect(log.header?.eval.task).toBe('viewer_demo');
    expect(log.summaries.map((summary) => summary.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.problems).toEqual([]);
    const sample = await log.readSample({ id: 2, epoch: 1 });
    expect(sample.messages.at(-1)?.content).toBe('The answer is **42**.');
    expect(fetchStats.bytes - before).toBeLessThanOrEqual((await stat(join(root, 'logs', names[0]!))).size);
    expect(await log.refresh()).toBe(false);
  });

  it('lists a .eval of 3,000 samples from the tail of its directory, reading the rest only for a sample', async () => {
    const big = task({
      name: 'viewer_big',
      dataset: Array.from({ length: 3000 }, (_, index) => ({ id: index + 1, input: `Question ${index + 1}`, target: '42' })),
      solver: generate(),
      scorer: includes(),
    });
    const [log] = await evaluate(big, { model: getModel('mockllm/model', { args: { defaultOutput: '42' } }), logDir: join(root, 'logs') });
    const path = log!.location!;
    const bytes = new Uint8Array(await readFile(path));
    const directorySize = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 22 + 12, true);
    const full = await openEvalLogArchive({ source: bytesSource({ bytes }) });
    const member = (member: string): number => full.zip.entry(member)!.compressedSize + 30 + member.length;
    expect(directorySize).toBeGreaterThan(2 * 65_578);
    const before = fetchStats.bytes;
    const loaded = await openLog({ api: api(), name: basename(path) });
    expect(loaded.summaries).toHaveLength(3000);
    expect(loaded.header?.status).toBe('success');
    expect(loaded.problems).toEqual([]);
    // The first request's 64 KB tail holds the directory's end; header.json and summaries.json are one request each.
    expect(fetchStats.bytes - before).toBeLessThanOrEqual(65_578 + member('header.json') + member('summaries.json'));
    const afterList = fetchStats.bytes;
    expect((await loaded.readSample({ id: 1234, epoch: 1 })).id).toBe(1234);
    expect(fetchStats.bytes - afterList).toBeGreaterThan(directorySize - 65_578);
    let total = 0;
    await loaded.allSamples((_, __, count) => {
      total = count;
      return false;
    });
    expect(total).toBe(3000);
  });

  it('reads a .json log whole', async () => {
    const log = await openLog({ api: api(), name: names[2]! });
    expect(log.format).toBe('json');
    expect(log.summaries).toHaveLength(6);
    expect((await log.readSample({ id: 6, epoch: 1 })).scores?.includes?.value).toBe('C');
    await expect(log.readSample({ id: 99, epoch: 1 })).rejects.toThrow(/no sample 99/);
  });

  it('recovers the complete members of a truncated .eval and says so', async () => {
    const log = await openLog({ api: api(), name: 'truncated.eval' });
    expect(log.problems[0]).toMatch(/^truncated\.eval: no end-of-central-directory record/);
    expect(log.summaries.length).toBeGreaterThan(0);
    const first = log.summaries[0]!;
    expect((await log.readSample({ id: first.id, epoch: first.epoch })).id).toBe(first.id);
  });

  it('names a newer format version and a missing file', async () => {
    const newer = await openLog({ api: api(), name: 'newer.json' });
    expect(newer.problems[0]).toMatch(/newer\.json was written by a newer log format \(version 7/);
    await expect(openLog({ api: api(), name: 'missing.eval' })).rejects.toThrow(/404/);
  });
});
