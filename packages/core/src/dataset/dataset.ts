import type { ParsedSample } from '../log/schema/sample.js';

/**
 * A sample of a loaded dataset: always has an `id`.
 * After {@link shuffleChoices}, `originalChoicePositions[i]` is the index in the file's `choices` of the choice now at `i`.
 */
export type DatasetSample = ParsedSample & {
  id: string | number;
  /** Where each choice was before choices were shuffled (`choices[i]` was originally at `originalChoicePositions[i]`). */
  originalChoicePositions?: readonly number[];
};

/** An immutable list of samples with the name and location it was read from; operations return new datasets. */
export interface Dataset {
  readonly name?: string;
  /** Absolute path (or URL) the dataset was read from. */
  readonly location?: string;
  /** Whether the sample order was shuffled after reading. */
  readonly shuffled: boolean;
  readonly samples: readonly DatasetSample[];
}

/** Options for {@link createDataset}. */
export interface CreateDatasetOptions {
  samples: readonly DatasetSample[];
  name?: string;
  location?: string;
  /** @default false */
  shuffled?: boolean;
}

/** Freezes already-validated samples into a dataset (internal: users call `memoryDataset`). */
export function createDataset(options: CreateDatasetOptions): Dataset {
  const dataset: Dataset = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.location !== undefined ? { location: options.location } : {}),
    shuffled: options.shuffled ?? false,
    samples: frozenSamples(options.samples),
  };
  return Object.freeze(dataset);
}

// Samples already frozen (as a dataset's own are) are kept as they are: a large dataset is not copied again.
function frozenSamples(samples: readonly DatasetSample[]): readonly DatasetSample[] {
  if (Object.isFrozen(samples) && samples.every((sample) => Object.isFrozen(sample))) return samples;
  return Object.freeze(samples.map((sample) => Object.freeze(sample)));
}

/** A copy of `dataset` with some of its properties replaced. */
export function withDataset(dataset: Dataset, changes: Partial<CreateDatasetOptions>): Dataset {
  return createDataset({
    samples: changes.samples ?? dataset.samples,
    name: 'name' in changes ? changes.name : dataset.name,
    location: dataset.location,
    shuffled: changes.shuffled ?? dataset.shuffled,
  });
}
