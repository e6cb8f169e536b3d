import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stringifyLogJson } from '../stringify-log-json.js';
import { deflateLogJson } from './deflate-log-json.js';

function inflated(value: unknown): string {
  const member = deflateLogJson(value);
  const text = zlib.inflateRawSync(Buffer.concat(member.data as Uint8Array[]));
  expect(member.uncompressedSize).toBe(text.length);
  expect(member.crc).toBe(zlib.crc32(text));
  return text.toString('utf8');
}

describe('deflateLogJson', () => {
  it('deflates exactly the text of stringifyLogJson, large arrays included', () => {
    const samples = Array.from({ length: 3000 }, (_, index) => ({
      value: index % 7 === 0 ? Number.NaN : index % 3,
      answer: `answer ${index} é`,
      skipped: undefined,
      history: [],
      sample_id: index,
    }));
    const values: unknown[] = [
      [{ scorer: 'match', reducer: 'mean', samples, notes: undefined }],
      { big: Array.from({ length: 5000 }, (_, index) => (index % 2 ? [index, Infinity] : undefined)), when: new Date(0) },
      { nested: { deeper: { list: Array.from({ length: 1200 }, (_, index) => ({ id: index, f: () => index })) } } },
      Array.from({ length: 1500 }, (_, index) => [Array.from({ length: 600 }, () => index)]),
      [],
      {},
      'text',
      Number.NaN,
    ];
    for (const value of values) expect(inflated(value)).toBe(stringifyLogJson({ value }));
  });
});
