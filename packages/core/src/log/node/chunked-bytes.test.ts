import { describe, expect, it } from 'vitest';
import { createChunkedBytes } from './chunked-bytes.js';

describe('createChunkedBytes', () => {
  it('keeps every byte in order across chunk boundaries, including appends larger than a chunk', () => {
    const store = createChunkedBytes(8);
    const expected: number[] = [];
    for (let size = 0; size < 30; size++) {
      const data = Uint8Array.from({ length: size }, (_, index) => (size * 31 + index) % 256);
      store.append(data);
      expected.push(...data);
    }
    expect(store.length).toBe(expected.length);
    expect([...Buffer.concat(store.views())]).toEqual(expected);
  });

  it('gives views that later appends leave unchanged', () => {
    const store = createChunkedBytes(4);
    store.append(Uint8Array.of(1, 2, 3));
    const before = store.views();
    store.append(Uint8Array.of(4, 5, 6, 7, 8));
    expect([...Buffer.concat(before)]).toEqual([1, 2, 3]);
    expect([...Buffer.concat(store.views())]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is empty when nothing was appended', () => {
    const store = createChunkedBytes();
    expect(store.length).toBe(0);
    expect(Buffer.concat(store.views()).length).toBe(0);
  });
});
