import { limitDataset, selectSamples, type DatasetSample } from '../dataset/index.js';
import type { Task } from '../task/task.js';
import { EmptySelectionError } from './empty-selection-error.js';
import type { EvalOptions } from './eval-options.js';

// As in Inspect, an id written with digits only ("3", from the command line) matches the number 3.
function normaliseId(id: string | number): string {
  return typeof id === 'number' || /^\d+$/.test(id) ? String(Number(id)) : id;
}

function listIds(samples: readonly DatasetSample[]): string {
  const ids = samples.slice(0, 8).map((sample) => JSON.stringify(sample.id));
  return `${ids.join(', ')}${samples.length > 8 ? ', …' : ''}`;
}

function describeLimit(limit: number | readonly [number, number]): string {
  return typeof limit === 'number' ? `limit ${limit}` : `limit ${limit[0] + 1}-${limit[1]}`;
}

/**
 * Checks, before any log starts, that a task's sample selection is not empty, as Inspect does: sample ids of which
 * none is in the dataset fail naming them (ids only some of which are found are warned about), and so does a limit
 * selecting nothing. A limit past the end of the dataset runs every sample, as Inspect's slice does.
 */
export function checkSelection(options: { task: Task; eval: EvalOptions; warn: (message: string) => void }): void {
  const { task } = options;
  const samples = task.dataset.samples;
  if (samples.length === 0) {
    throw new EmptySelectionError({ task: task.name, message: `Task "${task.name}" has no samples: its dataset is empty.` });
  }
  const sampleIds = options.eval.sampleIds;
  if (sampleIds !== undefined) {
    const present = new Set(samples.map((sample) => normaliseId(sample.id)));
    const missing = sampleIds.filter((id) => !present.has(normaliseId(id)));
    if (missing.length > 0 && missing.length === sampleIds.length) {
      throw new EmptySelectionError({
        task: task.name,
        message: `No sample of task "${task.name}" has the id${missing.length > 1 ? 's' : ''} ${missing.map((id) => JSON.stringify(id)).join(', ')} (its ids: ${listIds(samples)}).`,
      });
    }
    if (missing.length > 0) {
      options.warn(`Task "${task.name}" has no sample with the id${missing.length > 1 ? 's' : ''} ${missing.map((id) => JSON.stringify(id)).join(', ')}; running the others.`);
    }
  }
  const selected = sampleIds === undefined ? task.dataset : selectSamples(task.dataset, sampleIds);
  if (selected.samples.length === 0) {
    throw new EmptySelectionError({ task: task.name, message: `No sample ids were given for task "${task.name}".` });
  }
  const limit = options.eval.limit;
  // limitDataset also rejects a malformed limit, now rather than after the log has started.
  if (limit === undefined || limitDataset(selected, limit).samples.length > 0) return;
  const count = selected.samples.length;
  const what = sampleIds === undefined ? '' : ' with the given sample ids';
  throw new EmptySelectionError({
    task: task.name,
    message: `The ${describeLimit(limit)} selects no sample of task "${task.name}", which has ${count} sample${count === 1 ? '' : 's'}${what}.`,
  });
}
