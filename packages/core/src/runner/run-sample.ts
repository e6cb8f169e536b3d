import { randomUuid } from './random-uuid.js';
import type { GenerateConfig, Model } from '@assay/model/spec';
import type { DatasetSample } from '../dataset/index.js';
import type { TranscriptEvent } from '../events/transcript.js';
import { withTranscript } from '../events/transcript.js';
import type { RunningSample } from '../log/node/live-sample-buffer.js';
import type { EvalSample, Event } from '../log/schema/index.js';
import type { Score } from '../log/schema/score.js';
import { withActiveModels, type ActiveModels } from '../model/active-model.js';
import { applyLimits } from '../limits/apply-limits.js';
import { costLimit, type Limit, workingLimit } from '../limits/limit.js';
import type { ModelCostConfig } from '../limits/model-cost.js';
import type { Scorer } from '../scorer/scorer.js';
import { createGenerate } from '../solver/create-generate.js';
import { createTaskState } from '../solver/create-task-state.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import type { Solver } from '../solver/solver.js';
import type { TaskState } from '../solver/task-state.js';
import type { EvalOptions } from './eval-options.js';
import type { EvalEventEmitter, TaskRef } from './eval-events.js';
import { jsonChanges } from './json-changes.js';
import { guarded, linkedController, SampleCancelled } from './guarded.js';
import { stateSnapshot, type StateSnapshot } from './state-snapshot.js';
import { isoNow } from './log-file-name.js';
import { sampleContext, type SampleContext } from './sample-context.js';
import { recordError, type RecordedError } from './sample-error.js';
import { createSampleTranscript, type SampleTranscript } from './sample-transcript.js';
import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';
import { withSandboxes } from '../sandbox/sandbox.js';
import { openSampleSandboxes, type OpenedSandboxes, type SampleSandboxContext } from './open-sample-sandboxes.js';

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
  limits: Pick<EvalOptions, 'messageLimit' | 'tokenLimit' | 'turnLimit' | 'timeLimit' | 'workingLimit' | 'costLimit'>;
  /** Model prices for cost limits. */
  modelCostConfig?: ModelCostConfig;
  retryOnError: number;
  events: EvalEventEmitter;
  signal: AbortSignal;
  /** The sandbox this sample runs in (`spec`), and its own spec when it set one (recorded as `sample.sandbox`). */
  sandbox?: { context: SampleSandboxContext; spec: SandboxEnvironmentSpec; ownSpec: SandboxEnvironmentSpec | undefined };
  /** Called as each attempt starts, with its events so far (the array grows while the sample runs). */
  onStart?: (sample: RunningSample) => void;
}

/** The outcome of a sample: the sample as logged, or `cancelled` when the run was aborted before it finished. */
export type SampleOutcome = { status: 'done'; sample: EvalSample; errored: boolean } | { status: 'cancelled' };


/** `ref` with `fields` added, for event payloads. */
function withRef<TFields extends object>(ref: TaskRef, fields: TFields): TaskRef & TFields {
  // Object.assign rather than a spread on the per-sample path (architecture/log-sink.md, "A hidden class per object").
  return Object.assign({}, ref, fields);
}

function normaliseScore(score: Score): Score {
  const out: Score = { value: score.value, history: score.history ?? [] };
  if (score.answer != null) out.answer = score.answer;
  if (score.explanation != null) out.explanation = score.explanation;
  if (score.metadata != null) out.metadata = score.metadata;
  return out;
}


/**
 * Opens the attempt's sandboxes inside an `init` span (as Inspect), or gives `undefined` when the sample has none.
 * A failure is the attempt's error (`failed`); a cancel while opening closes what was opened.
 */
