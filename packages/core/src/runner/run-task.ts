import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  addModelUsage,
  mergeGenerateConfig,
  observeModelCalls,
  resolveAdaptiveConnections,
  toLogGenerateConfig,
  type ConnectionLimitChange,
  type Model,
  type ModelUsage,
} from '@assay/model';
import { limitDataset, selectSamples, type DatasetSample } from '../dataset/index.js';
import { toInspectArgs } from '../log/inspect-args.js';
import { createEvalLogWriter } from '../log/node/index.js';
import type { EvalLog, EvalSample } from '../log/schema/index.js';
import type { Score } from '../log/schema/score.js';
import { scoreReducer } from '../metrics/index.js';
import type { ActiveModels } from '../model/active-model.js';
import type { Task } from '../task/task.js';
import type { EvalEventEmitter, TaskRef } from './eval-events.js';
import type { EvalOptions } from './eval-options.js';
import { exceedsFailOnError } from './fail-on-error.js';
import { isoNow, logFileName, shortId } from './log-file-name.js';
import { localModelBaseUrl } from './model-base-url.js';
import { runSample } from './run-sample.js';
import { copyReusableSamples, sampleKey } from './sample-reuse.js';
import { createScoreAccumulator } from './score-accumulator.js';
import { scorerInfo } from './scorer-info.js';
import type { RecordedError } from './sample-error.js';

/** Everything one task × model run needs. */
export interface RunTaskOptions {
  task: Task;
  model: Model;
  models: ActiveModels;
  options: EvalOptions;
  events: EvalEventEmitter;
  signal: AbortSignal;
  runId: string;
}

const assayVersion = '0.1.0';

function sumUsage(target: Record<string, ModelUsage>, usage: Record<string, ModelUsage> | undefined): void {
  for (const [key, value] of Object.entries(usage ?? {})) target[key] = addModelUsage(target[key], value);
}

function selectedSamples(task: Task, options: EvalOptions): readonly DatasetSample[] {
  let dataset = task.dataset;
  if (options.sampleIds) dataset = selectSamples(dataset, options.sampleIds);
  if (options.limit !== undefined) dataset = limitDataset(dataset, options.limit);
  return dataset.samples;
}

function* sampleQueue(
  samples: readonly DatasetSample[],
  epochs: number,
  skip: ReadonlySet<string>,
): Generator<[DatasetSample, number]> {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const sample of samples) if (skip.size === 0 || !skip.has(sampleKey(sample.id, epoch))) yield [sample, epoch];
  }
}

