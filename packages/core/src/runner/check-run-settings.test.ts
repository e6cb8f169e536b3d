import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { task, type Task } from '../task/task.js';
import { EvalOptionsError } from './eval-options-error.js';
import { evaluate } from './evaluate.js';

let root: string;
let logDir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'assay-run-settings-'));
  logDir = path.join(root, 'logs');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const dataset = [{ id: 'one', input: 'Say hi', target: 'hi' }];

async function rejection(run: Promise<unknown>): Promise<EvalOptionsError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EvalOptionsError);
  // Nothing was started: no log directory, let alone a `started` log.
  expect(await readdir(root)).toEqual([]);
  return error as EvalOptionsError;
}

describe('evaluate checks numeric settings before any log is created', () => {
  it.each([
    [{ maxConnections: 0 }, 'maxConnections'],
    [{ maxConnections: -1 }, 'maxConnections'],
    [{ epochs: 0 }, 'epochs'],
    [{ maxSamples: 0 }, 'maxSamples'],
    [{ maxTasks: 1.5 }, 'maxTasks'],
    [{ tokenLimit: '100' }, 'tokenLimit'],
    [{ messageLimit: Number.NaN }, 'messageLimit'],
    [{ timeLimit: 0 }, 'timeLimit'],
    [{ retryOnError: -1 }, 'retryOnError'],
    [{ failOnError: 1.5 }, 'failOnError'],
    [{ logBuffer: 0 }, 'logBuffer'],
    [{ cancelGrace: -1 }, 'cancelGrace'],
    [{ config: { maxConnections: 0 } }, 'config.maxConnections'],
    [{ config: { temperature: 'hot' } }, 'config.temperature'],
  ])('%j fails naming %s', async (options, option) => {
    const error = await rejection(
      evaluate(task({ dataset }), { model: 'mockllm/model', logDir, ...(options as Record<string, unknown>) }),
    );
    expect(error.code).toBe('eval_options_invalid');
    expect(error.option).toBe(option);
    expect(error.message).toContain(`eval options: ${option} `);
  });

  it("checks a task's own limits and config, naming the task", async () => {
    const stringLimit = task({ name: 'qa', dataset, tokenLimit: '100' as unknown as number });
    const error = await rejection(evaluate(stringLimit, { model: 'mockllm/model', logDir }));
    expect(error.message).toBe('task "qa": tokenLimit must be a whole number of 1 or more, got "100" (a string); write tokenLimit: 100.');

    const noConnections = task({ name: 'qa', dataset, config: { maxConnections: 0 } });
    const connections = await rejection(evaluate(noConnections, { model: 'mockllm/model', logDir }));
    expect(connections.option).toBe('config.maxConnections');
  });

  it('accepts every setting at the edge of its range', async () => {
    const edge: Task = task({ dataset, tokenLimit: 1, messageLimit: 1, turnLimit: 1, timeLimit: 0.5, failOnError: 0 });
    const [log] = await evaluate(edge, {
      model: 'mockllm/model',
      logDir,
      maxConnections: 1,
      maxSamples: 1,
      maxTasks: 1,
      retryOnError: 0,
      cancelGrace: 0,
      logFlushInterval: 0,
    });
    expect(log?.status).toBeDefined();
  });
});
