import * as zlib from 'node:zlib';
import type { EvalSampleSummary } from '../schema/eval-sample-summary.js';
import { stringifyLogJson } from '../stringify-log-json.js';
import { continueCrc32, deflateOptions, segmentOptions, type DeflatedMember } from './deflated-member.js';
import { createGrowableBytes } from './growable-bytes.js';

/**
 * The summaries of the samples written so far, for the summaries journals and the final `summaries.json`. Only the
 * summaries not yet journaled are kept as JSON text; journaled ones are kept deflated (a tenth of the size, outside
 * the JS heap), so tens of thousands of samples cost little memory.
 */
export interface SummaryStore {
  readonly count: number;
  add(summary: EvalSampleSummary): void;
  /** A JSON array of the summaries added since the last call, or `undefined` when there are none. */
  takeJournal(): Uint8Array | undefined;
  /** `summaries.json` (a JSON array of every summary), deflated; the store takes no more summaries afterwards. */
  close(): DeflatedMember;
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/** Creates an empty {@link SummaryStore}. */
export function createSummaryStore(): SummaryStore {
  // `summaries.json` so far is `[` and the summaries, comma-separated: the text of those not yet journaled is kept in
  // `recent` (with the `[` or `,` before them), the rest as deflated segments with the CRC and size of their text.
  const recent = createGrowableBytes(64 * 1024);
  const segments: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let count = 0;
  let closed = false;

  const archive = (text: Uint8Array, options: zlib.ZlibOptions): void => {
    segments.push(zlib.deflateRawSync(text, options));
    crc = continueCrc32(text, crc);
    size += text.length;
  };

  return {
    get count() {
      return count;
    },
    add(summary) {
      if (closed) throw new Error('The summary store is closed.');
      recent.append(count === 0 ? OPEN : ',');
      recent.append(stringifyLogJson({ value: summary }));
      count++;
    },
    takeJournal() {
      if (recent.length === 0) return undefined;
      const text = recent.view();
      // Without the `[` or `,` that joins these summaries to the ones before them in `summaries.json`.
      const journal = Buffer.concat([OPEN, text.subarray(1), CLOSE]);
      archive(text, segmentOptions);
      recent.clear();
      return journal;
    },
    close() {
      closed = true;
      if (recent.length > 0) archive(recent.view(), segmentOptions);
      recent.clear();
      archive(count === 0 ? Buffer.concat([OPEN, CLOSE]) : CLOSE, deflateOptions);
      // The segments as they are: joining them would copy every summary once more at the end of a run.
      return { method: 8, crc, uncompressedSize: size, data: segments };
    },
  };
}
