import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelUsage } from '@assay/model/spec';
import type { Transcript } from '../events/transcript.js';
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
}

export const sampleContext = new AsyncLocalStorage<SampleContext>();
