import type { Model } from '@assay/model';
import type { EvalLog } from '../log/schema/index.js';
import type { ActiveModels } from '../model/active-model.js';
import type { TaskFactory } from '../task/define-task.js';
import type { Task } from '../task/task.js';
import { checkRunSettings } from './check-run-settings.js';
import { createEvalEventEmitter } from './eval-events.js';
import type { EvalOptions } from './eval-options.js';
import { shortId } from './log-file-name.js';
import { recordModelCalls } from './model-call-recorder.js';
import { runTask } from './run-task.js';
import { toRunModel } from './to-run-model.js';

/** A task, or a task factory called with its default options. */
export type TaskInput = Task | TaskFactory;

/** Error raised when no model is given for a task. */
export class NoModelError extends Error {
  readonly code = 'no_model';
  constructor(taskName: string) {
    super(
      `No model to evaluate task "${taskName}": pass \`model\` (e.g. "mockllm/model"), set it on the task, or set ASSAY_MODEL.`,
    );
    this.name = 'NoModelError';
  }
}

function toTask(input: TaskInput): Task {
  return typeof input === 'function' ? input() : input;
}

async function runLimited<TItem, TResult>(
  items: readonly TItem[],
  limit: number,
  fn: (item: TItem) => Promise<TResult>,
): Promise<TResult[]> {
  const results: TResult[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as TItem);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Runs tasks against models and writes a log per task × model; samples run concurrently and stream to disk.
 * @example const [log] = await evaluate(myTask, { model: 'mockllm/model' });
 */
export async function evaluate(tasks: TaskInput | TaskInput[], options: EvalOptions = {}): Promise<EvalLog[]> {
  const taskList = (Array.isArray(tasks) ? tasks : [tasks]).map(toTask);
  // Before any model loads or log is created: a bad number (maxConnections: 0) would hang or break the run.
  checkRunSettings({ evalOptions: options, tasks: taskList });
  const runId = shortId();
  const events = options.events ?? createEvalEventEmitter();
  const signal = options.signal ?? new AbortController().signal;
  const runs: Array<{ task: Task; model: Model; models: ActiveModels }> = [];
  for (const task of taskList) {
    const requested = options.model ?? task.model ?? process.env.ASSAY_MODEL;
    if (!requested) throw new NoModelError(task.name);
    const roles: Record<string, Model> = {};
    for (const [role, value] of Object.entries({ ...task.modelRoles, ...options.modelRoles })) {
      roles[role] = toRunModel({ value, role, modelArgs: options.modelArgs });
    }
    for (const value of Array.isArray(requested) ? requested : [requested]) {
      const model = toRunModel({ value, modelArgs: options.modelArgs });
      runs.push({ task, model, models: { model, roles } });
    }
  }
  // Load every provider first, so that an unknown provider or a missing API key fails now, before any log is started.
  const models = new Set(runs.flatMap((run) => [run.model, ...Object.values(run.models.roles)]));
  await Promise.all([...models].map((model) => model.load?.()));
  const unobserve = recordModelCalls({ runId, events });
  try {
    return await runLimited(runs, options.maxTasks ?? 1, (run) =>
      runTask({ ...run, options, events, signal, runId }),
    );
  } finally {
    unobserve();
  }
}
