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
// the same kind of place.)
function sourceNumber(source: RecordSource): number {
  return source.line ?? source.sample ?? 0;
}

function describeFirst(source: RecordSource, first: number): string {
  if (source.line !== undefined) return `line ${first}`;
  if (source.sample !== undefined) return `sample ${first}`;
  return 'an earlier sample';
}

/** A growable array of small integers, one per sample position. */
function createPositionTable(): { get(position: number): number; set(position: number, value: number): void } {
  let values = new Int32Array(1024);
  return {
    get: (position) => values[position] ?? 0,
    set(position, value) {
      if (position >= values.length) {
        const grown = new Int32Array(Math.max(values.length * 2, position + 1));
        grown.set(values);
        values = grown;
      }
      values[position] = value;
    },
  };
}

/** Creates a {@link SampleIdAssigner}. */
export function createSampleIdAssigner(options: CreateSampleIdAssignerOptions = {}): SampleIdAssigner {
  // Ids from the data, by value (3 and "3" are different ids, as in Inspect), with the position of their sample. Ids
  // given by position are only marked in `numbered` (an id given by position p can only clash with a data id p): a
  // large dataset without ids of its own costs a few bytes a sample to check, not a map entry each.
  const numbers = new Map<number, number>();
  const strings = new Map<string, number>();
  const numbered = createPositionTable();
  const sources = createPositionTable();
  let position = 0;

  const fail = (id: string | number, source: RecordSource, firstPosition: number): never => {
    throw new DatasetError({
      ...source,
      field: 'id',
      problem: `duplicate sample id ${JSON.stringify(id)} (first seen on ${describeFirst(source, sources.get(firstPosition))}); give each sample a unique id, or pass autoId: true`,
    });
  };

  return {
    assign(sample, source) {
      position++;
      sources.set(position, sourceNumber(source));
      const own = !options.autoId && sample.id !== undefined;
      const id = own ? sample.id! : position;
      if (!own) {
        // With autoId every id is a position, and positions never repeat.
        if (!options.autoId) {
          const clash = numbers.get(position);
          if (clash !== undefined) fail(id, source, clash);
          numbered.set(position, 1);
        }
      } else if (typeof id === 'number') {
        const clash = numbers.get(id) ?? (Number.isInteger(id) && id >= 1 && id < position && numbered.get(id) === 1 ? id : undefined);
        if (clash !== undefined) fail(id, source, clash);
        numbers.set(id, position);
      } else {
        const clash = strings.get(id);
        if (clash !== undefined) fail(id, source, clash);
        strings.set(id, position);
      }
      // Object.assign, not `{ ...sample, id }`: on Node 20 (V8 11.3) an optimized spread followed by a key gives every
      // object a hidden class of its own, and a dataset's samples live for the whole run (100,000 samples held 18 MB
      // of hidden classes; architecture/log-sink.md, "A hidden class per dataset sample").
      return Object.assign({}, sample, { id });
    },
  };
}
