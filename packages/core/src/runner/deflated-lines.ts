import * as zlib from 'node:zlib';
import { continueCrc32, segmentOptions } from '../log/node/deflated-member.js';
import { createGrowableBytes } from '../log/node/growable-bytes.js';
import { crc32Combine } from '../log/zip/crc32-combine.js';

// Lines are deflated about this many bytes at a time.
const SEGMENT_BYTES = 64 * 1024;
// Segments end with a sync flush rather than a final block, so inflating one alone must not expect the stream's end.
const INFLATE_SEGMENT = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** The text of a list of lines as it is kept: raw DEFLATE pieces, and the CRC-32 and size of the text they hold. */
export interface DeflatedText {
  /** Joined one after another, these are a DEFLATE stream without its final block. */
  data: Uint8Array[];
  crc: number;
  size: number;
}

/**
 * An append-only list of text lines kept deflated outside the JS heap, read back in order: what the runner keeps of
 * each finished sample costs tens of bytes, not hundreds, however many samples an eval has.
 */
export interface DeflatedLines {
  readonly length: number;
  /** Appends a line: any text without a newline (JSON text, for example, never has a raw one). */
  push(line: string): void;
  /** The lines pushed so far, in order. */
  lines(): Generator<string>;
  /**
   * The lines pushed so far, joined by the separator, still deflated: a zip member can be made of it without
   * inflating it (with `,\n` as the separator, JSON lines are the items of a JSON array).
   */
  deflated(): DeflatedText;
}

/** Options for {@link createDeflatedLines}. */
export interface CreateDeflatedLinesOptions {
  /** What goes between lines: a newline, or text ending in the only newline it has (`,\n`). @default '\n' */
  separator?: string;
}

interface Segment {
  data: Buffer;
  /** Lines in the segment; every segment but the first starts with a separator. */
  count: number;
  crc: number;
  size: number;
}

/** Creates an empty {@link DeflatedLines}. */
export function createDeflatedLines(options: CreateDeflatedLinesOptions = {}): DeflatedLines {
  const separator = options.separator ?? '\n';
  if (!separator.endsWith('\n') || separator.indexOf('\n') !== separator.length - 1) {
    throw new Error(`A line separator must end with its only newline, not ${JSON.stringify(separator)}.`);
  }
  const separatorBytes = Buffer.from(separator);
  const segments: Segment[] = [];
  // The lines not yet deflated, as UTF-8 bytes: a JS string would be kept alive on the heap until deflated.
  const recent = createGrowableBytes(SEGMENT_BYTES + 4096);
  let recentCount = 0;
  let length = 0;

  // Each segment is deflated by a fresh compressor and ends with a sync flush: segments joined in order are one stream.
  const deflate = (bytes: Uint8Array, count: number): Segment => {
    const compressed = zlib.deflateRawSync(bytes, segmentOptions);
    return {
      // zlib's result is a view of an output chunk of at least 16 KB: kept for the whole run, it is copied to its size.
      data: compressed.buffer.byteLength > compressed.length ? Buffer.from(compressed) : compressed,
      count,
      crc: continueCrc32(bytes),
      size: bytes.length,
    };
  };

  return {
    get length() {
      return length;
    },
    push(line) {
      if (line.includes('\n')) throw new Error('A deflated line must not contain a newline.');
      if (length > 0) recent.append(separatorBytes);
      recent.append(line);
      recentCount++;
      length++;
      if (recent.length >= SEGMENT_BYTES) {
        segments.push(deflate(recent.view(), recentCount));
        recent.clear();
        recentCount = 0;
      }
    },
    *lines() {
      let first = true;
      const texts = [
        ...segments.map((segment) => () => [zlib.inflateRawSync(segment.data, INFLATE_SEGMENT).toString(), segment.count] as const),
        () => [recent.view().toString(), recentCount] as const,
      ];
      for (const next of texts) {
        const [text, count] = next();
        if (count === 0) continue;
        const lines = text.split(separator);
        // Every segment after the first starts with the separator that joins it to the one before.
        if (!first) lines.shift();
        first = false;
        if (lines.length !== count) throw new Error(`A deflated segment held ${lines.length} lines instead of ${count}.`);
        yield* lines;
      }
    },
    deflated() {
      const all = recentCount > 0 ? [...segments, deflate(recent.view(), recentCount)] : segments;
      let crc = 0;
      let size = 0;
      for (const segment of all) {
        crc = crc32Combine({ crc1: crc, crc2: segment.crc, length2: segment.size });
        size += segment.size;
      }
      return { data: all.map((segment) => segment.data), crc, size };
    },
  };
}
