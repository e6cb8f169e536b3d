import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Model } from '@assay/model';
import { LogError } from '../log/log-error.js';
import type { EvalLog } from '../log/schema/index.js';
import type { Task } from '../task/task.js';
import { checkOptionKeys } from '../util/unknown-option-error.js';
import { evalOptionKeys, type EvalOptions } from './eval-options.js';
import { evaluate, toTask, type TaskInput } from './evaluate.js';
import { readLogHeader } from './read-log-header.js';
import { sampleJournalPath } from '../log/node/sample-journal.js';

/** Options of {@link evalSet}. */
export interface EvalSetOptions extends Omit<EvalOptions, 'logDir' | 'reuseSamplesFrom' | 'taskFile'> {
  tasks: TaskInput | readonly TaskInput[];
  /** The directory of the set: run again, what succeeded there is skipped and the rest resumed. */
  logDir: string;
  /** Further attempts of a task that did not succeed, each resuming the last. @default 10 */
  retryAttempts?: number;
  /** Seconds before the first further attempt; doubles each time, up to 30 minutes. @default 30 */
  retryWait?: number;
  /** Told before each further attempt. */
  onRetry?: (options: { task: string; model: string; attempt: number; waitSeconds: number; log: EvalLog }) => void;
}

const evalSetOptionKeys = [
  ...evalOptionKeys.filter((key) => key !== 'reuseSamplesFrom' && key !== 'taskFile'),
  ...Object.keys({ tasks: true, retryAttempts: true, retryWait: true, onRetry: true } satisfies Record<
    Exclude<keyof EvalSetOptions, keyof EvalOptions>,
    true
  >),
];

/** What {@link evalSet} did: whether every task × model succeeded, and the log of each. */
export interface EvalSetResult {
  success: boolean;
  logs: EvalLog[];
}

interface LogInDir {
  path: string;
  log: EvalLog;
  modified: number;
}

function sameArgs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

function sameSelection(log: EvalLog, task: Task, options: EvalOptions): boolean {
  const config = log.eval.config as { limit?: unknown; sample_id?: unknown; epochs?: unknown };
  return (
    sameArgs(config.limit ?? null, options.limit ?? null) &&
    sameArgs(config.sample_id ?? null, options.sampleIds ?? null) &&
    (config.epochs ?? 1) === (options.epochs ?? task.epochs)
  );
}

async function logsInDir(logDir: string): Promise<LogInDir[]> {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const found: LogInDir[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !(name.endsWith('.eval') || name.endsWith('.json')) || name === 'listing.json') continue;
    const file = path.join(logDir, name);
    try {
      const { log } = await readLogHeader({ path: file });
      found.push({ path: file, log: { ...log, location: file }, modified: (await stat(file)).mtimeMs });
    } catch (error) {
      // Files that are not eval logs (or cannot be read at all) are not part of the set.
      if (error instanceof LogError) continue;
      throw error;
    }
  }
  return found.sort((a, b) => b.modified - a.modified);
}

const sleep = (seconds: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, seconds * 1000);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Runs tasks × models into one log directory. Run again with the same directory, it skips every task × model whose
 * log succeeded and resumes the others, reusing their finished samples; a task that fails is retried up to
 * `retryAttempts` times with a doubling wait. Logs a resume has fully taken over are removed.
 * @example const { success } = await evalSet({ tasks: [qa, math], model: ['openai/gpt-4o', 'mockllm/model'], logDir: 'logs/set-1' });
 */
export async function evalSet(options: EvalSetOptions): Promise<EvalSetResult> {
  const { tasks, retryAttempts = 10, retryWait = 30, onRetry, ...evalOptions } = options;
  checkOptionKeys({ where: 'evalSet()', value: options, known: evalSetOptionKeys });
  const taskList: Task[] = await Promise.all([tasks].flat().map(toTask));
  const requested = options.model ?? process.env.ASSAY_MODEL;
  const models: Array<string | Model | undefined> = requested === undefined ? [undefined] : [requested].flat();
  const existing = await logsInDir(options.logDir);
  // A task's own model takes precedence over the set's (as in evaluate()), so such a task runs once.
  const runs = taskList.flatMap((task) => (task.model === undefined ? models : [undefined]).map((model) => ({ task, model })));

  const runOne = async (run: { task: Task; model: string | Model | undefined }): Promise<EvalLog> => {
    const modelName = run.task.model ?? (typeof run.model === 'string' ? run.model : run.model?.name);
    const mine = existing.filter(
      (entry) =>
        entry.log.eval.task === run.task.name &&
        (modelName === undefined || entry.log.eval.model === (typeof modelName === 'string' ? modelName : modelName.name)) &&
        sameArgs(entry.log.eval.task_args, run.task.args),
    );
    // A success counts only if it ran the same selection; any matching log's finished samples can be reused.
    const done = mine.find(
      (entry) => entry.log.status === 'success' && !entry.log.invalidated && sameSelection(entry.log, run.task, evalOptions),
    );
    if (done) return done.log;
    let previous = mine.map((entry) => entry.path);
    for (let attempt = 0; ; attempt++) {
      const [log] = await evaluate(run.task, {
        ...evalOptions,
        ...(run.model === undefined ? {} : { model: run.model }),
        maxTasks: 1,
        logDir: options.logDir,
        ...(previous.length > 0 ? { reuseSamplesFrom: previous } : {}),
      });
      if (!log) throw new Error(`evalSet: no log for task "${run.task.name}".`);
      // The new log holds every sample the earlier ones had to give, so they go (as in Inspect's eval-set).
      // (A `.json` log of a killed run goes with the journal of its samples.)
      const taken = previous.filter((file) => file !== log.location);
      await Promise.all([...taken, ...taken.map((file) => sampleJournalPath({ path: file }))].map((file) => rm(file, { force: true })));
      previous = log.location ? [log.location] : [];
      if (log.status === 'success' || options.signal?.aborted || attempt >= retryAttempts) return log;
      const waitSeconds = Math.min(retryWait * 2 ** attempt, 1800);
      onRetry?.({ task: run.task.name, model: log.eval.model, attempt: attempt + 1, waitSeconds, log });
      await sleep(waitSeconds, options.signal);
      if (options.signal?.aborted) return log;
    }
  };

  const logs: EvalLog[] = new Array(runs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runs.length) {
      const index = next++;
      logs[index] = await runOne(runs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.maxTasks ?? 1, runs.length)) }, worker));
  return { success: logs.every((log) => log.status === 'success'), logs };
}
