import type { GenerateConfig, Model } from '@assay/model/spec';
import type { ApprovalPolicy } from '../approval/approval-policy.js';
import type { ApprovalPolicyConfig } from '../approval/read-approval-policies.js';
import type { ScoreReducer } from '../metrics/metric.js';
import type { ModelCostConfig } from '../limits/model-cost.js';
import type { SandboxSpec } from '../sandbox/sandbox-spec.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { FailOnError } from '../task/task.js';
import type { EvalEventEmitter } from './eval-events.js';

/** Options of {@link evaluate}. Task-level settings are overridden by these when given. */
export interface EvalOptions {
  /**
   * Model(s) to evaluate (`provider/name` or a Model); several run every task once per model. A task that sets its own
   * `model` runs on that one instead, as in Inspect.
   */
  model?: string | Model | Array<string | Model>;
  /** Models bound to roles (`grader`): a name, a {@link ModelSpec} or a Model; override the task's roles. */
  modelRoles?: Record<string, string | Model | ModelSpec>;
  /** Provider arguments for models given by name (`-M key=value`). */
  modelArgs?: Record<string, unknown>;
  /** Generate config merged over the task's. */
  config?: GenerateConfig;
  /** Run only the first `n` samples, or samples `[start, end)`. */
  limit?: number | [number, number];
  /** Run only these sample ids. */
  sampleIds?: Array<string | number>;
  /** Override the task's epochs. */
  epochs?: number;
  /** Override the task's epoch reducers. */
  epochsReducer?: Array<string | ScoreReducer>;
  /** Concurrent connections per model. @default 10 */
  maxConnections?: number;
  /** Samples run at once per task. @default maxConnections + 1 */
  maxSamples?: number;
  /** Tasks run at once. @default 1 */
  maxTasks?: number;
  messageLimit?: number;
  tokenLimit?: number;
  turnLimit?: number;
  timeLimit?: number;
  /** See {@link TaskOptions.workingLimit}. */
  workingLimit?: number;
  /** See {@link TaskOptions.costLimit}. */
  costLimit?: number;
  /** Prices of models (dollars per million tokens) for cost limits, as Inspect's `--model-cost-config`. */
  modelCostConfig?: ModelCostConfig;
  /**
   * Tool approval for tasks that set none: policies, a policy file (YAML or JSON, Inspect's format; `--approval`), an
   * approver name (`human`, `auto`), or a policy config as a log records it (`eval.config.approval`).
   */
  approval?: string | ApprovalPolicy[] | ApprovalPolicyConfig;
  /** See {@link TaskOptions.failOnError}. @default true */
  failOnError?: FailOnError;
  /** Times a failed sample is retried before its error counts. @default 0 */
  retryOnError?: number;
  /** Directory logs are written to. @default "./logs" (or $ASSAY_LOG_DIR) */
  logDir?: string;
  /** @default "eval" */
  logFormat?: 'eval' | 'json';
  /** Aborting ends the run with status `cancelled`, keeping every finished sample. */
  signal?: AbortSignal;
  /**
   * Aborting cancels the samples in flight at once, without waiting out `cancelGrace` (the CLI's second Ctrl-C); the
   * run still ends with status `cancelled` and its log is written.
   */
  cancelNow?: AbortSignal;
  /** Emitter to report run events on; listen to it for progress and hooks. */
  events?: EvalEventEmitter;
  /** Where task files came from, keyed by task name (set by the CLI). */
  taskFile?: string;
  /**
   * Earlier logs of the same task and model to take finished samples from: only the other samples run, and the new
   * log holds every sample once (see `evalRetry` and `evalSet`). Logs of killed runs are recovered (an incomplete `.eval`, a `started` `.json` with its journal).
   */
  reuseSamplesFrom?: string | readonly string[];
  /** Seconds in-flight samples get to finish after `signal` aborts (no new samples start meanwhile). @default 0 */
  cancelGrace?: number;
  /** `.eval` only: seconds a finished sample may stay in memory before it is written to the file. @default 2 */
  logFlushInterval?: number;
  /**
   * `.eval` only: write samples condensed, as Inspect does (message and call pools in `events_data`, long strings
   * in `attachments`), so a transcript of N turns takes O(N) bytes rather than O(N²). Readers resolve either form.
   * @default true
   */
  logCondense?: boolean;
  /**
   * Show samples in `assay view` while they run (Inspect's `log_realtime`): the events of samples running longer than a
   * second go to a live buffer beside the log, removed when the log is finished.
   * @default true
   */
  logRealtime?: boolean;
  /**
   * Write finished samples to the log once this many are waiting (Inspect's `log_buffer`; for `.json`, to the journal
   * beside it), so a crash loses at most these and the samples in flight. With 1 (the CLI's default) each sample is on disk before its
   * worker starts another, and samples finishing during a write share the next one: a crash redoes only samples that
   * were in flight. Unset, samples are written by size and `logFlushInterval`.
   */
  logBuffer?: number;
  /**
   * The sandbox samples run in, over the task's (`--sandbox TYPE[:CONFIG]`); a sample's own `sandbox` still wins. A
   * relative config path is relative to the working directory.
   */
  sandbox?: SandboxSpec;
  /** Sample environments that may exist at once, per provider type. @default the provider's `defaultConcurrency()` */
  maxSandboxes?: number;
  /**
   * Remove each sample's environments when it ends, and the task's at the end (`--no-sandbox-cleanup` keeps them for
   * debugging and prints how to attach to each). @default true
   */
  sandboxCleanup?: boolean;
  /** Receives warnings (such as samples that could not be reused). @default console.warn */
  onWarning?: (message: string) => void;
}

/** Every key of {@link EvalOptions} (the compiler checks the list both ways), for the run-time check of options. */
export const evalOptionKeys: readonly string[] = Object.keys({
  model: true,
  modelRoles: true,
  modelArgs: true,
  config: true,
  limit: true,
  sampleIds: true,
  epochs: true,
  epochsReducer: true,
  maxConnections: true,
  maxSamples: true,
  maxTasks: true,
  messageLimit: true,
  tokenLimit: true,
  turnLimit: true,
  timeLimit: true,
  workingLimit: true,
  costLimit: true,
  modelCostConfig: true,
  approval: true,
  failOnError: true,
  retryOnError: true,
  logDir: true,
  logFormat: true,
  signal: true,
  events: true,
  taskFile: true,
  reuseSamplesFrom: true,
  cancelGrace: true,
  logFlushInterval: true,
  logCondense: true,
  logRealtime: true,
  logBuffer: true,
  cancelNow: true,
  onWarning: true,
  sandbox: true,
  maxSandboxes: true,
  sandboxCleanup: true,
} satisfies Record<keyof EvalOptions, true>);
