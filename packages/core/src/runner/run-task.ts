import { setMaxListeners } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
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
import { approvalPolicyConfig, resolveApproval } from '../approval/read-approval-policies.js';
import { withApproval } from '../approval/with-approval.js';
import { limitDataset, selectSamples, type DatasetSample } from '../dataset/index.js';
import { toInspectArgs } from '../log/inspect-args.js';
import { createEvalLogWriter } from '../log/node/index.js';
import { LogError } from '../log/log-error.js';
import { sampleJournalPath } from '../log/node/sample-journal.js';
import type { EvalLog, EvalSample } from '../log/schema/index.js';
import { scoreReducer } from '../metrics/index.js';
import type { ActiveModels } from '../model/active-model.js';
import type { Task } from '../task/task.js';
import { withMcpServers } from '../tools/mcp/with-mcp-servers.js';
import type { EvalEventEmitter, TaskRef } from './eval-events.js';
import type { EvalOptions } from './eval-options.js';
import { exceedsFailOnError } from './fail-on-error.js';
import { isoNow, logFileName, shortId } from './log-file-name.js';
import { localModelBaseUrl, recordedModelBaseUrl } from './model-base-url.js';
import { runSample } from './run-sample.js';
import { copyReusableSamples, sampleKey } from './sample-reuse.js';
import { createScoreAccumulator } from './score-accumulator.js';
import { scorerInfo } from './scorer-info.js';
import { recordError, type RecordedError } from './sample-error.js';
import { createTaskSandboxes, sandboxSpecKey, type TaskSandboxPlan } from './plan-task-sandboxes.js';
import type { SandboxLimiter } from '../sandbox/sandbox-limiter.js';
import type { SampleSandboxContext } from './open-sample-sandboxes.js';
import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';

/** Everything one task × model run needs. */
export interface RunTaskOptions {
  task: Task;
  model: Model;
  models: ActiveModels;
  options: EvalOptions;
  events: EvalEventEmitter;
  signal: AbortSignal;
  runId: string;
  /** Which sandbox each sample runs in (decided, and config files checked, before any log was created). */
  sandboxPlan: TaskSandboxPlan;
  /** The eval's limit of sample environments per provider type. */
  sandboxLimiter: SandboxLimiter;
}

const assayVersion = '0.1.0';

function sumUsage(target: Record<string, ModelUsage>, usage: Record<string, ModelUsage> | undefined): void {
  for (const [key, value] of Object.entries(usage ?? {})) target[key] = addModelUsage(target[key], value);
}

