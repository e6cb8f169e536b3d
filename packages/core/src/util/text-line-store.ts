import { createByteBuffer } from './byte-buffer.js';

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
const NEWLINE_BYTES = new Uint8Array([NEWLINE]);

/** Creates an empty {@link TextLineStore} (on a `ByteBuffer`, which doubles when full). */
export function createTextLineStore(): TextLineStore {
  const buffer = createByteBuffer({ capacity: 4096 });
  let count = 0;
  return {
    add(text) {
      buffer.append(text);
      buffer.append(NEWLINE_BYTES);
      count++;
    },
    get count() {
      return count;
    },
    take() {
      count = 0;
      return buffer.take();
    },
    *lines() {
      const bytes = buffer.view();
      let start = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(NEWLINE, start);
        yield bytes.toString('utf8', start, end);
        start = end + 1;
      }
    },
  };
}
