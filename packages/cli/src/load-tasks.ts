import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Task, TaskFactory } from '@assay/core';
import { CliUsageError } from './cli-error.js';

/** A task found in a task file, ready to be created with options. */
export interface LoadedTask {
  name: string;
  file: string;
  /** Creates the task (a `defineTask` factory's `create` may be async). */
  create: (options: Record<string, unknown>) => Promise<Task>;
}

function isTask(value: unknown): value is Task {
  return typeof value === 'object' && value !== null && 'dataset' in value && 'solver' in value && 'scorers' in value;
}

function isTaskFactory(value: unknown): value is TaskFactory {
  return typeof value === 'function' && (value as { kind?: string }).kind === 'task-factory';
}

let tsxRegistered = false;

/**
 * One line for a task file that does not compile (`file:line:column: message`, from esbuild) or throws while it
 * loads (`file:line: message`, from the first stack frame in that file).
 */
export function describeLoadError(options: { error: unknown; file: string; absolute: string }): string {
  const { error, file, absolute } = options;
  const message = error instanceof Error ? error.message : String(error);
  // A dataset error already names its file, line and field.
  if ((error as { code?: unknown }).code === 'dataset_error') return message;
  const compile = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (compile) {
    const where = compile[1] === absolute ? file : compile[1];
    return `${where}:${compile[2]}:${compile[3]}: ${compile[4]} (the task file does not compile).`;
  }
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = absolute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+)(?::(\\d+))?`).exec(stack);
  const firstLine = message.split('\n')[0] ?? message;
  return frame ? `${file}:${frame[1]}: ${firstLine}` : `${file}: could not load the task file: ${firstLine}`;
}

/** Lets Node import TypeScript files (once; only when `file` is one), so task files need no build step. */
export async function registerTypeScript(file: string): Promise<void> {
  if (tsxRegistered || !/\.[cm]?tsx?$/.test(file)) return;
  // Task files import @assay/core: loaded first, it goes through Node's own loader rather than tsx's hooks, which
  // makes a cold `assay eval` about 150 ms faster.
  await import('@assay/core');
  const { register } = await import('tsx/esm/api');
  register();
  tsxRegistered = true;
}

/** Loads the tasks a `FILE[@task]` argument names: every exported task of the file, or the named one. */
export async function loadTasks(spec: string): Promise<LoadedTask[]> {
  const at = spec.lastIndexOf('@');
  const file = at > 0 ? spec.slice(0, at) : spec;
  const wanted = at > 0 ? spec.slice(at + 1) : undefined;
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new CliUsageError(`${file}: task file not found.`);
  await registerTypeScript(absolute);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliUsageError(describeLoadError({ error, file, absolute }));
  }
  const tasks: LoadedTask[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (isTaskFactory(value)) {
      tasks.push({ name: value.taskName, file, create: async (options) => ({ ...(await value(options)), file }) });
    } else if (isTask(value)) {
      const name = value.name === 'task' ? exportName : value.name;
      tasks.push({
        name,
        file,
        create: async (options) => {
          if (Object.keys(options).length > 0) {
            throw new CliUsageError(`task "${value.name}" takes no options (-T); define it with defineTask to add some.`);
          }
          return { ...value, name, file };
        },
      });
    }
  }
  const selected = wanted ? tasks.filter((loaded) => loaded.name === wanted) : tasks;
  if (selected.length === 0) {
    const names = tasks.map((loaded) => loaded.name).join(', ') || 'none';
    throw new CliUsageError(
      wanted ? `${file}: no task named "${wanted}" (found: ${names}).` : `${file}: exports no task (use task() or defineTask()).`,
    );
  }
  return selected;
}
