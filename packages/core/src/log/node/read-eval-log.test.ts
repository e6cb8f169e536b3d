// Raw JSON read from disk is checked field by field against what Assay reads, so it is typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  hasShared,
  needsShared,
  inspectLogsDir,
  parseIndependently,
  realisticResults,
  realisticSample,
  realisticStart,
  unzipIndependently,
} from '../../../test/log-fixtures.js';
import { openEvalLogArchive } from '../eval-log-archive.js';
import type { EvalLog } from '../schema/eval-log.js';
import type { ModelEvent } from '../schema/events.js';
import type { RandomAccessSource } from '../zip/random-access-source.js';
import { listEvalLogs } from './list-eval-logs.js';
import { readEvalLog, readEvalLogSample, readEvalLogSamples, readEvalLogSampleSummaries } from './read-eval-log.js';
import { writeEvalLog } from './write-eval-log.js';
import { openFileSource } from './file-source.js';
import { stringifyLogJson } from '../stringify-log-json.js';

const FIXTURES = [
  '2025-05-12T20-27-36-04-00_browser.json',
  '2025-05-12T20-28-26-04-00_security-guide.json',
  'log_tool_call_error.json',
  'log_streaming.eval',
  'ais-decoder.eval',
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-log-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface RawLog {
  header: any;
  samples: any[];
}

/** Reads a fixture without Assay's reader: JSON5 for .json, a hand-rolled unzip for .eval. */
async function readRaw(path: string): Promise<RawLog> {
  if (path.endsWith('.json')) {
    const raw = parseIndependently(await readFile(path, 'utf8'));
    return { header: raw, samples: raw.samples ?? [] };
  }
  const members = unzipIndependently(await readFile(path));
  const samples = [...members.keys()].filter((name) => name.startsWith('samples/')).map((name) => parseIndependently(members.get(name)!));
  return { header: parseIndependently(members.get('header.json')!), samples };
}

function withoutLocation(log: EvalLog): Omit<EvalLog, 'location'> {
  const { location: _location, ...rest } = log;
  return rest;
}

describe.skipIf(!hasShared)(needsShared("Inspect's own logs"), () => {
  describe.each(FIXTURES)('%s', (name) => {
    const path = join(inspectLogsDir, name);

    it('reads without error; sample count, scores and metrics match the file', async () => {
      const raw = await readRaw(path);
      const log = await readEvalLog({ path });
      expect(log.version).toBe(2);
      expect(log.status).toBe(raw.header.status);
      expect(log.samples).toHaveLength(raw.samples.length);
      const byKey = new Map(raw.samples.map((sample) => [`${sample.id}:${sample.epoch}`, sample]));
      for (const sample of log.samples!) {
        const expected = byKey.get(`${sample.id}:${sample.epoch}`);
        expect(expected).toBeDefined();
        expect(sample.events).toHaveLength((expected.events ?? []).length);
        for (const [scorer, score] of Object.entries(expected.scores ?? {}) as [string, any][]) {
          expect(sample.scores![scorer]!.value).toEqual(score.value);
        }
      }
      const rawScores = raw.header.results?.scores ?? [];
      expect(log.results?.scores ?? []).toHaveLength(rawScores.length);
      rawScores.forEach((score: any, index: number) => {
        const read = log.results!.scores[index]!;
        expect(read.name).toBe(score.name);
        for (const [metric, value] of Object.entries(score.metrics) as [string, any][]) {
          expect(read.metrics[metric]!.value).toEqual(value.value);
          // legacy `options` is read as `params`
          expect(read.metrics[metric]!.params).toEqual(value.params ?? value.options ?? {});
        }
      });
    });

    it.each(['eval', 'json'] as const)('read → write (%s) → read keeps the log equal', async (format) => {
      const log = await readEvalLog({ path });
      const out = join(dir, `copy.${format}`);
      await writeEvalLog({ log, path: out });
      const again = await readEvalLog({ path: out });
      expect(withoutLocation(again)).toEqual(withoutLocation(log));
      const unresolved = await readEvalLog({ path, resolveAttachments: false });
      await writeEvalLog({ log: unresolved, path: out });
      // A .eval sample is written condensed (more may move to attachments), so it is compared resolved.
      const reread = await readEvalLog({ path: out, ...(format === 'json' ? { resolveAttachments: false } : {}) });
      expect(withoutLocation(reread)).toEqual(withoutLocation(format === 'json' ? unresolved : log));
    });

    it('reads header only, samples one at a time, summaries', async () => {
      const raw = await readRaw(path);
      const header = await readEvalLog({ path, headerOnly: true });
      expect(header.samples ?? undefined).toBeUndefined();
      expect(header.eval.task).toBe(raw.header.eval.task);
      const ids: string[] = [];
      for await (const sample of readEvalLogSamples({ path })) ids.push(`${sample.id}:${sample.epoch}`);
      expect(ids.sort()).toEqual(raw.samples.map((sample) => `${sample.id}:${sample.epoch}`).sort());
      expect(await readEvalLogSampleSummaries({ path })).toHaveLength(raw.samples.length);
    });
  });

  it('resolves attachment:// references, or keeps them on request', async () => {
    const path = join(inspectLogsDir, '2025-05-12T20-27-36-04-00_browser.json');
    const resolved = JSON.stringify((await readEvalLog({ path })).samples);
    expect(resolved).not.toContain('attachment://');
    const kept = await readEvalLog({ path, resolveAttachments: false });
    expect(JSON.stringify(kept.samples)).toContain('attachment://');
    expect(Object.keys(kept.samples![0]!.attachments).length).toBeGreaterThan(0);
  });

  it('expands message and call pools into model events', async () => {
    const path = join(inspectLogsDir, 'ais-decoder.eval');
    const raw = (await readRaw(path)).samples[0];
    const sample = await readEvalLogSample({ path, id: 1, epoch: 1 });
    expect(sample.events_data).toBeUndefined();
    const rawModels = raw.events.filter((event: any) => event.event === 'model');
    const models = sample.events.filter((event): event is ModelEvent => event.event === 'model');
    expect(models).toHaveLength(rawModels.length);
    models.forEach((event, index) => {
      const rawEvent = rawModels[index];
      const expectedInput = [...rawEvent.input, ...(rawEvent.input_refs ?? []).flatMap(([start, end]: [number, number]) => raw.events_data.messages.slice(start, end))];
      expect(event.input.map((message) => message.id)).toEqual(expectedInput.map((message: any) => message.id));
      expect(event).not.toHaveProperty('input_refs');
      if (rawEvent.call?.call_refs) {
        const expectedCalls = rawEvent.call.call_refs.flatMap(([start, end]: [number, number]) => raw.events_data.calls.slice(start, end));
        expect((event.call!.request[rawEvent.call.call_key] as unknown[]).length).toBe(expectedCalls.length);
        expect(event.call).not.toHaveProperty('call_refs');
      }
    });
    expect(JSON.stringify(sample)).not.toContain('attachment://');
  });

  it('lists logs with their headers', async () => {
    const infos = await listEvalLogs({ logDir: inspectLogsDir });
    expect(infos.map((info) => info.name).sort()).toEqual([...FIXTURES].sort());
    const streaming = infos.find((info) => info.name === 'log_streaming.eval')!;
    expect(streaming).toMatchObject({ task: 'popularity', status: 'success', sample_count: 4, primary_metric: { name: 'accuracy', value: 0.75 } });
  });
});

describe('readEvalLogSample', () => {
  it('reads one sample of a big-ish .eval without reading the others', async () => {
    const path = join(dir, 'big.eval');
    const samples = Array.from({ length: 200 }, (_, index) => ({ ...realisticSample({ id: index + 1 }), metadata: { padding: randomBytes(3000).toString('hex') } }));
    await writeEvalLog({ log: { ...realisticStart(), status: 'success', results: realisticResults(200), samples } as never, path });
    const file = await openFileSource({ path });
    let bytesRead = 0;
    const counting: RandomAccessSource = {
      size: file.size,
      read: async (offset, length) => {
        const bytes = await file.read(offset, length);
        bytesRead += bytes.length;
        return bytes;
      },
    };
    try {
      const archive = await openEvalLogArchive({ source: counting, path });
      const directoryBytes = bytesRead;
      const sample = await archive.readSample({ id: 150, epoch: 1 });
      expect(sample.id).toBe(150);
      const member = archive.zip.entry('samples/150_epoch_1.json')!;
      expect(bytesRead - directoryBytes).toBeLessThan(member.compressedSize + 200);
      expect(bytesRead).toBeLessThan(file.size / 10);
    } finally {
      await file.close();
    }
  });

  it('throws a typed error for a missing sample', async () => {
    const path = join(dir, 'log.eval');
    await writeEvalLog({ log: { ...realisticStart(), status: 'success', samples: [realisticSample({ id: 1 })] } as never, path });
    await expect(readEvalLogSample({ path, id: 9, epoch: 1 })).rejects.toMatchObject({ code: 'sample_not_found', path });
  });
});

describe('writeEvalLog', () => {
  it.each(['eval', 'json'] as const)('is atomic (%s): a failure mid-write leaves the previous file intact and no temp file', async (format) => {
    const path = join(dir, `log.${format}`);
    await writeEvalLog({ log: { ...realisticStart(), status: 'success', samples: [realisticSample({ id: 1 })] } as never, path });
    const before = await readFile(path);
    const poisoned = { ...realisticSample({ id: 2 }), metadata: { big: 10n } };
    await expect(
      writeEvalLog({ log: { ...realisticStart(), status: 'success', samples: [realisticSample({ id: 1 }), poisoned] } as never, path }),
    ).rejects.toThrow();
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual([`log.${format}`]);
  });

  it.each(['eval', 'json'] as const)('round-trips NaN scores (%s)', async (format) => {
    const path = join(dir, `log.${format}`);
    await writeEvalLog({ log: { ...realisticStart(), status: 'success', results: realisticResults(1), samples: [realisticSample({ id: 1 })] } as never, path });
    const log = await readEvalLog({ path });
    expect(log.samples![0]!.scores!.model_graded!.value).toBeNaN();
    expect(log.results!.scores[1]!.metrics.accuracy!.value).toBeNaN();
    const text = format === 'json' ? await readFile(path, 'utf8') : unzipIndependently(await readFile(path)).get('samples/1_epoch_1.json')!;
    expect(text).toContain('"value":NaN');
  });

  it.each(['eval', 'json'] as const)('never lets a log pollute Object.prototype (%s)', async (format) => {
    const path = join(dir, `evil.${format}`);
    const sample = realisticSample({ id: 1 });
    const sampleText = stringifyLogJson({ value: sample }).replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    const start = realisticStart();
    const headerText = `{"version":2,"status":"success","eval":${JSON.stringify(start.eval).replace('{', '{"__proto__":{"polluted":true},')},"plan":${JSON.stringify(start.plan)}`;
    if (format === 'json') {
      await writeFile(path, `${headerText},"samples":[${sampleText}],"results":{"scores":[],"__proto__":{"polluted":true}}}`);
    } else {
      const { zipSync, strToU8 } = await import('fflate');
      await writeFile(path, zipSync({ 'header.json': strToU8(`${headerText}}`), 'samples/1_epoch_1.json': strToU8(sampleText) }));
    }
    const log = await readEvalLog({ path });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(log.samples![0]!.metadata)).toBe(Object.prototype);
    expect((log.samples![0]!.metadata as Record<string, unknown>).polluted).toBeUndefined();
    await writeEvalLog({ log, path: join(dir, `copy.${format}`) });
    await readEvalLog({ path: join(dir, `copy.${format}`) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