/** Runs one task against one model, streaming samples to the log as they finish. */
export async function runTask(run: RunTaskOptions): Promise<EvalLog> {
  const { task, model, options, events } = run;
  const samples = selectedSamples(task, options);
  const epochs = options.epochs ?? task.epochs;
  const reducerSpecs = options.epochsReducer ?? task.epochsReducer ?? ['mean'];
  const reducers = reducerSpecs.map((spec) => scoreReducer(spec));
  const config = mergeGenerateConfig(task.config, options.config, {
    maxConnections: options.maxConnections ?? options.config?.maxConnections ?? task.config.maxConnections,
  });
  const maxConnections = config.maxConnections ?? 10;
  // An adaptive limit may grow to its max: enough samples must run at once to use it.
  const adaptiveMax = config.adaptiveConnections ? resolveAdaptiveConnections(config.adaptiveConnections).max : undefined;
  const maxSamples = options.maxSamples ?? (adaptiveMax ?? maxConnections) + 1;
  const failOnError = options.failOnError ?? task.failOnError ?? true;
  const retryOnError = options.retryOnError ?? 0;
  const limits = {
    messageLimit: options.messageLimit ?? task.messageLimit,
    tokenLimit: options.tokenLimit ?? task.tokenLimit,
    turnLimit: options.turnLimit ?? task.turnLimit,
    timeLimit: options.timeLimit ?? task.timeLimit,
  };
  const format = options.logFormat ?? 'eval';
  const logDir = options.logDir ?? process.env.ASSAY_LOG_DIR ?? './logs';
  const created = isoNow();
  const taskId = shortId();
  const logPath = path.resolve(logDir, logFileName({ task: task.name, taskId, created, format }));
  await mkdir(path.dirname(logPath), { recursive: true });

  const ref: TaskRef = { task: task.name, taskId, runId: run.runId, model: model.name };
  const totalSamples = samples.length * epochs;
  const evalSpec = {
    eval_id: shortId(),
    run_id: run.runId,
    created,
    task: task.name,
    task_id: taskId,
    task_version: task.version,
    task_file: options.taskFile ?? task.file ?? null,
    task_registry_name: task.name,
    task_attribs: {},
    task_args: task.args,
    task_args_passed: task.args,
    solver: null,
    dataset: {
      name: task.dataset.name ?? null,
      location: task.dataset.location ?? null,
      samples: samples.length,
      sample_ids: samples.map((sample) => sample.id),
      shuffled: task.dataset.shuffled,
    },
    model: model.name,
    model_generate_config: toLogGenerateConfig(config),
    model_base_url: localModelBaseUrl(model.name) ?? null,
    model_args: model.args,
    model_roles: Object.fromEntries(
      Object.entries(run.models.roles).map(([role, roleModel]) => [
        role,
        { model: roleModel.name, config: toLogGenerateConfig(roleModel.config), args: roleModel.args },
      ]),
    ),
    config: {
      limit: options.limit ?? null,
      sample_id: options.sampleIds ?? null,
      epochs,
      epochs_reducer: reducers.map((reducer) => reducer.name),
      fail_on_error: failOnError,
      retry_on_error: retryOnError,
      message_limit: limits.messageLimit ?? null,
      token_limit: limits.tokenLimit ?? null,
      turn_limit: limits.turnLimit ?? null,
      time_limit: limits.timeLimit ?? null,
      max_samples: maxSamples,
      max_tasks: options.maxTasks ?? null,
      log_samples: true,
    },
    revision: null,
    packages: { '@assay/core': assayVersion },
    metadata: task.metadata,
    scorers: task.scorers.map(scorerInfo),
  };
  const plan = {
    name: 'plan',
    steps: [...task.setup, ...task.solver].map((solver) => ({
      solver: solver.name,
      params: toInspectArgs({ kind: 'solver', name: solver.name, args: solver.args }),
      params_passed: toInspectArgs({ kind: 'solver', name: solver.name, args: solver.args }),
    })),
    config: toLogGenerateConfig(config),
  };

  const writer = createEvalLogWriter({
    path: logPath,
    format,
    validateSamples: false,
    ...(options.logFlushInterval !== undefined ? { flushInterval: options.logFlushInterval } : {}),
  });
  await writer.start({ eval: evalSpec, plan });

  const startedAt = isoNow();
  const scoring = createScoreAccumulator({ scorers: task.scorers, metrics: task.metrics, reducers, epochs });
  const modelUsage: Record<string, ModelUsage> = {};
  const retryStats = { retries: 0, waitTime: 0 };
  const connectionLimitHistory: ConnectionLimitChange[] = [];
  const stopObservingLimits = observeModelCalls({
    onConnectionLimitChange: (change) => {
      if (change.model === model.name) connectionLimitHistory.push(change);
    },
  });
  const roleUsage: Record<string, ModelUsage> = {};
  let errors = 0;
  let completed = 0;
  let failure: RecordedError | undefined;
  let writeFailure: unknown;
  const stop = new AbortController();
  // Every in-flight sample and model call listens to this signal.
  setMaxListeners(0, stop.signal);
  // On abort no new sample starts; those in flight get `cancelGrace` seconds to finish before they are cancelled.
  let draining = run.signal.aborted;
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    draining = true;
    const grace = (options.cancelGrace ?? 0) * 1000;
    if (grace <= 0) stop.abort();
    else graceTimer = setTimeout(() => stop.abort(), grace);
  };
  if (draining) stop.abort();
  else run.signal.addEventListener('abort', onAbort, { once: true });

  const logBuffer = format === 'eval' ? options.logBuffer : undefined;
  let unflushed = 0;
  // One flush is written at a time; one asked for meanwhile starts when it ends and takes every sample written by then.
  let flushing: Promise<void> | undefined;
  let nextFlush: Promise<void> | undefined;
  const flushSoon = (): Promise<void> => {
    nextFlush ??= (flushing ?? Promise.resolve()).then(() => {
      nextFlush = undefined;
      unflushed = 0;
      const current: Promise<void> = writer.flush().finally(() => {
        if (flushing === current) flushing = undefined;
      });
      flushing = current;
      return current;
    });
    return nextFlush;
  };
  /** What follows a sample's write: with a log buffer, flushing it (see {@link EvalOptions.logBuffer}). */
  const afterWrite = async (written: Promise<void>, durable: boolean): Promise<void> => {
    await written;
    if (logBuffer === undefined || !durable) return;
    unflushed++;
    // A log buffer of 1: the sample is on disk before its worker takes the next one, so a crash loses no finished
    // sample and redoes at most those in flight.
    if (logBuffer <= 1) return flushSoon();
    // Larger buffers are written in batches; when writes fall behind, the sample that finds twice the buffer waiting
    // waits for it to reach the disk, so at most that many finished samples are ever only in memory.
    if (unflushed >= 2 * logBuffer) return flushSoon();
    if (unflushed >= logBuffer) flushSoon().catch(() => undefined);
  };
  /**
   * Records a finished sample; `durable: false` leaves flushing to the caller (reused samples, flushed at once after).
   * Not an async function: the sample is serialized at once, and waiting for the disk must not keep its objects alive.
   */
  const onSample = (sample: EvalSample, durable = true): Promise<void> => {
    const record = sample as unknown as {
      id: string | number;
      epoch: number;
      scores?: Record<string, Score> | null;
      metadata?: Record<string, unknown>;
      model_usage?: Record<string, ModelUsage>;
      role_usage?: Record<string, ModelUsage>;
      error?: unknown;
    };
    sumUsage(modelUsage, record.model_usage);
    sumUsage(roleUsage, record.role_usage);
    sumRetries(retryStats, sample.events);
    if (record.error) errors += 1;
    else {
      completed += 1;
      scoring.add({ id: record.id, epoch: record.epoch, scores: record.scores ?? {}, metadata: record.metadata });
    }
    return afterWrite(writer.writeSample(sample), durable);
  };
  const reuseFrom = options.reuseSamplesFrom === undefined ? [] : [options.reuseSamplesFrom].flat();
  let reused: { keys: Set<string>; startedAt: string | undefined } = { keys: new Set(), startedAt: undefined };
  if (reuseFrom.length > 0) {
    reused = await copyReusableSamples({
      paths: reuseFrom,
      task: task.name,
      model: model.name,
      samples,
      epochs,
      shuffled: task.dataset.shuffled,
      write: (sample) => onSample(sample, false),
      warn: options.onWarning ?? ((message) => console.warn(message)),
    });
    // The reused samples reach the disk before any new one runs, so a resume killed early loses none of them.
    await writer.flush();
  }
  events.emit('task-start', { ...ref, totalSamples, reusedSamples: reused.keys.size, logPath });
  const queue = sampleQueue(samples, epochs, reused.keys);

  /**
   * Runs one sample × epoch and writes it. Resolves once written, to the sample's error message (undefined when it
   * passed), or tells of a cancelled sample or a failed write. A function of its own, whose frame ends before the write
   * is awaited: a worker waiting for the disk then holds none of the finished sample's objects.
   */
  const runOne = async (sample: DatasetSample, epoch: number): Promise<{ cancelled: true } | { writeError: unknown } | { errorMessage: string | undefined }> => {
    const outcome = await runSample({
      ref,
      model,
      models: run.models,
      sample,
      epoch,
      solvers: [...task.setup, ...task.solver],
      scorers: task.scorers,
      config,
      limits,
      retryOnError,
      events,
      signal: stop.signal,
    });
    if (outcome.status === 'cancelled') return { cancelled: true };
    const errorMessage = outcome.errored ? ((outcome.sample as { error?: { message?: string } }).error?.message ?? '') : undefined;
    let written: Promise<void>;
    try {
      written = onSample(outcome.sample);
    } catch (error) {
      return { writeError: error };
    }
    return written.then(
      () => ({ errorMessage }),
      (error: unknown) => ({ writeError: error }),
    );
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (draining || stop.signal.aborted || failure) return;
      const next = queue.next();
      if (next.done) return;
      const [sample, epoch] = next.value;
      const result = await runOne(sample, epoch);
      if ('cancelled' in result) return;
      if ('writeError' in result) {
        writeFailure = result.writeError;
        stop.abort();
        return;
      }
      if (result.errorMessage !== undefined && exceedsFailOnError({ errors, total: totalSamples, failOnError })) {
        failure ??= {
          message: `${errors} of ${totalSamples} samples failed, more than failOnError=${String(failOnError)} allows. The last error: ${result.errorMessage}`,
          traceback: '',
          traceback_ansi: '',
        };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(maxSamples, totalSamples)) }, worker));
  } finally {
    run.signal.removeEventListener('abort', onAbort);
    stopObservingLimits();
    if (graceTimer) clearTimeout(graceTimer);
  }
  if (writeFailure) throw writeFailure;
  await (nextFlush ?? flushing);

  const { results, reductions } = scoring.summarise({ totalSamples, completed });
  const status = failure ? 'error' : run.signal.aborted ? 'cancelled' : 'success';
  const header = await writer.finish({
    status,
    results,
    stats: {
      started_at: reused.startedAt ?? startedAt,
      completed_at: isoNow(),
      model_usage: modelUsage,
      role_usage: roleUsage,
      connection_limit_history: connectionLimitHistory.map((change) => ({ ...change })),
      // Not in Inspect's EvalStats: model calls retried in this task and the seconds spent waiting to retry them.
      model_retries: retryStats.retries,
      model_retry_wait_time: retryStats.waitTime,
    },
    error: failure ?? null,
    reductions,
  });
  // Not a spread: that would read (and build) the reductions, which the log builds only when they are read.
  const log: EvalLog = Object.assign(header, { location: logPath });
  events.emit('task-end', { ...ref, log });
  return log;
}

/** Adds the retries (and retry waits) recorded on a sample's model events. */
function sumRetries(total: { retries: number; waitTime: number }, events: readonly unknown[] | undefined): void {
  for (const event of events ?? []) {
    const record = event as { event?: string; retries?: number | null; metadata?: { retry_wait_time?: unknown } | null };
    if (record.event !== 'model' || !record.retries) continue;
    total.retries += record.retries;
    const wait = record.metadata?.retry_wait_time;
    if (typeof wait === 'number') total.waitTime += wait;
  }
}
