// What evaluate() does with what a newcomer gives it: misspelt options, async task factories, a task's own model,
// role models given as specs, and selections that select nothing.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEvalLog } from '../log/node/index.js';
import { modelGradedQa } from '../scorer/index.js';
import { defineTask } from '../task/define-task.js';
import { task } from '../task/task.js';
import { EmptySelectionError } from './empty-selection-error.js';
import { evaluate } from './evaluate.js';
import { evalSet } from './eval-set.js';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-eval-inputs-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

const threeSamples = (): ReturnType<typeof task> =>
  task({ name: 'three', dataset: ['a', 'b', 'c'].map((id) => ({ id, input: `say ${id}`, target: id })) });

describe('evaluate options', () => {
  it('rejects Inspect-spelled and misspelt keys before running, naming the Assay spelling', async () => {
    await expect(
      evaluate(threeSamples(), { model: 'mockllm/model', logDir, message_limit: 5, maxConection: 2 } as never),
    ).rejects.toThrow(
      'Unknown options for evaluate(): "message_limit" (Assay spells it "messageLimit"), "maxConection" (did you mean "maxConnections"?).',
    );
    await expect(evalSet({ tasks: threeSamples(), logDir, model: 'mockllm/model', retry_attempts: 1 } as never)).rejects.toThrow(
      '"retry_attempts" (Assay spells it "retryAttempts")',
    );
    expect(await readdir(logDir)).toEqual([]);
  });
});

describe('an async defineTask create', () => {
  it('runs the task it resolves to, with its options recorded', async () => {
    const fewShot = defineTask({
      name: 'few_shot',
      options: z.object({ shots: z.number().default(1) }),
      create: async ({ shots }) => {
        // As Inspect's GSM8K reads its few-shot file before building the task.
        const examples = await Promise.resolve(Array.from({ length: shots }, (_, index) => `example ${index}`));
        return { dataset: [{ input: `${examples.join('; ')}. Now you.` }], model: 'mockllm/model' };
      },
    });
    const [log] = await evaluate(fewShot, { logDir });
    expect(log?.status).toBe('success');
    expect(log?.eval.task).toBe('few_shot');
    expect(log?.eval.task_args).toEqual({ shots: 1 });
    expect(log?.results?.completed_samples).toBe(1);
  });
});

describe('model precedence', () => {
  it("runs a task on its own model over the eval's, as Inspect does, and says so", async () => {
    const warnings: string[] = [];
    const own = task({ name: 'own', dataset: [{ input: 'x' }], model: 'mockllm/own' });
    const [ownLog, otherLog] = await evaluate([own, threeSamples()], {
      model: 'mockllm/given',
      logDir,
      onWarning: (message) => warnings.push(message),
    });
    expect(ownLog?.eval.model).toBe('mockllm/own');
    expect(otherLog?.eval.model).toBe('mockllm/given');
    expect(warnings).toEqual([
      'Task "own" runs on its own model mockllm/own, not on mockllm/given: a model set on the task takes precedence, as in Inspect.',
    ]);
  });

  it('builds a role model from a spec with its own config and args', async () => {
    const graded = task({ name: 'graded', dataset: [{ input: 'x', target: 'y' }], scorer: modelGradedQa() });
    const [log] = await evaluate(graded, {
      model: 'mockllm/model',
      modelRoles: { grader: { model: 'mockllm/grader', config: { temperature: 0 }, args: { defaultOutput: 'GRADE: C' } } },
      logDir,
    });
    expect(log?.status).toBe('success');
    expect(log?.eval.model_roles?.grader).toMatchObject({ model: 'mockllm/grader', config: { temperature: 0 } });
    const full = await readEvalLog({ path: log!.location! });
    expect(full.samples?.[0]?.scores?.model_graded_qa?.value).toBe('C');
  });

  it('rejects a role spec with a key that is not generate config', async () => {
    await expect(
      evaluate(threeSamples(), { model: 'mockllm/model', modelRoles: { grader: { model: 'mockllm/model', config: { temprature: 0 } as never } }, logDir }),
    ).rejects.toThrow('Unknown option for the generate config of the "grader" role model: "temprature" (did you mean "temperature"?)');
  });
});

describe('an empty selection', () => {
  it('fails before any log, naming sample ids that are not in the dataset', async () => {
    const run = evaluate(threeSamples(), { model: 'mockllm/model', logDir, sampleIds: ['x', 'y'] });
    await expect(run).rejects.toThrow(EmptySelectionError);
    await expect(evaluate(threeSamples(), { model: 'mockllm/model', logDir, sampleIds: ['x'] })).rejects.toThrow(
      'No sample of task "three" has the id "x" (its ids: "a", "b", "c").',
    );
    expect(await readdir(logDir)).toEqual([]);
  });

  it('warns about the ids it cannot find and runs the others', async () => {
    const warnings: string[] = [];
    const [log] = await evaluate(threeSamples(), { model: 'mockllm/model', logDir, sampleIds: ['b', 'z'], onWarning: (message) => warnings.push(message) });
    expect(log?.results?.completed_samples).toBe(1);
    expect(warnings).toEqual(['Task "three" has no sample with the id "z"; running the others.']);
  });

  it('fails for a limit range past the end, and runs every sample for a count past the end (as Inspect slices)', async () => {
    await expect(evaluate(threeSamples(), { model: 'mockllm/model', logDir, limit: [4, 9] })).rejects.toThrow(
      'The limit 5-9 selects no sample of task "three", which has 3 samples.',
    );
    await expect(evaluate(threeSamples(), { model: 'mockllm/model', logDir, limit: 0 })).rejects.toThrow(EmptySelectionError);
    const [all] = await evaluate(threeSamples(), { model: 'mockllm/model', logDir, limit: 10 });
    expect(all?.results?.completed_samples).toBe(3);
  });

  it('fails for a task with an empty dataset', async () => {
    await expect(evaluate(task({ name: 'empty', dataset: [] }), { model: 'mockllm/model', logDir })).rejects.toThrow(
      'Task "empty" has no samples: its dataset is empty.',
    );
  });
});
