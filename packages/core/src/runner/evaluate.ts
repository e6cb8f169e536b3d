import type { Model } from '@assay/model';
import type { EvalLog } from '../log/schema/index.js';
import type { ActiveModels } from '../model/active-model.js';
import type { TaskFactory } from '../task/define-task.js';
import type { Task } from '../task/task.js';
import { checkRunSettings } from './check-run-settings.js';
import { createEvalEventEmitter } from './eval-events.js';
import { evalOptionKeys, type EvalOptions } from './eval-options.js';
import { shortId } from './log-file-name.js';
import { recordModelCalls } from './model-call-recorder.js';
import { runTask, selectedSamples } from './run-task.js';
import { planTaskSandboxes, type TaskSandboxPlan } from './plan-task-sandboxes.js';
import { createSandboxLimiter } from '../sandbox/sandbox-limiter.js';
import { toRunModel } from './to-run-model.js';
import { checkOptionKeys } from '../util/unknown-option-error.js';
import { checkSelection } from './check-selection.js';

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

/** The task of a {@link TaskInput}: a task factory is called with its default options (and awaited if async). */
export async function toTask(input: TaskInput): Promise<Task> {
  return typeof input === 'function' ? await input() : input;
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

function modelName(model: string | Model): string {
  return typeof model === 'string' ? model : model.name;
}

function warnModelKept(options: { task: Task; model: NonNullable<EvalOptions['model']>; warn: (message: string) => void }): void {
  const own = modelName(options.task.model!);
  const given = [options.model].flat().map(modelName).filter((name) => name !== own);
  if (given.length === 0) return;
  options.warn(
    `Task "${options.task.name}" runs on its own model ${own}, not on ${given.join(', ')}: a model set on the task takes precedence, as in Inspect.`,
  );
}

/**
 * Runs tasks against models and writes a log per task × model; samples run concurrently and stream to disk.
 * @example const [log] = await evaluate(myTask, { model: 'mockllm/model' });
 */
export async function evaluate(tasks: TaskInput | TaskInput[], options: EvalOptions = {}): Promise<EvalLog[]> {
  checkOptionKeys({ where: 'evaluate()', value: options, known: evalOptionKeys });
  const taskList = await Promise.all((Array.isArray(tasks) ? tasks : [tasks]).map(toTask));
  // Before any model loads or log is created: a bad number (maxConnections: 0) would hang or break the run.
  checkRunSettings({ evalOptions: options, tasks: taskList });
  const runId = shortId();
  const events = options.events ?? createEvalEventEmitter();
  const signal = options.signal ?? new AbortController().signal;
  const runs: Array<{ task: Task; model: Model; models: ActiveModels; sandboxPlan: TaskSandboxPlan }> = [];
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  for (const task of taskList) {
    checkSelection({ task, eval: options, warn });
    // An unknown sandbox type or a missing config file fails here, before any model loads or log is created.
    const sandboxPlan = planTaskSandboxes({ task, eval: options, samples: selectedSamples(task, options) });
    // As in Inspect (`task.model or model`): a task's own model wins over the eval's, which applies to the others.
    const requested = task.model ?? options.model ?? process.env.ASSAY_MODEL;
    if (!requested) throw new NoModelError(task.name);
    if (task.model !== undefined && options.model !== undefined) warnModelKept({ task, model: options.model, warn });
    const roles: Record<string, Model> = {};
    for (const [role, value] of Object.entries({ ...task.modelRoles, ...options.modelRoles })) {
      roles[role] = toRunModel({ value, role, modelArgs: options.modelArgs });
    }
    for (const value of Array.isArray(requested) ? requested : [requested]) {
      const model = toRunModel({ value, modelArgs: options.modelArgs });
      runs.push({ task, model, models: { model, roles }, sandboxPlan });
    }
  }
  // Load every provider first, so that an unknown provider or a missing API key fails now, before any log is started.
  const models = new Set(runs.flatMap((run) => [run.model, ...Object.values(run.models.roles)]));
  await Promise.all([...models].map((model) => model.load?.()));
  const unobserve = recordModelCalls({ runId, events });
  const sandboxLimiter = createSandboxLimiter({ maxSandboxes: options.maxSandboxes });
  try {
    return await runLimited(runs, options.maxTasks ?? 1, (run) =>
      runTask({ ...run, options, events, signal, runId, sandboxLimiter }),
    );
  } finally {
    unobserve();
  }
}
