import type { FieldSpec, RecordToSample } from './field-spec.js';
import type { DatasetLimit } from './limit-dataset.js';
import type { DatasetEncoding } from './read-dataset-file.js';

/** Options shared by the file datasets (`jsonDataset`, `csvDataset`). */
export interface FileDatasetOptions {
  /** Path of the file; relative paths resolve against the current directory and are printed as given. */
  path: string;
  /** How records map to samples: a FieldSpec of field names, or a function returning one or more samples. */
  sampleFields?: FieldSpec | RecordToSample;
  /** Number samples 1, 2, 3, … in file order, replacing ids from the file. @default false */
  autoId?: boolean;
  /** Shuffle the sample order after reading (seeded by `seed`). @default false */
  shuffle?: boolean;
  /** Seed for `shuffle` and for `shuffleChoices: true`. */
  seed?: number;
  /** Shuffle each sample's choices, remapping letter targets; a number is the seed. @default false */
  shuffleChoices?: boolean | number;
  /** Keep only the first `n` samples (after shuffling), or those in `[start, end)`. */
  limit?: DatasetLimit;
  /** Name of the dataset. @default the file name without its extension */
  name?: string;
  /**
   * How the file's bytes are decoded: UTF-8 by default, strictly (an invalid byte is an error naming the file and
   * line); `utf-8-lenient` reads invalid bytes as U+FFFD; any other Node encoding (`latin1`, `utf16le`) as named.
   * @default "utf8"
   */
  encoding?: DatasetEncoding;
}
