import { expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { crc32Combine } from './crc32-combine.js';

it('gives the CRC-32 of two byte runs joined, for empty, short and long second runs', () => {
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 131 + (index >> 7)) & 0xff));
  for (const [split, end] of [
    [0, 10],
    [10, 10],
    [3, 4],
    [1000, 1001],
    [12_345, 70_000],
    [0, 70_000],
    [69_999, 70_000],
  ] as const) {
    const first = bytes.subarray(0, split);
    const second = bytes.subarray(split, end);
    const combined = crc32Combine({ crc1: crc32({ bytes: first }), crc2: crc32({ bytes: second }), length2: second.length });
    expect(combined).toBe(crc32({ bytes: bytes.subarray(0, end) }));
  }
});
