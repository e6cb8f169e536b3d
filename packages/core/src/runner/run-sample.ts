import { randomUuid } from './random-uuid.js';
import type { GenerateConfig, Model } from '@assay/model/spec';
import type { DatasetSample } from '../dataset/index.js';
import type { TranscriptEvent } from '../events/transcript.js';
import { withTranscript } from '../events/transcript.js';
import type { RunningSample } from '../log/node/live-sample-buffer.js';
import type { EvalSample, Event } from '../log/schema/index.js';
import type { Score } from '../log/schema/score.js';
import { withActiveModels, type ActiveModels } from '../model/active-model.js';
import type { Scorer } from '../scorer/scorer.js';
import { createGenerate } from '../solver/create-generate.js';
import { createTaskState } from '../solver/create-task-state.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import type { Solver } from '../solver/solver.js';
import type { TaskState } from '../solver/task-state.js';
import type { EvalEventEmitter, TaskRef } from './eval-events.js';
import { jsonChanges } from './json-changes.js';
import { isoNow } from './log-file-name.js';
import { sampleContext, type SampleContext } from './sample-context.js';
import { recordError, type RecordedError } from './sample-error.js';
import { createSampleTranscript, type SampleTranscript } from './sample-transcript.js';

/** Everything one sample run needs. */
export interface RunSampleOptions {
  ref: TaskRef;
  model: Model;
  models: ActiveModels;
  sample: DatasetSample;
  epoch: number;
  solvers: readonly Solver[];
  scorers: readonly Scorer[];
  config: GenerateConfig;
  limits: { messageLimit?: number; tokenLimit?: number; turnLimit?: number; timeLimit?: number };
  retryOnError: number;
  events: EvalEventEmitter;
  signal: AbortSignal;
  /** Called as each attempt starts, with its events so far (the array grows while the sample runs). */
  onStart?: (sample: RunningSample) => void;
}

/** The outcome of a sample: the sample as logged, or `cancelled` when the run was aborted before it finished. */
export type SampleOutcome = { status: 'done'; sample: EvalSample; errored: boolean } | { status: 'cancelled' };

/** Thrown inside a sample when the run is cancelled. */
class SampleCancelled extends Error {}

/** A copy of the parts of a sample's state that are logged (`sample_init`, and the diffs of `state` events). */
interface StateSnapshot {
  messages: readonly Record<string, unknown>[];
  tools: readonly unknown[];
  tool_choice: unknown;
  store: Record<string, unknown>;
  output: unknown;
  completed: boolean;
  metadata: Record<string, unknown>;
}

/**
 * A copy of the state for `sample_init` and the JSON-patch diffs of `state` events. Messages and their fields are
 * copied one level deep (solvers append or replace messages); deeper values are shared, which the diff compares by
 * value, so only in-place edits nested inside a message part would be missed. A part that is unchanged since
 * `previous` (equal field by field) is that part of `previous` itself: the diff skips identical values at once
 * instead of comparing them key by key, and the log is the same as with a fresh copy.
 */
function stateSnapshot(state: TaskState, previous?: StateSnapshot): StateSnapshot {
  const store = state.store.toJSON();
  return {
    messages: reuseList(
      previous?.messages,
      state.messages.map((message, index) => {
        const before = previous?.messages[index];
        return before && shallowEqual(before, message) ? before : { ...message };
      }),
    ),
    tools: reuseList(
      previous?.tools,
      state.tools.map((tool) => tool.info),
    ),
    tool_choice: state.toolChoice ?? null,
    store: previous && shallowEqual(previous.store, store) ? previous.store : store,
    output: state.output,
    completed: state.completed,
    metadata: previous && shallowEqual(previous.metadata, state.metadata) ? previous.metadata : { ...state.metadata },
  };
}

/** `previous` when `next` holds the same items, else `next`. */
function reuseList<TItem>(previous: readonly TItem[] | undefined, next: readonly TItem[]): readonly TItem[] {
  if (!previous || previous.length !== next.length) return next;
  for (let index = 0; index < next.length; index++) if (previous[index] !== next[index]) return next;
  return previous;
}

/** Whether two objects have the same own keys with identical values. */
function shallowEqual(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (!Object.hasOwn(right, key) || left[key] !== right[key]) return false;
    count++;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--;
  return count === 0;
}

