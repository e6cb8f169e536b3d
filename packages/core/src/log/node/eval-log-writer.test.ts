import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  hasShared,
  needsShared,
  parseIndependently,
  publishedLogValidator,
  realisticResults,
  realisticSample,
  realisticStart,
  unzipIndependently,
} from '../../../test/log-fixtures.js';
import { evalLogJsonSchema } from '../eval-log-json-schema.js';
import { parseLogJson } from '../parse-log-json.js';
import { createEvalLogWriter } from './eval-log-writer.js';
import { readEvalLog, readEvalLogSample, readEvalLogSampleSummaries, recoverEvalLog } from './read-eval-log.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-log-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeRealisticLog(path: string, count: number): Promise<void> {
  const writer = createEvalLogWriter({ path });
  await writer.start(realisticStart());
  for (let id = 1; id <= count; id++) await writer.writeSample(realisticSample({ id }));
  await writer.finish({
    status: 'success',
    results: realisticResults(count),
    stats: { started_at: '2026-01-02T03:04:00+00:00', completed_at: '2026-01-02T03:05:00+00:00', model_usage: { 'mockllm/model': { input_tokens: 40, output_tokens: 10, total_tokens: 50 } } },
    reductions: [{ scorer: 'match', samples: Array.from({ length: count }, (_, index) => ({ value: 1, sample_id: index + 1, history: [] })) }],
  });
}

describe.each(['eval', 'json'] as const)('createEvalLogWriter (%s)', (format) => {
  it('writes a log that reads back with every sample, score and metric', async () => {
    const path = join(dir, `log.${format}`);
    await writeRealisticLog(path, 3);
    const log = await readEvalLog({ path });
    expect(log.status).toBe('success');
    expect(log.samples).toHaveLength(3);
    expect(log.samples![0]!.scores!.model_graded!.value).toBeNaN();
    expect(log.samples![0]!.scores!.match!.value).toBe('C');
    expect(log.results!.scores[1]!.metrics.accuracy!.value).toBeNaN();
    expect(log.reductions![0]!.samples).toHaveLength(3);
    expect(log.samples!.map((sample) => sample.events.map((event) => event.event))[0]).toEqual([
      'sample_init', 'span_begin', 'model', 'tool', 'store', 'state', 'model', 'info', 'logger', 'span_end', 'score',
    ]);
    const one = await readEvalLogSample({ path, id: 2, epoch: 1 });
    expect(one.uuid).toBe('uuid-2-1');
    expect(await readEvalLogSampleSummaries({ path })).toHaveLength(3);
    // no side or temporary files are left behind
    expect(await readdir(dir)).toEqual([`log.${format}`]);
  });

  it('writes logs that validate against the JSON Schema generated from the zod schemas', async () => {
    const path = join(dir, `log.${format}`);
    await writeRealisticLog(path, 2);
    const log = await readEvalLog({ path });
    const { location: _location, ...onDisk } = log;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(evalLogJsonSchema());
    expect(validate(onDisk) ? [] : validate.errors).toEqual([]);
  });
});

describe.skipIf(!hasShared)(needsShared('logs written by Assay validate strictly against the published schema'), () => {
  it.each(['eval', 'json'] as const)('%s', async (format) => {
    const validate = publishedLogValidator();
    const path = join(dir, `log.${format}`);
    await writeRealisticLog(path, 2);
    // Validate what is on disk, parsed independently of Assay's reader.
    let raw: Record<string, unknown>;
    if (format === 'json') {
      raw = parseIndependently(await readFile(path, 'utf8'));
    } else {
      const members = unzipIndependently(await readFile(path));
      raw = parseIndependently(members.get('header.json')!);
      raw.samples = [...members.keys()].filter((name) => name.startsWith('samples/')).map((name) => parseIndependently(members.get(name)!));
      raw.reductions = parseIndependently(members.get('reductions.json')!);
      for (const summary of parseIndependently(members.get('summaries.json')!) as unknown[]) {
        expect(summary).toMatchObject({ completed: true });
      }
    }
    expect(validate(raw)).toEqual([]);
    expect((raw.samples as unknown[]).length).toBe(2);
  });
});

