import { existsSync } from 'node:fs';
import path from 'node:path';
import { fromLogGenerateConfig, redactedMarker, type GenerateConfig } from '@assay/model';
import { modelsFromLog } from './models-from-log.js';
import type { EvalLog } from '../log/schema/index.js';
import type { ApprovalPolicyConfig } from '../approval/read-approval-policies.js';
import type { FailOnError } from '../task/task.js';
import type { SandboxConfig } from '../sandbox/define-sandbox.js';
import { checkOptionKeys } from '../util/unknown-option-error.js';
import { evalOptionKeys, type EvalOptions } from './eval-options.js';
import { evaluate, toTask, type TaskInput } from './evaluate.js';
import { localModelBaseUrl, recordedModelBaseUrl } from './model-base-url.js';
import { readLogHeader } from './read-log-header.js';
import { importTask, type TaskLoader } from './task-loader.js';
import { checkRecordedTaskFile } from './check-recorded-task-file.js';

/** Options of {@link evalRetry}: the log(s) to retry; any run option given overrides the log's. */
export interface EvalRetryOptions extends Omit<EvalOptions, 'model' | 'reuseSamplesFrom' | 'taskFile'> {
  /** The failed, cancelled or interrupted log(s) to finish. */
  log: string | readonly string[];
  /** Use this local task file instead of the one the log names (which must otherwise exist on this machine). */
  taskFile?: string;
  /** Run although the log recorded another model base URL than this machine's configuration. @default false */
  allowBaseUrlChange?: boolean;
  /** Loads the task from its file. @default a plain dynamic import */
  loadTask?: TaskLoader;
  /** Run this task (created with the options it should have) instead of loading the one the log names. */
  task?: TaskInput;
}

const evalRetryOptionKeys = [
  ...evalOptionKeys.filter((key) => key !== 'model' && key !== 'reuseSamplesFrom'),
  ...Object.keys({ log: true, allowBaseUrlChange: true, loadTask: true, task: true } satisfies Record<
    Exclude<keyof EvalRetryOptions, keyof EvalOptions>,
    true
  >),
];

/** Codes of {@link EvalRetryError}. */
export type EvalRetryErrorCode = 'task_file_missing' | 'task_file_refused' | 'model_base_url_mismatch' | 'model_args_redacted';

/** Error raised when a log cannot safely be retried here; the message says which option overrides the check. */
export class EvalRetryError extends Error {
  readonly code: EvalRetryErrorCode;
  readonly path: string;
  constructor(options: { code: EvalRetryErrorCode; message: string; path: string }) {
    super(options.message);
    this.name = 'EvalRetryError';
    this.code = options.code;
    this.path = options.path;
  }
}

/** The paths (`headers.X-Team`, `apiKey`) of values a log recorded as `***`: secrets it does not hold. */
function redactedPaths(value: unknown, prefix = ''): string[] {
  if (value === redactedMarker) return [prefix];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => redactedPaths(item, prefix === '' ? key : `${prefix}.${key}`));
}

/**
 * A recorded generate config without the extra headers or body whose secrets the log left out (`***`): sending
 * `***` would fail, and the task's own config, which set them, supplies them again.
 */
function withoutRedactedExtras(config: GenerateConfig): GenerateConfig {
  const { extraHeaders, extraBody, ...rest } = config;
  return {
    ...rest,
    ...(extraHeaders && redactedPaths(extraHeaders).length === 0 ? { extraHeaders } : {}),
    ...(extraBody && redactedPaths(extraBody).length === 0 ? { extraBody } : {}),
  };
}

function optional<TValue>(value: TValue | null | undefined): TValue | undefined {
  return value === null ? undefined : value;
}

