import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateRawCapped, OutputLimitError, zstdDecompressCapped } from './decompress-capped.js';

const MEBIBYTE = 1 << 20;

// Self-contained, byte-aligned 1 MiB blocks of zeros (about 1 KB each) repeated: `mebibytes` MiB once inflated.
function deflateBomb(mebibytes: number): Uint8Array {
  const block = zlib.deflateRawSync(Buffer.alloc(MEBIBYTE), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([0x03, 0x00])]);
}

function zstdFrame(blocks: Array<{ type: 0 | 1 | 2; size: number; body: number[] }>): Uint8Array {
  const bytes = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3];
  blocks.forEach((block, index) => {
    const header = (block.size << 3) | (block.type << 1) | (index === blocks.length - 1 ? 1 : 0);
    bytes.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, ...block.body);
  });
  return new Uint8Array(bytes);
}

describe.each(['node', 'fflate'] as const)('inflateRawCapped (%s)', (engine) => {
  it('inflates data within its limit', () => {
    const text = Buffer.from(JSON.stringify(Array.from({ length: 20_000 }, (_, index) => ({ id: index, text: `sample ${index}` }))));
    const data = zlib.deflateRawSync(text);
    expect(Buffer.from(inflateRawCapped({ data, limit: text.length, engine })).equals(text)).toBe(true);
    expect(inflateRawCapped({ data: zlib.deflateRawSync(Buffer.alloc(0)), limit: 0, engine })).toHaveLength(0);
  });

  it('stops at the limit: 8 GiB of zeros declared as 1,000 bytes is refused without inflating it', () => {
    const bomb = deflateBomb(8 * 1024);
    expect(() => inflateRawCapped({ data: bomb, limit: 1000, engine })).toThrow(OutputLimitError);
  }, 120_000);
});

describe('zstdDecompressCapped', () => {
  it('decompresses raw and RLE blocks within the limit', () => {
    const frame = zstdFrame([
      { type: 0, size: 6, body: [...Buffer.from('hello ')] },
      { type: 1, size: 10, body: [0x78] },
    ]);
    expect(Buffer.from(zstdDecompressCapped({ data: frame, limit: 16 })).toString()).toBe('hello xxxxxxxxxx');
  });

  it('refuses blocks that state more than the limit, before decoding them', () => {
    const rle = zstdFrame(Array.from({ length: 100_000 }, () => ({ type: 1 as const, size: 128 * 1024, body: [0] })));
    expect(() => zstdDecompressCapped({ data: rle, limit: 1000 })).toThrow(OutputLimitError);
  });

  it('refuses a flood of tiny compressed blocks (each may make 128 KB), before decoding them', () => {
    const flood = zstdFrame(Array.from({ length: 100_000 }, () => ({ type: 2 as const, size: 2, body: [0, 0] })));
    expect(() => zstdDecompressCapped({ data: flood, limit: 1000 })).toThrow(OutputLimitError);
  });
});
