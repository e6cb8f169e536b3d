import * as zlib from 'node:zlib';
import { continueCrc32, deflateOptions, segmentOptions } from '../log/node/deflated-member.js';
import { parseLogJson } from '../log/parse-log-json.js';
import type { EvalSampleReductions, EvalSampleScore } from '../log/schema/eval-sample-reductions.js';
import type { StoredReductions } from '../log/stored-reductions.js';
import { crc32Combine } from '../log/zip/crc32-combine.js';
import type { DeflatedLines, DeflatedText } from './deflated-lines.js';

/** One scorer × reducer's reduced scores: each item's JSON text, kept with `,\n` between items. */
export interface DeflatedReductionList {
  scorer: string;
  reducer: string;
  items: DeflatedLines;
}

/** {@link StoredReductions} kept as deflated JSON, one list per scorer and reducer, in order. */
export function createDeflatedReductions(lists: readonly DeflatedReductionList[]): StoredReductions {
  // The JSON of the reductions array around each list's items (which are kept as the items of a JSON array).
  const around = (index: number): string =>
    `${index === 0 ? '[' : ']},'}{"scorer":${JSON.stringify(lists[index]!.scorer)},"reducer":${JSON.stringify(lists[index]!.reducer)},"samples":[`;
  const end = lists.length === 0 ? '[]' : ']}]';
  return {
    *json() {
      for (const [index, list] of lists.entries()) {
        yield around(index);
        for (const piece of list.items.deflated().data) yield zlib.inflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      }
      yield end;
    },
    deflated() {
      // The items are used as they are kept, never inflated: only the text around them is compressed here.
      const data: Uint8Array[] = [];
      let crc = 0;
      let size = 0;
      const add = (piece: DeflatedText): void => {
        data.push(...piece.data);
        crc = crc32Combine({ crc1: crc, crc2: piece.crc, length2: piece.size });
        size += piece.size;
      };
      const text = (value: string, final: boolean): DeflatedText => {
        const bytes = Buffer.from(value);
        return { data: [zlib.deflateRawSync(bytes, final ? deflateOptions : segmentOptions)], crc: continueCrc32(bytes), size: bytes.length };
      };
      for (const [index, list] of lists.entries()) {
        add(text(around(index), false));
        add(list.items.deflated());
      }
      add(text(end, true));
      return { method: 8, crc, uncompressedSize: size, data };
    },
    values() {
      return lists.map(
        (list): EvalSampleReductions => ({
          scorer: list.scorer,
          reducer: list.reducer,
          samples: Array.from(list.items.lines(), (text) => parseLogJson({ text }) as EvalSampleScore),
        }),
      );
    },
  };
}
