/** An append-only byte store kept as fixed-size chunks, so that growing it never copies what it holds. */
export interface ChunkedBytes {
  readonly length: number;
  append(data: Uint8Array): void;
  /** The bytes appended so far, as views of the chunks (no copy); later appends never change them. */
  views(): Buffer[];
}

/**
 * Creates a {@link ChunkedBytes}. For a store that only grows, such as a zip central directory over 50,000 members:
 * a doubling buffer would leave each smaller copy behind until the next full GC, up to its own size again.
 */
export function createChunkedBytes(chunkBytes = 256 * 1024): ChunkedBytes {
  const full: Buffer[] = [];
  let current = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  let length = 0;
  return {
    get length() {
      return length;
    },
    append(data) {
      let offset = 0;
      while (offset < data.length) {
        if (used === current.length) {
          full.push(current);
          current = Buffer.allocUnsafe(Math.max(chunkBytes, data.length - offset));
          used = 0;
        }
        const count = Math.min(current.length - used, data.length - offset);
        current.set(data.subarray(offset, offset + count), used);
        used += count;
        offset += count;
      }
      length += data.length;
    },
    views() {
      return used === 0 ? [...full] : [...full, current.subarray(0, used)];
    },
  };
}
