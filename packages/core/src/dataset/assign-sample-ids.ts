import type { ParsedSample } from '../log/schema/sample.js';
import type { DatasetSample } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import type { RecordSource } from './field-spec-to-sample.js';

/** A validated sample, before it has its final id. */
export type UnnumberedSample = ParsedSample & { originalChoicePositions?: readonly number[] };

/** Gives samples their ids one at a time, in dataset order, rejecting duplicates. */
export interface SampleIdAssigner {
  /** The sample with its id: its 1-based position when it has none (or always, with `autoId`), else its own. */
  assign(sample: UnnumberedSample, source: RecordSource): DatasetSample;
}

/** Options for {@link createSampleIdAssigner}. */
export interface CreateSampleIdAssignerOptions {
  /** Number every sample 1, 2, 3, … in order, replacing ids from the data. */
  autoId?: boolean | undefined;
}

// Where a sample came from, as one number: its line in a file, else its position. (A dataset's samples all come from
// the same kind of place.) Kept as a number, not an object, so that a large dataset's ids cost little while it loads.
function sourceNumber(source: RecordSource): number {
  return source.line ?? source.sample ?? 0;
}

function describeFirst(source: RecordSource, first: number): string {
  if (source.line !== undefined) return `line ${first}`;
  if (source.sample !== undefined) return `sample ${first}`;
  return 'an earlier sample';
}

/** Creates a {@link SampleIdAssigner}. */
export function createSampleIdAssigner(options: CreateSampleIdAssignerOptions = {}): SampleIdAssigner {
  // 3 and "3" are different ids, as in Inspect: one map for each.
  const numbers = new Map<number, number>();
  const strings = new Map<string, number>();
  let position = 0;
  return {
    assign(sample, source) {
      position++;
      const id = options.autoId || sample.id === undefined ? position : sample.id;
      const first = typeof id === 'number' ? numbers.get(id) : strings.get(id);
      if (first !== undefined) {
        throw new DatasetError({
          ...source,
          field: 'id',
          problem: `duplicate sample id ${JSON.stringify(id)} (first seen on ${describeFirst(source, first)}); give each sample a unique id, or pass autoId: true`,
        });
      }
      if (typeof id === 'number') numbers.set(id, sourceNumber(source));
      else strings.set(id, sourceNumber(source));
      // Object.assign, not `{ ...sample, id }`: on Node 20 a spread copy plus a new key gets a hidden class per
      // object, which costs megabytes of live memory on large datasets. `sample` holds only schema-parsed fields.
      return Object.assign({}, sample, { id });
    },
  };
}
