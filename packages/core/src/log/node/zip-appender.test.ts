import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realisticResults, realisticSample, realisticStart } from '../../../test/log-fixtures.js';
import { createEvalLogWriter } from './eval-log-writer.js';
import { readEvalLog, readEvalLogSampleSummaries } from './read-eval-log.js';
import { createZipAppender } from './zip-appender.js';

/** Every member of a zip by its central directory, checking local headers, sizes and CRCs on the way. */
function readZip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let position = bytes.readUInt32LE(end + 16);
  const members = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    const method = bytes.readUInt16LE(position + 10);
    const crc = bytes.readUInt32LE(position + 16);
    const size = bytes.readUInt32LE(position + 20);
    const nameLength = bytes.readUInt16LE(position + 28);
    const local = bytes.readUInt32LE(position + 42);
    const name = bytes.toString('utf8', position + 46, position + 46 + nameLength);
    expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
    expect(bytes.readUInt32LE(local + 14)).toBe(crc);
    expect(bytes.readUInt32LE(local + 18)).toBe(size);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    const raw = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    expect(raw.length).toBe(bytes.readUInt32LE(position + 24));
    expect(zlib.crc32(raw)).toBe(crc);
    members.set(name, raw);
    position += 46 + nameLength + bytes.readUInt16LE(position + 30) + bytes.readUInt16LE(position + 32);
  }
  return members;
}

describe('createZipAppender', () => {
  it('leaves a complete zip after every append, members in order with real sizes and CRCs', async () => {
    const path = join(dir, 'appended.zip');
    const handle = await open(path, 'w');
    const zip = createZipAppender({ handle });
    const expected = new Map<string, Buffer>();
    try {
      for (let batch = 0; batch < 6; batch++) {
        const members = Array.from({ length: 50 }, (_, index) => {
          const number = batch * 50 + index;
          // Incompressible, unicode and repetitive members.
          const data =
            number % 25 === 7
              ? randomBytes(3000)
              : Buffer.from(JSON.stringify({ number, text: 'lorem ipsum dolor sit amet '.repeat(number % 40), unicode: 'é✓🙂' }));
          return { name: `samples/${number}_epoch_1.json`, data };
        });
        await zip.append(members);
        for (const member of members) expected.set(member.name, member.data);
        const file = await readFile(path);
        expect(file.length).toBe(zip.size);
        const read = readZip(file);
        expect([...read.keys()]).toEqual([...expected.keys()]);
        for (const [name, bytes] of expected) expect(read.get(name)!.equals(bytes)).toBe(true);
      }
    } finally {
      await handle.close();
    }
  });
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assay-zip-appender-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('compresses a member given as pieces as one stream, however many pieces and output chunks it takes', async () => {
  const path = join(dir, 'pieces.zip');
  const handle = await open(path, 'w');
  const pieces = Array.from({ length: 5_000 }, (_, index) => `{"n":${index},"text":"${randomBytes(24).toString('hex')}"},`);
  async function* generate(): AsyncGenerator<string> {
    yield* pieces;
  }
  try {
    await createZipAppender({ handle }).append([{ name: 'big.json', data: generate() }]);
  } finally {
    await handle.close();
  }
  // Random text: the compressed member spans many of zlib's 16 KB output chunks.
  expect(readZip(await readFile(path)).get('big.json')!.toString()).toBe(pieces.join(''));
});

describe('the .eval writer past its first megabytes', () => {
  it('writes every sample and summary across many flushes', async () => {
    const path = join(dir, 'long.eval');
    const writer = createEvalLogWriter({ path, bufferBytes: 64 * 1024, journalInterval: 0 });
    await writer.start(realisticStart());
    // About 5 KB each, written 50 at a time as the runner does: dozens of 64 KB flushes.
    const count = 1500;
    for (let first = 1; first <= count; first += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, index) => writer.writeSample(realisticSample({ id: first + index }))));
    }
    await writer.finish({ status: 'success', results: realisticResults(count) });
    const members = readZip(await readFile(path));
    const names = [...members.keys()];
    expect(names[0]).toBe('_journal/start.json');
    expect(names.at(-1)).toBe('header.json');
    expect(names.filter((name) => name.startsWith('samples/'))).toHaveLength(count);
    expect(names.filter((name) => name.startsWith('_journal/summaries/')).length).toBeGreaterThan(3);
    const summaries = await readEvalLogSampleSummaries({ path });
    expect(summaries.map((summary) => summary.id)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    const log = await readEvalLog({ path });
    expect(log.samples).toHaveLength(count);
    expect(log.samples![count - 1]!.scores!.model_graded!.value).toBeNaN();
  });
});
