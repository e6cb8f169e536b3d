import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, inspectLogsDir, needsShared, realisticResults, realisticSample, realisticStart } from '../../test/log-fixtures.js';
import { openEvalLogArchive, type EvalLogArchive } from './eval-log-archive.js';
import { createEvalLogWriter } from './node/eval-log-writer.js';
import { bytesSource, type RandomAccessSource } from './zip/random-access-source.js';
import { ZIP_TAIL_BYTES } from './zip/read-central-directory.js';
import type { EvalSample } from './schema/eval-sample.js';

// .eval files whose central directory is far longer than the 64 KB tail, written by our own writer.
let dir: string;
let finished: Uint8Array;
let running: Uint8Array;
let signatureIds: Uint8Array;
const SAMPLES = 3000;
const reductions = [{ scorer: 'match', reducer: 'mean', samples: [{ value: 1, sample_id: 1 }] }];

async function writeLog(options: { path: string; samples: EvalSample[]; finish: boolean }): Promise<Uint8Array> {
  const writer = createEvalLogWriter({ path: options.path });
  await writer.start(realisticStart());
  for (const sample of options.samples) await writer.writeSample(sample);
  if (options.finish) await writer.finish({ status: 'success', results: realisticResults(options.samples.length), reductions });
  else {
    await writer.flush();
    await writer.close();
  }
  return new Uint8Array(await readFile(options.path));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-archive-tail-'));
  const samples = Array.from({ length: SAMPLES }, (_, index) => realisticSample({ id: index + 1 }));
  finished = await writeLog({ path: join(dir, 'finished.eval'), samples, finish: true });
  running = await writeLog({ path: join(dir, 'running.eval'), samples, finish: false });
  // Member names that hold the central directory's signature.
  const tricky = Array.from({ length: SAMPLES }, (_, index) => realisticSample({ id: `PK\u0001\u0002-${index + 1}` }));
  signatureIds = await writeLog({ path: join(dir, 'signature.eval'), samples: tricky, finish: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A source over `bytes` that counts what is read through it, and the reads as large as the directory. */
function countingSource(bytes: Uint8Array): RandomAccessSource & { bytesRead: number; directoryReads: number } {
  const inner = bytesSource({ bytes });
  const { size } = directoryOf(bytes);
  const source = {
    size: inner.size,
    bytesRead: 0,
    directoryReads: 0,
    async read(offset: number, length: number) {
      const out = await inner.read(offset, length);
      source.bytesRead += out.length;
      if (length === size) source.directoryReads++;
      return out;
    },
  };
  return source;
}

/** The central directory's size and offset, from the end record (no zip64 here). */
function directoryOf(bytes: Uint8Array): { offset: number; size: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { offset: view.getUint32(bytes.length - 22 + 16, true), size: view.getUint32(bytes.length - 22 + 12, true) };
}

const open = (bytes: Uint8Array, directory: 'full' | 'tail', source: RandomAccessSource = bytesSource({ bytes })): Promise<EvalLogArchive> =>
  openEvalLogArchive({ source, path: 'x.eval', directory });

describe("openEvalLogArchive({ directory: 'tail' })", () => {
  it('reads header, summaries and reductions from the tail, reading less than the directory', async () => {
    expect(directoryOf(finished).size).toBeGreaterThan(3 * ZIP_TAIL_BYTES);
    const full = await open(finished, 'full');
    const source = countingSource(finished);
    const tail = await open(finished, 'tail', source);
    expect(source.bytesRead).toBe(ZIP_TAIL_BYTES);
    expect(tail.directoryComplete).toBe(false);
    expect(await tail.readHeader()).toEqual(await full.readHeader());
    const summaries = await tail.readSummaries();
    expect(summaries).toHaveLength(SAMPLES);
    expect(summaries).toEqual(await full.readSummaries());
    expect(await tail.readReductions()).toEqual(await full.readReductions());
    expect((await tail.readReductions())?.[0]?.scorer).toBe('match');
    expect(tail.directoryComplete).toBe(false);
    // Beyond the tail: the three members (reductions twice), each with its local header.
    const member = (name: string): number => full.zip.entry(name)!.compressedSize + 30 + name.length;
    expect(source.bytesRead - ZIP_TAIL_BYTES).toBe(member('summaries.json') + member('header.json') + 2 * member('reductions.json'));
    expect(source.bytesRead).toBeLessThan(directoryOf(finished).size);
    expect(source.directoryReads).toBe(0);
  });

  it('reads the rest of the directory once, when a sample is needed, and then agrees with a full read', async () => {
    const full = await open(finished, 'full');
    const source = countingSource(finished);
    const tail = await open(finished, 'tail', source);
    expect(tail.sampleMembers.length).toBeLessThan(full.sampleMembers.length);
    expect(tail.sampleMembers).toEqual(full.sampleMembers.slice(-tail.sampleMembers.length));
    const [first, second] = await Promise.all([tail.readSample({ id: 1500, epoch: 1 }), tail.readSample({ id: 7, epoch: 1 })]);
    expect(first).toEqual(await full.readSample({ id: 1500, epoch: 1 }));
    expect(second.id).toBe(7);
    expect(source.directoryReads).toBe(1);
    expect(tail.directoryComplete).toBe(true);
    expect(tail.sampleMembers).toEqual(full.sampleMembers);
    expect(tail.zip.entries).toEqual(full.zip.entries);
    await tail.loadDirectory();
    expect(source.directoryReads).toBe(1);
    await expect(tail.readSample({ id: SAMPLES + 1, epoch: 1 })).rejects.toMatchObject({ code: 'sample_not_found' });
  });

  it('lists every sample through samples() as a full read does', async () => {
    const ids = async (archive: EvalLogArchive): Promise<(string | number)[]> => {
      const out: (string | number)[] = [];
      for await (const sample of archive.samples({ resolveAttachments: false })) out.push(sample.id);
      return out;
    };
    const fromTail = await ids(await open(finished, 'tail'));
    expect(fromTail).toHaveLength(SAMPLES);
    expect(fromTail).toEqual(await ids(await open(finished, 'full')));
    const tail = await open(finished, 'tail');
    expect(await tail.readLog({ headerOnly: true })).toEqual(await (await open(finished, 'full')).readLog({ headerOnly: true }));
  });

  it('reads a running log, whose start record is early in the file, by loading the directory', async () => {
    expect(directoryOf(running).size).toBeGreaterThan(3 * ZIP_TAIL_BYTES);
    const full = await open(running, 'full');
    const tail = await open(running, 'tail');
    expect(tail.directoryComplete).toBe(false);
    expect(tail.zip.entry('header.json')).toBeUndefined();
    const header = await tail.readHeader();
    expect(header.status).toBe('started');
    expect(header).toEqual(await full.readHeader());
    expect(tail.directoryComplete).toBe(true);
    const summaries = await (await open(running, 'tail')).readSummaries();
    expect(summaries).toHaveLength(SAMPLES);
    expect(summaries).toEqual(await full.readSummaries());
  });

  it('is not confused by sample ids holding the directory signature "PK\\x01\\x02"', async () => {
    const full = await open(signatureIds, 'full');
    const source = countingSource(signatureIds);
    const tail = await open(signatureIds, 'tail', source);
    expect(tail.directoryComplete).toBe(false);
    expect(tail.zip.entries).toEqual(full.zip.entries.slice(-tail.zip.entries.length));
    expect(tail.zip.entries.length).toBeGreaterThan(100);
    expect(await tail.readSummaries()).toEqual(await full.readSummaries());
    expect(source.directoryReads).toBe(0);
    expect((await tail.readSample({ id: 'PK\u0001\u0002-42', epoch: 1 })).id).toBe('PK\u0001\u0002-42');
    expect(tail.sampleMembers).toEqual(full.sampleMembers);
  });
});

describe.skipIf(!hasShared)(needsShared("Inspect's .eval logs read the same with the directory's tail"), () => {
  it('gives the same header, summaries, reductions and samples in both modes', async () => {
    const names = (await readdir(inspectLogsDir)).filter((name) => name.endsWith('.eval'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const bytes = new Uint8Array(await readFile(join(inspectLogsDir, name)));
      const full = await open(bytes, 'full');
      const tail = await open(bytes, 'tail');
      expect(await tail.readHeader()).toEqual(await full.readHeader());
      expect(await tail.readSummaries()).toEqual(await full.readSummaries());
      expect(await tail.readReductions()).toEqual(await full.readReductions());
      expect(tail.sampleMembers).toEqual(full.sampleMembers);
      expect(await tail.readLog()).toEqual(await full.readLog());
    }
  });
});