describe('the .eval writer', () => {
  it('writes members in order with real sizes in local headers (no data descriptors)', async () => {
    const path = join(dir, 'log.eval');
    await writeRealisticLog(path, 2);
    const bytes = await readFile(path);
    const names: string[] = [];
    let offset = 0;
    while (bytes.readUInt32LE(offset) === 0x04034b50) {
      const flags = bytes.readUInt16LE(offset + 6);
      const size = bytes.readUInt32LE(offset + 18);
      expect(flags & 0x08).toBe(0);
      expect(size).toBeGreaterThan(0);
      const nameLength = bytes.readUInt16LE(offset + 26);
      names.push(bytes.toString('utf8', offset + 30, offset + 30 + nameLength));
      offset += 30 + nameLength + bytes.readUInt16LE(offset + 28) + size;
    }
    expect(names).toEqual([
      '_journal/start.json',
      'samples/1_epoch_1.json',
      'samples/2_epoch_1.json',
      'summaries.json',
      'reductions.json',
      'header.json',
    ]);
    expect(parseLogJson({ text: unzipIndependently(bytes).get('samples/1_epoch_1.json')! })).toMatchObject({ id: 1, epoch: 1 });
  });

  it('is a valid running log after start and after every flush', async () => {
    const path = join(dir, 'running.eval');
    const writer = createEvalLogWriter({ path });
    await writer.start(realisticStart());
    let log = await readEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples).toEqual([]);
    for (let id = 1; id <= 3; id++) await writer.writeSample(realisticSample({ id }));
    await writer.flush();
    log = await readEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples!.map((sample) => sample.id)).toEqual([1, 2, 3]);
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual([1, 2, 3]);
    await writer.writeSample(realisticSample({ id: 4 }));
    await writer.flush();
    expect(unzipIndependently(await readFile(path)).has('_journal/summaries/2.json')).toBe(true);
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual([1, 2, 3, 4]);
    await writer.finish({ status: 'success', results: realisticResults(4) });
    log = await readEvalLog({ path });
    expect(log.status).toBe('success');
    expect(log.samples).toHaveLength(4);
  });

  it('.json: is a started log after start, with the samples of its journal after every flush; the journal is a crash away from recovery', async () => {
    const path = join(dir, 'running.json');
    const writer = createEvalLogWriter({ path });
    await writer.start(realisticStart());
    let log = await readEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples).toEqual([]);
    for (let id = 1; id <= 3; id++) await writer.writeSample(realisticSample({ id }));
    await writer.flush();
    // What a kill -9 leaves: the started log, its journal, and a last line cut short.
    const journal = join(dir, 'running.samples.jsonl');
    await appendFile(journal, '{"id":4,"epoch":1,"inp');
    log = await readEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples!.map((sample) => sample.id)).toEqual([1, 2, 3]);
    expect((await recoverEvalLog({ path })).samples).toHaveLength(3);
    expect((await readEvalLogSample({ path, id: 2 })).uuid).toBe('uuid-2-1');
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual([1, 2, 3]);
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['running.json', 'running.samples.jsonl']);
  });

  it('flushes by itself (journal and directory) when its buffer fills, without flush() calls', async () => {
    const path = join(dir, 'auto.eval');
    const writer = createEvalLogWriter({ path, bufferBytes: 4096, journalInterval: 0 });
    await writer.start(realisticStart());
    for (let id = 1; id <= 20; id++) await writer.writeSample(realisticSample({ id }));
    await writer.close();
    const members = [...unzipIndependently(await readFile(path)).keys()];
    expect(members.filter((name) => name.startsWith('_journal/summaries/')).length).toBeGreaterThan(3);
    const summaries = await readEvalLogSampleSummaries({ path });
    expect(summaries.length).toBeGreaterThan(10);
    expect(summaries.map((summary) => summary.id)).toEqual(Array.from({ length: summaries.length }, (_, index) => index + 1));
    const log = await readEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples).toHaveLength(20);
  });

  it('writes the central directory again no more than it writes samples, however small its buffer', async () => {
    // Each flush rewrites the whole directory; with a flush per sample, a long run would write it quadratically often.
    const path = join(dir, 'directory.eval');
    const count = 1500;
    const writer = createEvalLogWriter({ path, bufferBytes: 1, flushInterval: 3600 });
    await writer.start(realisticStart());
    for (let id = 1; id <= count; id++) await writer.writeSample(realisticSample({ id }));
    await writer.close();
    const bytes = await readFile(path);
    // Members are in the order they were appended; each flush ends with its journal and then writes the directory of
    // every member so far (at least 46 bytes a record).
    let members = 0;
    let directoryBytesWritten = 0;
    const names = [...unzipIndependently(bytes).keys()];
    for (const name of names) {
      members++;
      if (name.startsWith('_journal/summaries/')) directoryBytesWritten += 46 * members;
    }
    expect(names.filter((name) => name.startsWith('samples/'))).toHaveLength(count);
    expect(directoryBytesWritten).toBeLessThan(2 * bytes.length);
  });

  it('flushes a few small samples within flushInterval, before the buffer fills', async () => {
    const path = join(dir, 'interval.eval');
    const writer = createEvalLogWriter({ path, flushInterval: 0.05 });
    await writer.start(realisticStart());
    await writer.writeSample(realisticSample({ id: 1 }));
    await writer.writeSample(realisticSample({ id: 2 }));
    // No flush(), no full buffer, the writer still open: the samples must be on disk once the interval has passed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const onDisk = await readEvalLog({ path });
    expect(onDisk.status).toBe('started');
    expect(onDisk.samples?.map((sample) => sample.id)).toEqual([1, 2]);
    await writer.close();
  });

  it('with bufferSamples 1, has each sample on disk when its write resolves, and samples finishing together share a write', async () => {
    const path = join(dir, 'group.eval');
    const writer = createEvalLogWriter({ path, bufferSamples: 1, journalInterval: 0 });
    await writer.start(realisticStart());
    await writer.writeSample(realisticSample({ id: 1 }));
    // On disk already: the running log reads back with it.
    expect((await readEvalLog({ path })).samples!.map((sample) => sample.id)).toEqual([1]);
    // Twenty samples handed over in one go (as workers finishing together do) go to the disk in one write.
    await Promise.all(Array.from({ length: 20 }, (_, index) => writer.writeSample(realisticSample({ id: index + 2 }))));
    const names = [...unzipIndependently(await readFile(path)).keys()];
    expect(names.filter((name) => name.startsWith('samples/'))).toHaveLength(21);
    expect(names.filter((name) => name.startsWith('_journal/summaries/'))).toEqual(['_journal/summaries/1.json', '_journal/summaries/2.json']);
    await writer.finish({ status: 'success', results: realisticResults(21) });
  });

  it('with flushes more frequent than journalInterval, writes every sample but journals once; flush() journals the rest', async () => {
    const path = join(dir, 'journal-interval.eval');
    const writer = createEvalLogWriter({ path, bufferSamples: 1, journalInterval: 3600 });
    await writer.start(realisticStart());
    for (let id = 1; id <= 10; id++) await writer.writeSample(realisticSample({ id }));
    const names = async (prefix: string): Promise<string[]> =>
      [...unzipIndependently(await readFile(path)).keys()].filter((name) => name.startsWith(prefix));
    expect(await names('samples/')).toHaveLength(10);
    expect(await names('_journal/summaries/')).toEqual(['_journal/summaries/1.json']);
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual([1]);
    await writer.flush();
    expect(await names('_journal/summaries/')).toHaveLength(2);
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
    await writer.finish({ status: 'success', results: realisticResults(10) });
  });

  it('journals summaries left unjournaled once journalInterval has passed, with no more samples coming', async () => {
    const path = join(dir, 'journal-timer.eval');
    const writer = createEvalLogWriter({ path, bufferSamples: 1, journalInterval: 0.2 });
    await writer.start(realisticStart());
    for (let id = 1; id <= 10; id++) await writer.writeSample(realisticSample({ id }));
    await expect.poll(async () => (await readEvalLogSampleSummaries({ path })).map((summary) => summary.id), { timeout: 20_000, interval: 50 }).toEqual(
      Array.from({ length: 10 }, (_, index) => index + 1),
    );
    await writer.finish({ status: 'success', results: realisticResults(10) });
    expect((await readEvalLogSampleSummaries({ path })).map((summary) => summary.id)).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
  });

  it('recovers a log torn by a crash mid-write from its local headers', async () => {
    const path = join(dir, 'torn.eval');
    const writer = createEvalLogWriter({ path });
    await writer.start(realisticStart());
    for (let id = 1; id <= 3; id++) await writer.writeSample(realisticSample({ id }));
    await writer.flush();
    await writer.writeSample(realisticSample({ id: 4 }));
    await writer.close();
    // Simulate the crash: cut the file inside its central directory.
    const bytes = await readFile(path);
    const directory = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    await truncate(path, directory + 10);
    await expect(readEvalLog({ path })).rejects.toMatchObject({ name: 'LogError', path });
    const log = await recoverEvalLog({ path });
    expect(log.status).toBe('started');
    expect(log.samples!.map((sample) => sample.id)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a zip containing an unsafe member name', async () => {
    const path = join(dir, 'evil.eval');
    const { zipSync, strToU8 } = await import('fflate');
    await writeFile(path, zipSync({ '_journal/start.json': strToU8(JSON.stringify(realisticStart())), '../escape.json': strToU8('{}') }));
    await expect(readEvalLog({ path })).rejects.toMatchObject({ code: 'unsafe_member_name', path });
  });
});
