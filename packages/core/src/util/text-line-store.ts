/**
 * Lines of text kept as UTF-8 in one buffer outside the JavaScript heap, for what a run gathers for every sample and
 * reads later (the reduced scores, read at the end; the summaries, until they are written). As strings they were the
 * largest part of a long run's heap (a string built by `JSON.stringify` is several pieces, each with a header):
 * 100,000 samples held about 30 MB of reduced scores alone, and V8 lets the heap grow to a multiple of what stays
 * alive, and of what lives long enough to leave the young generation.
 */
export interface TextLineStore {
  /** Adds a line (`text` must hold no newline: JSON text from `JSON.stringify` never does). */
  add(text: string): void;
  /** Lines added (since the last {@link TextLineStore.take}). */
  readonly count: number;
  /** The lines, in the order they were added. */
  lines(): Generator<string>;
  /** The lines as UTF-8, each followed by a newline; the store starts again empty. */
  take(): Uint8Array;
}

const NEWLINE = 0x0a;

/** Creates an empty {@link TextLineStore}; its buffer is allocated with the first line and doubles when full. */
export function createTextLineStore(): TextLineStore {
  let bytes: Buffer | undefined;
  let used = 0;
  let count = 0;
  return {
    add(text) {
      const length = Buffer.byteLength(text) + 1;
      if (!bytes || used + length > bytes.length) {
        const grown = Buffer.allocUnsafeSlow(Math.max(bytes ? 2 * bytes.length : 4096, used + length));
        bytes?.copy(grown, 0, 0, used);
        bytes = grown;
      }
      used += bytes.write(text, used);
      bytes[used++] = NEWLINE;
      count++;
    },
    get count() {
      return count;
    },
    take() {
      const taken = bytes ? bytes.subarray(0, used) : new Uint8Array(0);
      bytes = undefined;
      used = 0;
      count = 0;
      return taken;
    },
    *lines() {
      let start = 0;
      while (bytes && start < used) {
        const end = bytes.indexOf(NEWLINE, start);
        yield bytes.toString('utf8', start, end);
        start = end + 1;
      }
    },
  };
}