/** The run options a log records (as Inspect's `eval_retry` rebuilds them), under any given explicitly. */
function logOptions(log: EvalLog, options: EvalOptions): EvalOptions {
  const config = log.eval.config as Record<string, unknown>;
  // Role models as recorded, each with its own args and generate config.
  const { roles } = modelsFromLog(log.eval);
  const recorded: EvalOptions = {
    modelArgs: { ...log.eval.model_args, ...options.modelArgs },
    modelRoles: roles,
    config: withoutRedactedExtras(fromLogGenerateConfig(log.eval.model_generate_config ?? {})),
    limit: optional(config.limit as EvalOptions['limit'] | null),
    sampleIds: optional(config.sample_id as Array<string | number> | null),
    epochs: optional(config.epochs as number | null),
    epochsReducer: optional(config.epochs_reducer as string[] | null),
    failOnError: optional(config.fail_on_error as FailOnError | null),
    retryOnError: optional(config.retry_on_error as number | null),
    messageLimit: optional(config.message_limit as number | null),
    tokenLimit: optional(config.token_limit as number | null),
    turnLimit: optional(config.turn_limit as number | null),
    timeLimit: optional(config.time_limit as number | null),
    workingLimit: optional(config.working_limit as number | null),
    costLimit: optional(config.cost_limit as number | null),
    maxSamples: optional(config.max_samples as number | null),
    // As Inspect: the approval policy recorded is applied again (resolved once the task file has defined its approvers).
    approval: optional(config.approval as ApprovalPolicyConfig | null),
    // The sandbox as the log records it (the eval's, else the task's; its config file path absolute).
    sandbox: optional(log.eval.sandbox as { type: string; config: SandboxConfig } | null | undefined),
    maxSandboxes: optional(config.max_sandboxes as number | null),
    sandboxCleanup: optional(config.sandbox_cleanup as boolean | null),
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return {
    ...recorded,
    ...given,
    modelArgs: recorded.modelArgs,
    config: { ...recorded.config, ...options.config },
    modelRoles: { ...recorded.modelRoles, ...options.modelRoles },
  };
}

/**
 * Reruns failed or cancelled logs with the same task, model and options, reusing every sample that completed (also
 * from a `.eval` left incomplete by a crash); each new log holds all samples. A log is data, not code: the task file
 * it names is loaded only when it resolves (after links) inside the current directory, outside node_modules, and is an
 * ordinary task file (else pass `taskFile`); a recorded model base URL must match the local one.
 * @example const [log] = await evalRetry({ log: 'logs/2026-06-10T10-00-00+00-00_qa_abc.eval' });
 */
export async function evalRetry(options: EvalRetryOptions): Promise<EvalLog[]> {
  checkOptionKeys({ where: 'evalRetry()', value: options, known: evalRetryOptionKeys });
  const logs: EvalLog[] = [];
  const loadTask = options.loadTask ?? importTask;
  for (const logPath of [options.log].flat()) {
    const { log } = await readLogHeader({ path: logPath });
    const file = options.taskFile ?? log.eval.task_file ?? undefined;
    if (!options.task && (!file || !existsSync(path.resolve(file)))) {
      throw new EvalRetryError({
        code: 'task_file_missing',
        path: logPath,
        message: `${logPath}: its task file ${file ? `"${file}" ` : ''}is not on this machine. A log is data, not code, so it is not looked for elsewhere; pass the local task file to use (--task-file).`,
      });
    }
    // The task file a log names is loaded only when it is an ordinary task file inside the current directory, and
    // that is decided before anything is imported; a file the user names (--task-file) is theirs to choose.
    let load = file ? path.resolve(file) : undefined;
    if (!options.task && !options.taskFile && file) {
      const checked = checkRecordedTaskFile({ file, cwd: process.cwd() });
      if ('refused' in checked) {
        throw new EvalRetryError({
          code: 'task_file_refused',
          path: logPath,
          message: `${logPath}: its task file "${file}" ${checked.refused}. A log is data, not code: the task file it names is loaded only when it is an ordinary task file inside the current directory, so it was not loaded; pass the task file to use with --task-file.`,
        });
      }
      load = checked.path;
    }
    // Compared as logs record them (credentials and query values as ***); a log never holds more.
    const logBaseUrl = recordedModelBaseUrl(log.eval.model_base_url ?? undefined);
    const localBaseUrl = recordedModelBaseUrl(localModelBaseUrl(log.eval.model));
    if (logBaseUrl !== undefined && logBaseUrl !== localBaseUrl && !options.allowBaseUrlChange) {
      throw new EvalRetryError({
        code: 'model_base_url_mismatch',
        path: logPath,
        message: `${logPath}: the log used the model base URL ${logBaseUrl}, but this machine is configured for ${localBaseUrl ?? "the provider's default"}. Your API key is not sent to a URL taken from a log; to rerun against the local configuration pass --allow-base-url-change.`,
      });
    }
    const missingArgs = redactedPaths({ ...log.eval.model_args, ...options.modelArgs });
    if (missingArgs.length > 0) {
      throw new EvalRetryError({
        code: 'model_args_redacted',
        path: logPath,
        message: `${logPath}: the log records the model args ${missingArgs.join(', ')} as ${redactedMarker} (secrets are never written to a log). Pass them again with -M (modelArgs), e.g. -M ${missingArgs[0]!.split('.')[0]}=...`,
      });
    }
    const task = options.task
      ? await toTask(options.task)
      : await loadTask({ file: load!, task: log.eval.task, args: log.eval.task_args ?? {} });
    const { taskFile: _taskFile, allowBaseUrlChange: _allow, loadTask: _load, log: _log, task: _task, ...rest } = options;
    const run = logOptions(log, rest);
    const [result] = await evaluate(file ? { ...task, file } : task, {
      ...run,
      model: log.eval.model,
      logDir: options.logDir ?? path.dirname(path.resolve(logPath)),
      logFormat: options.logFormat ?? (logPath.toLowerCase().endsWith('.json') ? 'json' : 'eval'),
      reuseSamplesFrom: logPath,
      ...(file ? { taskFile: file } : {}),
    });
    if (result) logs.push(result);
    if (options.signal?.aborted) break;
  }
  return logs;
}
