/**
 * Bytes appended to one growing buffer outside the JavaScript heap. The buffer is allocated with the first append
 * (`capacity` bytes, or more for a larger first append) and doubles when full; it is never from Buffer's shared pool,
 * so what {@link ByteBuffer.take} gives can be moved to another thread.
 */
export interface ByteBuffer {
  /** Appends a string as UTF-8, or bytes as they are; gives the number of bytes appended. */
  append(data: string | Uint8Array): number;
  readonly byteLength: number;
  /** The bytes appended so far, as a view that is valid until the next append or take. */
  view(): Buffer;
  /** The bytes appended so far, in a buffer of their own; the buffer starts again empty. */
  take(): Uint8Array;
}

/** Creates an empty {@link ByteBuffer}. */
export function createByteBuffer(options: { capacity: number }): ByteBuffer {
  let bytes: Buffer | undefined;
  let used = 0;
  return {
    append(data) {
      const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      if (!bytes || used + length > bytes.length) {
        const grown = Buffer.allocUnsafeSlow(Math.max(bytes ? 2 * bytes.length : options.capacity, used + length));
        bytes?.copy(grown, 0, 0, used);
        bytes = grown;
      }
      if (typeof data === 'string') bytes.write(data, used);
      else bytes.set(data, used);
      used += length;
      return length;
    },
    get byteLength() {
      return used;
    },
    view() {
      return bytes ? bytes.subarray(0, used) : Buffer.alloc(0);
    },
    take() {
      const taken = bytes ? bytes.subarray(0, used) : new Uint8Array(0);
      bytes = undefined;
      used = 0;
      return taken;
    },
  };
}
