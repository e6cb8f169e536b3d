import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvalLogWriter, openFileSource } from '@assay/core';
import { openEvalLogArchive } from '@assay/core/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realisticResults, realisticSample, realisticStart } from '../../../core/test/log-fixtures.js';
import { listLogDir } from './list-log-dir.js';

// Enough samples that the zip's central directory is longer than the 64 KB tail the listing reads.
const SAMPLES = 1500;
let logDir: string;

async function writeLog(options: { name: string; finish?: 'success' | 'cancelled' }): Promise<void> {
  const writer = createEvalLogWriter({ path: join(logDir, options.name) });
  await writer.start(realisticStart());
  for (let id = 1; id <= SAMPLES; id += 1) await writer.writeSample(realisticSample({ id }));
  if (options.finish === 'success') await writer.finish({ status: 'success', results: realisticResults(SAMPLES) });
  else if (options.finish === 'cancelled') await writer.finish({ status: 'cancelled' });
  else {
    await writer.flush();
    await writer.close();
  }
}

async function readsDirectoryWhole(name: string): Promise<boolean> {
  const source = await openFileSource({ path: join(logDir, name) });
  try {
    return (await openEvalLogArchive({ source, path: name, directory: 'tail' })).directoryComplete;
  } finally {
    await source.close();
  }
}

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'assay-list-log-dir-'));
  await writeLog({ name: 'finished.eval', finish: 'success' });
  await writeLog({ name: 'cancelled.eval', finish: 'cancelled' });
  await writeLog({ name: 'running.eval' });
  for (let index = 0; index < 20; index += 1) await copyFile(join(logDir, 'finished.eval'), join(logDir, `copy-${String(20 - index).padStart(2, '0')}.eval`));
});

afterAll(async () => {
  if (logDir) await rm(logDir, { recursive: true, force: true });
});

describe('listLogDir', () => {
  it('lists logs whose directory is longer than the tail it reads, counting their samples', async () => {
    for (const name of ['finished.eval', 'cancelled.eval', 'running.eval']) expect(await readsDirectoryWhole(name), name).toBe(false);
    const listing = await listLogDir({ logDir });
    expect(listing['finished.eval']).toMatchObject({ task: 'addition', status: 'success', running: false, sample_count: SAMPLES, primary_metric: { name: 'accuracy', value: 1 } });
    // Without results, the samples are counted from the whole directory.
    expect(listing['cancelled.eval']).toMatchObject({ status: 'cancelled', running: false, sample_count: SAMPLES });
    expect(listing['running.eval']).toMatchObject({ status: 'started', running: true, sample_count: SAMPLES });
    expect(Object.values(listing).every((entry) => entry.problem === undefined)).toBe(true);
  });

  it('keeps the listing in name order while reading logs concurrently', async () => {
    const names = Object.keys(await listLogDir({ logDir }));
    expect(names).toHaveLength(23);
    expect(names).toEqual([...names].sort());
  });
});