/** `ref` with `fields` added, for event payloads. */
function withRef<TFields extends object>(ref: TaskRef, fields: TFields): TaskRef & TFields {
  return { ...ref, ...fields };
}

function normaliseScore(score: Score): Score {
  const out: Score = { value: score.value, history: score.history ?? [] };
  if (score.answer != null) out.answer = score.answer;
  if (score.explanation != null) out.explanation = score.explanation;
  if (score.metadata != null) out.metadata = score.metadata;
  return out;
}

/** An AbortController that also aborts when `parent` does; `dispose` detaches it. */
function linkedController(parent: AbortSignal): AbortController & { dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller, { dispose: () => parent.removeEventListener('abort', onAbort) });
}

/**
 * Races `work` against the run's abort signal and the sample's time limit. (Settled by hand rather than with an async
 * function around `Promise.race`: this runs twice per sample, and every promise costs more while async context is
 * tracked.)
 */
function guarded<TResult>(options: {
  work: () => Promise<TResult>;
  signal: AbortSignal;
  timeLimit?: number;
  /** Called when the time limit fires, before the race is lost: stops the work's model calls. */
  onTimeLimit?: () => void;
}): Promise<TResult> {
  const { signal, timeLimit } = options;
  if (signal.aborted) return Promise.reject(new SampleCancelled());
  return new Promise<TResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      stop();
      reject(new SampleCancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (timeLimit !== undefined) {
      timer = setTimeout(() => {
        options.onTimeLimit?.();
        stop();
        reject(new LimitExceededError({ type: 'time', limit: timeLimit, value: timeLimit }));
      }, timeLimit * 1000);
    }
    let work: Promise<TResult>;
    try {
      work = options.work();
    } catch (error) {
      stop();
      reject(error);
      return;
    }
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

interface Attempt {
  state: TaskState;
  transcript: SampleTranscript;
  context: SampleContext;
  scores: Record<string, Score>;
  error?: RecordedError;
  limit?: { type: string; limit: number };
  startedAt: string;
}

async function attemptSample(options: RunSampleOptions): Promise<Attempt> {
  const { sample, epoch, limits } = options;
  const transcript = createSampleTranscript();
  const modelUsage: SampleContext['modelUsage'] = {};
  const roleUsage: SampleContext['roleUsage'] = {};
  const scores: Attempt['scores'] = {};
  const context: SampleContext = {
    runId: options.ref.runId,
    ref: options.ref,
    sampleId: sample.id,
    epoch,
    transcript,
    modelUsage,
    roleUsage,
    totalTokens: 0,
    tokenLimit: limits.tokenLimit,
  };
  const state = createTaskState({
    model: options.model.name,
    sample,
    epoch,
    messageLimit: limits.messageLimit,
    tokenLimit: limits.tokenLimit,
    turnLimit: limits.turnLimit,
  });
  const attempt: Attempt = { state, transcript, context, scores, startedAt: isoNow() };
  options.onStart?.({ id: sample.id, epoch, input: sample.input, target: sample.target, started_at: attempt.startedAt, events: transcript.events as readonly Event[] });
  // With a time limit, the solvers get their own signal, aborted when the limit fires, so a solver that is still
  // running stops calling the model once its sample has been written. Without one, the run's signal is enough.
  const solving = limits.timeLimit === undefined ? undefined : linkedController(options.signal);
  const generate = createGenerate({
    model: options.model,
    config: options.config,
    signal: solving?.signal ?? options.signal,
  });

  await sampleContext.run(context, () =>
    withTranscript(transcript, () =>
      withActiveModels(options.models, async () => {
        let previous = stateSnapshot(state);
        transcript.record({
          event: 'sample_init',
          sample: {
            input: sample.input,
            target: sample.target,
            choices: sample.choices ?? null,
            id: sample.id,
            metadata: sample.metadata ?? {},
            files: sample.files ? Object.keys(sample.files) : null,
            setup: sample.setup ?? null,
          },
          state: previous,
        });
        let current = state;
        try {
          await guarded({
            signal: options.signal,
            timeLimit: limits.timeLimit,
            onTimeLimit: () => solving?.abort(),
            work: () =>
              transcript.span({ name: 'solvers', type: 'solvers' }, async () => {
                for (const solver of options.solvers) {
                  current = await transcript.span({ name: solver.name, type: 'solver' }, () =>
                    solver.solve(current, generate),
                  );
                  const next = stateSnapshot(current, previous);
                  const storeChanges = jsonChanges(previous.store, next.store);
                  if (storeChanges.length > 0) transcript.record({ event: 'store', changes: storeChanges });
                  const changes = jsonChanges(previous, next);
                  if (changes.length > 0) transcript.record({ event: 'state', changes });
                  previous = next;
                  if (current.completed) break;
                }
              }),
          });
        } catch (error) {
          if (error instanceof SampleCancelled) throw error;
          if (error instanceof LimitExceededError) {
            attempt.limit = { type: error.type, limit: error.limit };
            transcript.record({ event: 'sample_limit', type: error.type, message: error.message, limit: error.limit });
          } else {
            attempt.error = recordError(error);
            transcript.record({ event: 'error', error: attempt.error });
            solving?.dispose();
            return;
          }
        }
        attempt.state = current;
        solving?.dispose();
        // The token limit is the sample's budget for solving; grader calls while scoring do not count against it.
        context.tokenLimit = undefined;
        try {
          await guarded({
            signal: options.signal,
            work: () =>
              transcript.span({ name: 'scorers', type: 'scorers' }, async () => {
                for (const scorer of options.scorers) {
                  const score = normaliseScore(
                    await transcript.span({ name: scorer.name, type: 'scorer' }, () =>
                      scorer.score(current, current.target),
                    ),
                  );
                  attempt.scores[scorer.name] = score;
                  transcript.record({
                    event: 'score',
                    score,
                    target: sample.target,
                    intermediate: false,
                    scorer: scorer.name,
                  });
                  options.events.emit(
                    'sample-score',
                    withRef(options.ref, { sampleId: sample.id, epoch, scorer: scorer.name, score }),
                  );
                }
              }),
          });
        } catch (error) {
          if (error instanceof SampleCancelled) throw error;
          attempt.error = recordError(error);
          transcript.record({ event: 'error', error: attempt.error });
        }
      }),
    ),
  );
  return attempt;
}

function buildSample(options: RunSampleOptions, attempt: Attempt, retries: RecordedError[]): EvalSample {
  const { sample, epoch } = options;
  const { state, context, transcript } = attempt;
  const elapsed = transcript.elapsed();
  const out: Record<string, unknown> = {
    id: sample.id,
    epoch,
    input: sample.input,
    choices: sample.choices ?? null,
    target: sample.target,
    sandbox: null,
    files: sample.files ? Object.keys(sample.files) : null,
    setup: sample.setup ?? null,
    messages: state.messages,
    output: state.output,
    // As Inspect: an errored sample has an (empty) scores object, which its viewer reads without checking.
    scores: attempt.error ? {} : attempt.scores,
    metadata: state.metadata,
    store: state.store.toJSON(),
    events: transcript.events as TranscriptEvent[],
    model_usage: context.modelUsage,
    role_usage: context.roleUsage,
    started_at: attempt.startedAt,
    completed_at: isoNow(),
    total_time: elapsed,
    working_time: elapsed,
    uuid: randomUuid(),
    error: attempt.error ?? null,
    error_retries: retries.length > 0 ? retries : null,
    attachments: {},
    limit: attempt.limit ?? null,
  };
  return out as EvalSample;
}

/** Runs one sample × epoch: solvers, then scorers, retrying errors up to `retryOnError` times. */
export async function runSample(options: RunSampleOptions): Promise<SampleOutcome> {
  const retries: RecordedError[] = [];
  options.events.emit('sample-start', withRef(options.ref, { sampleId: options.sample.id, epoch: options.epoch }));
  for (;;) {
    let attempt: Attempt;
    try {
      attempt = await attemptSample(options);
    } catch (error) {
      if (error instanceof SampleCancelled) return { status: 'cancelled' };
      throw error;
    }
    if (attempt.error && retries.length < options.retryOnError && !options.signal.aborted) {
      retries.push(attempt.error);
      continue;
    }
    const sample = buildSample(options, attempt, retries);
    options.events.emit('sample-end', withRef(options.ref, { sample, retried: retries.length > 0 }));
    return { status: 'done', sample, errored: attempt.error !== undefined };
  }
}
