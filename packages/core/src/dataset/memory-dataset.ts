import type { Sample } from '../log/schema/sample.js';
import { createSampleIdAssigner, type UnnumberedSample } from './assign-sample-ids.js';
import { createDataset, type Dataset } from './dataset.js';
import { withoutUnsafeKeys } from './unsafe-keys.js';
import { validateSample } from './validate-sample.js';

/** Options for {@link memoryDataset}. */
export interface MemoryDatasetOptions {
  samples: readonly Sample[];
  name?: string;
  location?: string;
  /** Number samples 1, 2, 3, … replacing their own ids; samples without an id are numbered by position anyway. */
  autoId?: boolean;
  /** Whether the samples were already shuffled. @default false */
  shuffled?: boolean;
}

function choicePositions(sample: Sample): readonly number[] | undefined {
  const positions: unknown = (sample as { originalChoicePositions?: unknown }).originalChoicePositions;
  return Array.isArray(positions) && positions.every(Number.isInteger) ? (positions as number[]) : undefined;
}

/**
 * Creates a dataset from samples held in memory, validating each one.
 * @example memoryDataset({ samples: [{ input: 'What is 2 + 2?', target: '4' }] })
 */
export function memoryDataset(options: MemoryDatasetOptions): Dataset {
  // One pass, each sample validated and numbered before the next: only the finished samples are held while a large
  // dataset loads, not intermediate copies of all of them.
  const ids = createSampleIdAssigner({ autoId: options.autoId });
  const samples = options.samples.map((candidate, index) => {
    const source = { sample: index + 1 };
    const sample: UnnumberedSample = validateSample({ candidate, source, nameField: (name) => ({ label: 'field', name }) });
    if (sample.metadata) sample.metadata = withoutUnsafeKeys(sample.metadata) as Record<string, unknown>;
    const positions = choicePositions(candidate);
    if (positions) sample.originalChoicePositions = positions;
    return Object.freeze(ids.assign(sample, source));
  });
  return createDataset({
    samples: Object.freeze(samples),
    name: options.name,
    location: options.location,
    shuffled: options.shuffled,
  });
}
