import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelUsage } from '@assay/model/spec';
import type { Transcript } from '../events/transcript.js';
import type { Scorer } from '../scorer/scorer.js';
import type { TaskState } from '../solver/task-state.js';
import type { TaskRef } from './eval-events.js';

/** Per-sample bookkeeping that model calls made anywhere inside the sample report into. */
export interface SampleContext {
  runId: string;
  ref: TaskRef;
  sampleId: string | number;
  epoch: number;
  transcript: Transcript;
  modelUsage: Record<string, ModelUsage>;
  roleUsage: Record<string, ModelUsage>;
  /** Input + output tokens of every model call so far. */
  totalTokens: number;
  /** Seconds model calls spent waiting (for a connection, between retries): not counted as working time. */
  waitingTime: number;
  tokenLimit?: number;
  /** The sample's message limit, which agents check before each model call. */
  messageLimit?: number;
  /** The task's scorers, for agents that score attempts (`react({ attempts })`). */
  scorers?: readonly Scorer[];
  /** The state of the solver running now. */
  taskState?: TaskState;
  /** Aborted when the sample is cancelled or its time limit fires: agents stop calling models. */
  signal?: AbortSignal;
}

export const sampleContext = new AsyncLocalStorage<SampleContext>();