export function selectedSamples(task: Task, options: EvalOptions): readonly DatasetSample[] {
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
    workingLimit: options.workingLimit ?? task.workingLimit,
    costLimit: options.costLimit ?? task.costLimit,
  };
  // As Inspect: a task's own approval policy takes precedence over the eval's (`--approval`).
  const approval = resolveApproval(task.approval ?? options.approval);
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
    sandbox: run.sandboxPlan.taskSpec ?? null,
    dataset: {
      name: task.dataset.name ?? null,
      location: task.dataset.location ?? null,
      samples: samples.length,
      sample_ids: samples.map((sample) => sample.id),
      shuffled: task.dataset.shuffled,
    },
    model: model.name,
    model_generate_config: toLogGenerateConfig(config),
    model_base_url: recordedModelBaseUrl(localModelBaseUrl(model.name)) ?? null,
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
      approval: approval ? approvalPolicyConfig(approval) : null,
      fail_on_error: failOnError,
      retry_on_error: retryOnError,
      message_limit: limits.messageLimit ?? null,
      token_limit: limits.tokenLimit ?? null,
      turn_limit: limits.turnLimit ?? null,
      time_limit: limits.timeLimit ?? null,
      working_limit: limits.workingLimit ?? null,
      cost_limit: limits.costLimit ?? null,
      max_samples: maxSamples,
      max_tasks: options.maxTasks ?? null,
      max_sandboxes: options.maxSandboxes ?? null,
      sandbox_cleanup: options.sandboxCleanup ?? true,
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

  const reuseFrom = options.reuseSamplesFrom === undefined ? [] : [options.reuseSamplesFrom].flat();
  const writer = createEvalLogWriter({
    path: logPath,
    format,
    // A log buffer of N: samples reach the disk N at a time, and the sample that fills the buffer waits for the write
    // (with 1, every sample is on disk before its worker takes the next one).
    ...(options.logBuffer !== undefined ? { bufferSamples: options.logBuffer } : {}),
    ...(options.logFlushInterval !== undefined ? { flushInterval: options.logFlushInterval } : {}),
    ...(options.logCondense === false ? { condense: false } : {}),
    ...(options.logRealtime === false ? { liveSamples: false } : {}),
  });
  // Samples this run produced (not reused ones) that the writer has taken: until there is one, the log holds nothing
  // that is not also in the logs it reuses samples from.
  let ownSamplesWritten = 0;
  /**
   * After a failure while the log is open (a full disk, an I/O error) the file is released. One that holds no sample
   * of this run is removed, so that a retry failing on a full disk leaves no second broken log beside the one it was
   * resuming.
   */
  const abandonLog = async (error: unknown): Promise<never> => {
    await writer.close().catch(() => undefined);
    if (ownSamplesWritten > 0) throw error;
    await rm(logPath, { force: true }).catch(() => undefined);
    if (format === 'json') await rm(sampleJournalPath({ path: logPath }), { force: true }).catch(() => undefined);
    if (!(error instanceof LogError) || error.code !== 'write_failed') throw error;
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause);
    throw new LogError({
      code: 'write_failed',
      path: logPath,
      cause: error,
      message: `Writing the log ${logPath} failed (${reason}). It held no sample of this run yet, so it was removed${reuseFrom.length > 0 ? ` (the samples it had copied are still in ${reuseFrom.join(', ')})` : ''}.`,
    });
  };
  await writer.start({ eval: evalSpec, plan }).catch(abandonLog);

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
  // A second signal: the samples in flight are cancelled now rather than after the grace period.
  const cancelNow = options.cancelNow;
  const onCancelNow = (): void => {
    draining = true;
    stop.abort();
  };
  if (cancelNow?.aborted) onCancelNow();
  else cancelNow?.addEventListener('abort', onCancelNow, { once: true });

  /** Records a finished sample in the results and the log; resolves when the writer can take the next one. */
  const onSample = (sample: EvalSample): Promise<void> => {
    sumUsage(modelUsage, sample.model_usage);
    sumUsage(roleUsage, sample.role_usage);
    sumRetries(retryStats, sample.events);
    if (sample.error) errors += 1;
    else {
      completed += 1;
      scoring.add({ id: sample.id, epoch: sample.epoch, scores: sample.scores ?? {}, metadata: sample.metadata });
    }
    return writer.writeSample(sample);
  };
  let reused: { keys: Set<string>; startedAt: string | undefined } = { keys: new Set(), startedAt: undefined };
  if (reuseFrom.length > 0) {
    reused = await copyReusableSamples({
      paths: reuseFrom,
      task: task.name,
      model: model.name,
      samples,
      epochs,
      shuffled: task.dataset.shuffled,
      write: onSample,
      warn: options.onWarning ?? ((message) => console.warn(message)),
    }).catch(abandonLog);
    // The reused samples reach the disk before any new one runs, so a resume killed early loses none of them.
    await writer.flush().catch(abandonLog);
  }
  events.emit('task-start', { ...ref, totalSamples, reusedSamples: reused.keys.size, logPath });
  const queue = sampleQueue(samples, epochs, reused.keys);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const sandboxPlan = run.sandboxPlan;
  const taskSandboxes = createTaskSandboxes({ plan: sandboxPlan, taskName: task.name, runId: run.runId });
  const sandboxContext: SampleSandboxContext = {
    sandboxes: taskSandboxes,
    limiter: run.sandboxLimiter,
    taskName: task.name,
    runId: run.runId,
    cleanup: options.sandboxCleanup ?? true,
    baseDir: sandboxPlan.baseDir,
    warn,
  };
  const sandboxSpecs = new Map<string, SandboxEnvironmentSpec>();
  if (reused.keys.size < totalSamples) {
    for (const sample of samples) {
      const spec = sandboxPlan.specOf(sample);
      if (spec) sandboxSpecs.set(sandboxSpecKey(spec), spec);
    }
  }

  const sandboxOf = (sample: DatasetSample): Pick<Parameters<typeof runSample>[0], 'sandbox'> => {
    const spec = sandboxPlan.specOf(sample);
    return spec ? { sandbox: { context: sandboxContext, spec, ownSpec: sandboxPlan.ownSpecOf(sample) } } : {};
  };

  /** Runs one sample × epoch and writes it; tells of a cancelled sample or a failed write, or gives its error message. */
  const runOne = async (
    sample: DatasetSample,
    epoch: number,
  ): Promise<{ cancelled: true } | { writeError: unknown } | { errorMessage: string | undefined }> => {
    let outcome;
    try {
      outcome = await runSample({
        ref,
        model,
        models: run.models,
        sample,
        epoch,
        solvers: [...task.setup, ...task.solver],
        scorers: task.scorers,
        config,
        limits,
        modelCostConfig: options.modelCostConfig,
        retryOnError,
        events,
        signal: stop.signal,
        onStart: (running) => writer.sampleStarted(running),
        ...sandboxOf(sample),
      });
    } finally {
      writer.sampleEnded({ id: sample.id, epoch });
    }
    if (outcome.status === 'cancelled') return { cancelled: true };
    try {
      await onSample(outcome.sample);
    } catch (error) {
      return { writeError: error };
    }
    ownSamplesWritten++;
    return { errorMessage: outcome.errored ? (outcome.sample.error?.message ?? '') : undefined };
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
    // Each distinct sandbox is started once, before any sample; a failure ends the task with an error in its log.
    await taskSandboxes.init([...sandboxSpecs.values()]).catch((error: unknown) => {
      failure = recordError(error);
    });
    // Tool calls in the task's samples go through its approval policy; MCP servers they start stop with the task.
    const workers = (): Promise<void[]> =>
      Promise.all(Array.from({ length: Math.max(1, Math.min(maxSamples, totalSamples)) }, worker));
    await withMcpServers(() => withApproval(approval, workers));
  } finally {
    run.signal.removeEventListener('abort', onAbort);
    cancelNow?.removeEventListener('abort', onCancelNow);
    stopObservingLimits();
    if (graceTimer) clearTimeout(graceTimer);
    await taskSandboxes.cleanup({ cleanup: options.sandboxCleanup ?? true, warn });
  }
  if (writeFailure) await abandonLog(writeFailure);

  const { results, reductions } = scoring.summarise({ totalSamples, completed });
  const status = failure ? 'error' : run.signal.aborted || cancelNow?.aborted ? 'cancelled' : 'success';
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
  }).catch(abandonLog);
  const log: EvalLog = { ...header, location: logPath };
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
