import { inflateRawSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTextEncoderBuffer, deflateBatch, encodeTexts } from './deflate-batch.js';
import { createMemberDeflater, memberDeflater } from './member-deflater.js';
import type { DeflatedMember } from './deflate-batch.js';

const texts = [
  JSON.stringify({ id: 1, messages: [{ role: 'user', content: 'What is 2 + 2?' }] }),
  '',
  'é'.repeat(5000) + ' — non-ASCII text is compressed as UTF-8',
  JSON.stringify({ id: 'x'.repeat(100_000) }),
];

function expectMembers(members: DeflatedMember[]): void {
  expect(members).toHaveLength(texts.length);
  members.forEach((member, index) => {
    const bytes = Buffer.from(texts[index]!);
    expect(member.deflated).toHaveLength(1);
    expect(inflateRawSync(member.deflated[0]!).toString('utf8')).toBe(texts[index]);
    expect(member.crc).toBe(crc32(bytes));
    expect(member.uncompressedSize).toBe(bytes.length);
  });
}

describe('deflateBatch', () => {
  it('compresses each text into its own raw DEFLATE stream, laid end to end in one buffer', () => {
    const batch = deflateBatch({ texts: encodeTexts(texts), level: 6 });
    let offset = 0;
    for (const member of batch.members) {
      expect(member.offset).toBe(offset);
      offset += member.length;
    }
    expect(batch.bytes.length).toBe(offset);
    // Its own buffer, not a slice of a shared pool (it is moved between threads).
    expect(batch.bytes.byteOffset).toBe(0);
    expect(batch.bytes.buffer.byteLength).toBe(offset);
    for (const [index, member] of batch.members.entries()) {
      const inflated = inflateRawSync(batch.bytes.subarray(member.offset, member.offset + member.length));
      expect(inflated.toString('utf8')).toBe(texts[index]);
    }
  });
});

describe('the text encoder buffer', () => {
  it('lays the texts end to end as UTF-8, grows past its capacity, and starts again empty once taken', () => {
    const buffer = createTextEncoderBuffer({ capacity: 16 });
    for (const text of texts) buffer.add(text);
    expect(buffer.count).toBe(texts.length);
    const taken = buffer.take();
    expect(taken.lengths).toEqual(texts.map((text) => Buffer.byteLength(text)));
    expect(buffer.byteLength).toBe(0);
    expect(Buffer.from(taken.bytes).toString('utf8')).toBe(texts.join(''));
    // Its own buffer, which can be moved to the worker.
    expect(taken.bytes.byteOffset).toBe(0);
    buffer.add('after');
    expect(Buffer.from(buffer.take().bytes).toString('utf8')).toBe('after');
    expect(taken.bytes.length).toBe(Buffer.byteLength(texts.join('')));
  });
});

describe('the member deflater', () => {
  // The worker thread itself runs from the built package (packages/cli/test/deflate-worker-built.test.ts): run from
  // TypeScript, as here, there is no worker and members are compressed on this thread.
  it('from source, compresses on this thread: every member inflates to its text, with its CRC-32 and size', async () => {
    const deflater = memberDeflater();
    const results = await Promise.all([deflater.deflate({ texts: encodeTexts(texts), level: 6 }), deflater.deflate({ texts: encodeTexts(texts.slice(0, 2)), level: 1 })]);
    expectMembers(results[0]);
    expect(results[1].map((member) => inflateRawSync(member.deflated[0]!).toString('utf8'))).toEqual(texts.slice(0, 2));
  });

  it('compresses on this thread when the worker cannot start (the same bytes), and keeps doing so', async () => {
    const deflater = createMemberDeflater({ workerUrl: new URL('./no-such-deflate-worker.js', import.meta.url) });
    const [first, second] = await Promise.all([deflater.deflate({ texts: encodeTexts(texts), level: 6 }), deflater.deflate({ texts: encodeTexts(texts), level: 6 })]);
    expectMembers(first);
    expectMembers(second);
    expectMembers(await deflater.deflate({ texts: encodeTexts(texts), level: 6 }));
    const here = deflateBatch({ texts: encodeTexts(texts), level: 6 });
    expect(Buffer.concat(first.map((member) => member.deflated[0]!))).toEqual(Buffer.from(here.bytes));
  });
});
