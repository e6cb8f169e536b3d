import type { ChatMessage, ModelOutput } from '@assay/model/spec';
import type { DatasetSample } from '../dataset/index.js';
import { createStore } from './store.js';
import { createTarget } from './target.js';
import type { TaskState } from './task-state.js';

/** Options for {@link createTaskState}. */
export interface CreateTaskStateOptions {
  /** `provider/name` of the model under evaluation. */
  model: string;
  sample: DatasetSample;
  epoch?: number;
  messageLimit?: number;
  tokenLimit?: number;
  turnLimit?: number;
}

/** An empty output for a model that has not been called yet. */
export function emptyModelOutput(model: string): ModelOutput {
  return { model, choices: [], completion: '' };
}

/** Creates the initial state of a sample: its input as messages, target, choices, metadata and an empty store. */
export function createTaskState(options: CreateTaskStateOptions): TaskState {
  const { sample } = options;
  const messages: ChatMessage[] =
    typeof sample.input === 'string'
      ? [{ role: 'user', content: sample.input, source: 'input' }]
      : sample.input.map((message) => ({ ...message }));
  return {
    model: options.model,
    sampleId: sample.id,
    epoch: options.epoch ?? 1,
    input: sample.input,
    messages,
    target: createTarget(sample.target),
    // As in Inspect, a sample's choices are in the order it holds them: after a dataset-level `shuffleChoices` that
    // is the shuffled order, in which its target letters are written too (scorer/_choice.py scores in that space).
    choices: (sample.choices ?? []).map((value, index) => ({ value, originalPosition: index })),
    output: emptyModelOutput(options.model),
    metadata: { ...(sample.metadata ?? {}) },
    store: createStore(),
    tools: [],
    completed: false,
    messageLimit: options.messageLimit,
    tokenLimit: options.tokenLimit,
    turnLimit: options.turnLimit,
  };
}
