import { pathToFileURL } from 'node:url';
import type { TaskFactory } from '../task/define-task.js';
import type { Task } from '../task/task.js';

/** Loads the task a log names from its task file (the CLI passes one that can import TypeScript). */
export type TaskLoader = (options: { file: string; task: string; args: Record<string, unknown> }) => Promise<Task>;

/** Error raised when a task file has no task of the name a log records. */
export class TaskNotFoundError extends Error {
  readonly code = 'task_not_found';
  constructor(options: { file: string; task: string }) {
    super(`${options.file} has no task named "${options.task}"; pass the task file it now lives in.`);
    this.name = 'TaskNotFoundError';
  }
}

function isTaskFactory(value: unknown): value is TaskFactory {
  return typeof value === 'function' && (value as { kind?: string }).kind === 'task-factory';
}

function isTask(value: unknown): value is Task {
  return typeof value === 'object' && value !== null && 'dataset' in value && 'solver' in value && 'scorers' in value;
}

/** Finds the task named `task` among a task module's exports and creates it with `args` (awaiting an async factory). */
export async function taskFromModule(options: {
  module: Record<string, unknown>;
  file: string;
  task: string;
  args: Record<string, unknown>;
}): Promise<Task> {
  for (const [exportName, value] of Object.entries(options.module)) {
    if (isTaskFactory(value) && value.taskName === options.task) return { ...(await value(options.args)), file: options.file };
    if (isTask(value) && (value.name === options.task || (value.name === 'task' && exportName === options.task))) {
      return { ...value, name: options.task, file: options.file };
    }
  }
  throw new TaskNotFoundError(options);
}

/** The default {@link TaskLoader}: imports the file with Node (JavaScript, or TypeScript when a loader is registered). */
export const importTask: TaskLoader = async (options) => {
  const module = (await import(pathToFileURL(options.file).href)) as Record<string, unknown>;
  return taskFromModule({ module, ...options });
};
