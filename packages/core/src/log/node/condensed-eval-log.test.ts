// Members are read as raw JSON, independently of Assay's reader, so they are typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIndependently, realisticSample, realisticStart, unzipIndependently } from '../../../test/log-fixtures.js';
import { evalSampleSchema } from '../schema/eval-sample.js';
import { createEvalLogWriter } from './eval-log-writer.js';
import { readEvalLog, readEvalLogSample, readEvalLogSamples } from './read-eval-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-condensed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeLog(options: { path: string; condense?: boolean }): Promise<void> {
  const writer = createEvalLogWriter({ path: options.path, ...(options.condense === undefined ? {} : { condense: options.condense }) });
  await writer.start(realisticStart());
  await writer.writeSample(realisticSample({ id: 1 }));
  await writer.finish({ status: 'success' });
}

async function sampleMember(path: string): Promise<any> {
  return parseIndependently(unzipIndependently(await readFile(path)).get('samples/1_epoch_1.json')!);
}

describe('.eval samples are written condensed', () => {
  it('by default: model inputs in events_data with input_refs, read back resolved unless asked for as stored', async () => {
    const path = join(dir, 'log.eval');
    await writeLog({ path });
    const member = await sampleMember(path);
    const models = member.events.filter((event: any) => event.event === 'model');
    expect(models.length).toBeGreaterThan(1);
    for (const model of models) {
      expect(model.input).toEqual([]);
      expect(model.input_refs.length).toBeGreaterThan(0);
    }
    expect(member.events_data.messages.length).toBeGreaterThan(0);

    const written = evalSampleSchema.parse(realisticSample({ id: 1 }));
    const log = await readEvalLog({ path });
    expect(log.samples![0]).toEqual(written);
    expect(await readEvalLogSample({ path, id: 1 })).toEqual(log.samples![0]);

    const condensed = await readEvalLog({ path, condensed: true });
    expect(condensed.samples![0]!.events_data).toEqual(member.events_data);
    expect((condensed.samples![0]!.events.find((event) => event.event === 'model') as any).input).toEqual([]);
    for await (const sample of readEvalLogSamples({ path, condensed: true })) expect(sample.events_data).toBeTruthy();
    expect((await readEvalLogSample({ path, id: 1, condensed: true })).events_data).toBeTruthy();
  });

  it('not with condense: false', async () => {
    const path = join(dir, 'log.eval');
    await writeLog({ path, condense: false });
    const member = await sampleMember(path);
    expect(member).not.toHaveProperty('events_data');
    expect(member.events.find((event: any) => event.event === 'model').input.length).toBeGreaterThan(0);
  });
});