async function openAttemptSandboxes(run: {
  options: RunSampleOptions;
  attempt: Attempt;
  transcript: SampleTranscript;
}): Promise<OpenedSandboxes | undefined | 'failed'> {
  const { options, attempt, transcript } = run;
  if (!options.sandbox) return undefined;
  const { context, spec } = options.sandbox;
  let opened: OpenedSandboxes;
  try {
    opened = await transcript.span({ name: 'init', type: 'init' }, () =>
      openSampleSandboxes({ context, spec, sample: options.sample, signal: options.signal }),
    );
  } catch (error) {
    if (options.signal.aborted) throw new SampleCancelled();
    attempt.error = recordError(error);
    transcript.record({ event: 'error', error: attempt.error });
    return 'failed';
  }
  if (options.signal.aborted) {
    await opened.close({ interrupted: true });
    throw new SampleCancelled();
  }
  return opened;
}

/**
 * Runs the solvers under the sample's working-time and cost limits (as a limit scope, so agents' own scoped limits
 * nest inside it), with the eval's model prices; without either, runs them as they are.
 */
function withSampleLimits<TResult>(options: RunSampleOptions, work: () => Promise<TResult>): Promise<TResult> {
  const { workingLimit: working, costLimit: cost } = options.limits;
  const limits: Limit[] = [];
  if (working !== undefined) limits.push(workingLimit(working));
  if (cost !== undefined) limits.push(costLimit(cost));
  if (limits.length === 0 && options.modelCostConfig === undefined) return work();
  return applyLimits({ limits, costs: options.modelCostConfig }, work);
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
    waitingTime: 0,
    tokenLimit: limits.tokenLimit,
    messageLimit: limits.messageLimit,
    scorers: options.scorers,
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
  context.signal = solving?.signal ?? options.signal;
  const generate = createGenerate({
    model: options.model,
    config: options.config,
    signal: solving?.signal ?? options.signal,
  });

  await sampleContext.run(context, () =>
    withTranscript(transcript, () =>
      withActiveModels(options.models, async () => {
        const previous = stateSnapshot(state);
        transcript.record({
          event: 'sample_init',
          sample: {
            input: sample.input,
            target: sample.target,
            choices: sample.choices ?? null,
            id: sample.id,
            metadata: sample.metadata ?? {},
            // As Inspect: file names with their bodies left out (they are contents or host paths).
            files: sample.files ? Object.fromEntries(Object.keys(sample.files).map((name) => [name, ''])) : null,
            setup: sample.setup ?? null,
            ...(options.sandbox?.ownSpec ? { sandbox: options.sandbox.ownSpec } : {}),
          },
          state: previous,
        });
        const opened = await openAttemptSandboxes({ options, attempt, transcript });
        if (opened === 'failed') return solving?.dispose();
        const run = (): Promise<void> => solveAndScore({ options, attempt, transcript, context, generate, solving, previous });
        let interrupted = false;
        try {
          await (opened ? withSandboxes(opened.sandboxes, run) : run());
        } catch (error) {
          interrupted = error instanceof SampleCancelled;
          throw error;
        } finally {
          await opened?.close({ interrupted });
        }
      }),
    ),
  );
  return attempt;
}

/** What solving and scoring one attempt works on. */
interface SolveScoreOptions {
  options: RunSampleOptions;
  attempt: Attempt;
  transcript: SampleTranscript;
  context: SampleContext;
  generate: ReturnType<typeof createGenerate>;
  solving: ReturnType<typeof linkedController> | undefined;
  previous: StateSnapshot;
}

/** Runs an attempt's solvers, then its scorers, recording into the attempt. */
async function solveAndScore(run: SolveScoreOptions): Promise<void> {
  const { options, attempt, transcript, context, generate, solving } = run;
  const { sample, epoch, limits } = options;
  const state = attempt.state;
  let previous = run.previous;
  let current = state;
  try {
    await guarded({
      signal: options.signal,
      timeLimit: limits.timeLimit,
      onTimeLimit: () => solving?.abort(),
      work: () =>
        withSampleLimits(options, () => transcript.span({ name: 'solvers', type: 'solvers' }, async () => {
          for (const solver of options.solvers) {
            context.taskState = current;
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
        })),
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
    sandbox: options.sandbox?.ownSpec ?? null,
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
    working_time: Math.max(0, elapsed - context.waitingTime),
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
