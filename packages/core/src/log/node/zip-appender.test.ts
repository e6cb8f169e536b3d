import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realisticResults, realisticSample, realisticStart } from '../../../test/log-fixtures.js';
import { applyZipWrite } from './apply-zip-write.js';
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

/** What `applyZipWrite` does to a file, done to bytes in memory. */
async function writeTaken(appender: ReturnType<typeof createZipAppender>, file: Buffer): Promise<Buffer> {
  await appender.placed();
  const write = appender.takeWrite();
  const { from, length, to } = write.moveDirectory;
  // The directory in the file is the one the last write left at the end.
  expect(from + length).toBeLessThanOrEqual(file.length);
  const out = Buffer.alloc(write.end);
  file.copy(out, 0, 0, Math.min(file.length, write.position));
  file.copy(out, to, from, from + length);
  let offset = write.position;
  for (const buffer of write.buffers) {
    out.set(buffer, offset);
    offset += buffer.length;
  }
  expect(offset).toBe(to);
  offset += length;
  for (const buffer of write.tail) {
    out.set(buffer, offset);
    offset += buffer.length;
  }
  expect(offset).toBe(write.end);
  return out;
}

describe('createZipAppender', () => {
  it.each([
    ['on this thread', Infinity],
    ['on the worker thread', 0],
  ])('places members in the order they were added, compressed %s', async (_label, backgroundAfterBytes) => {
    const appender = createZipAppender({ backgroundAfterBytes });
    const expected = new Map<string, Buffer>();
    let file: Buffer = Buffer.alloc(0);
    try {
      for (let index = 0; index < 300; index++) {
        const name = `member-${index}.json`;
        if (index % 50 === 7) {
          // Incompressible: stored rather than deflated.
          const bytes = randomBytes(3000);
          appender.add(name, bytes);
          expected.set(name, bytes);
        } else if (index % 50 === 9) {
          const text = Buffer.from(`{"ready":${index}}`);
          appender.addDeflated(name, { method: 0, crc: zlib.crc32(text), uncompressedSize: text.length, data: text });
          expected.set(name, text);
        } else if (index % 50 === 11) {
          // Compressed elsewhere in pieces, small (copied with the other members) or large (written as they are).
          const text = Buffer.from(JSON.stringify({ index, words: Array.from({ length: index * 400 }, (_, word) => `w${(word * 7919) % 10007}`) }));
          const half = text.length >> 1;
          const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
          const pieces = [zlib.deflateRawSync(text.subarray(0, half), flush), zlib.deflateRawSync(text.subarray(half))];
          appender.addDeflated(name, { method: 8, crc: zlib.crc32(text), uncompressedSize: text.length, data: pieces });
          expected.set(name, text);
        } else {
          const text = JSON.stringify({ index, text: 'lorem ipsum dolor sit amet '.repeat(index % 40), unicode: 'é✓🙂' });
          appender.add(name, text);
          expected.set(name, Buffer.from(text));
        }
        // A running archive is complete at every write.
        if (index % 97 === 0) file = await writeTaken(appender, file);
      }
      file = await writeTaken(appender, file);
      const members = readZip(file);
      expect([...members.keys()]).toEqual([...expected.keys()]);
      for (const [name, bytes] of expected) expect(members.get(name)!.equals(bytes)).toBe(true);
    } finally {
      await appender.close();
    }
  });
});

describe('applyZipWrite', () => {
  it('keeps a running archive complete in a real file, moving a directory larger than its chunks', async () => {
    const path = join(dir, 'moving.zip');
    const handle = await open(path, 'w+');
    const appender = createZipAppender({ backgroundAfterBytes: Infinity });
    const expected = new Map<string, Buffer>();
    // Smaller than the directory gets, so that it moves in several chunks.
    const moveBuffer = Buffer.alloc(100_000);
    try {
      // 6,000 members with long names: a directory of over 500 KB, written again and again.
      for (let index = 0; index < 6_000; index++) {
        const name = `samples/${'long-name-'.repeat(4)}${index}_epoch_1.json`;
        const text = JSON.stringify({ index, words: 'alpha beta gamma '.repeat(index % 7) });
        appender.add(name, text);
        expected.set(name, Buffer.from(text));
        if (index % 1_500 === 1_499 || index === 10) {
          await appender.placed();
          await applyZipWrite({ handle, write: appender.takeWrite(), moveBuffer });
          const members = readZip(await readFile(path));
          expect(members.size).toBe(expected.size);
        }
      }
      // A write with no new members rewrites only the end of the directory.
      await applyZipWrite({ handle, write: appender.takeWrite(), moveBuffer });
      const members = readZip(await readFile(path));
      expect([...members.keys()]).toEqual([...expected.keys()]);
      for (const [name, bytes] of expected) expect(members.get(name)!.equals(bytes)).toBe(true);
    } finally {
      await handle.close();
      await appender.close();
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

describe('the .eval writer past its first megabytes', () => {
  it('writes every sample and summary once members are compressed on the worker thread', async () => {
    const path = join(dir, 'long.eval');
    const writer = createEvalLogWriter({ path, bufferBytes: 64 * 1024 });
    await writer.start(realisticStart());
    // About 5 KB each: well past the 4 MB compressed on this thread, written 50 at a time as the runner does.
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
