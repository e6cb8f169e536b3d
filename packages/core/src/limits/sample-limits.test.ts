import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getModel, ModelApiError, modelOutputFromContent } from '@assay/model';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evalAgent } from '../agent/__fixtures__/agent-eval.js';
import { asSolver } from '../agent/as-solver.js';
import { handoff } from '../agent/handoff.js';
import { react } from '../agent/react.js';
import { textOutput, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { readEvalLog } from '../log/node/index.js';
import { evaluate } from '../runner/evaluate.js';
import { generate } from '../solver/generate.js';
import { task } from '../task/task.js';
import { defineTool } from '../tools/define-tool.js';

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers.',
  parameters: z.object({ x: z.number(), y: z.number() }),
  execute: ({ x, y }) => x + y,
});
const adding = (count: number) => Array.from({ length: count }, (_, index) => toolCallOutput([['add', { x: index, y: 1 }, `c${index}`]]));

function limitEvents(sample: { events: unknown[] }): Array<Record<string, unknown>> {
  return (sample.events as Array<Record<string, unknown>>).filter((event) => event.event === 'sample_limit');
}

describe('sample-wide limits', () => {
  it('costLimit ends the sample once its calls, priced with modelCostConfig, cost more', async () => {
    const { sample, raw, calls } = await evalAgent({
      outputs: adding(5),
      solver: asSolver(react({ tools: [add] })),
      eval: { costLimit: 0.000001, modelCostConfig: { 'mockllm/model': { input: 1000, output: 1000 } } },
    });
    expect(calls).toHaveLength(1);
    expect(sample.limit).toEqual({ type: 'cost', limit: 0.000001 });
    expect(limitEvents(sample)).toEqual([expect.objectContaining({ type: 'cost', limit: 0.000001 })]);
    expect(limitEvents(sample)[0]!.message).toMatch(/^Cost limit exceeded\. value: \$0\.\d+; limit: \$0\.000001$/);
    expect((raw.eval as { config: Record<string, unknown> }).config.cost_limit).toBe(0.000001);
    expect(sample.scores?.includes).toBeDefined();
  });

  it('a cost limit without a price for the model is a sample error saying what to set', async () => {
    const { sample } = await evalAgent({ outputs: [textOutput('5')], solver: generate(), eval: { costLimit: 1 } });
    expect(sample.error?.message).toMatch(/model "mockllm\/model" has no price: add it to modelCostConfig/);
  });

  it('workingLimit ends the sample with a working limit, recorded in the log', async () => {
    const { sample, raw, calls } = await evalAgent({
      outputs: adding(5),
      solver: asSolver(react({ tools: [add] })),
      eval: { workingLimit: 1e-9 },
    });
    // Checked before each model call too: the sample has worked longer than that before its first.
    expect(calls).toHaveLength(0);
    expect(sample.limit).toEqual({ type: 'working', limit: 1e-9 });
    expect(limitEvents(sample)[0]!.message).toMatch(/^Working time limit exceeded/);
    expect((raw.eval as { config: Record<string, unknown> }).config.working_limit).toBe(1e-9);
  });

  it("the sample's working_time leaves out the time its model calls waited to retry", async () => {
    let attempts = 0;
    const limited = getModel('mockllm/model', {
      args: {
        customOutputs: () => {
          attempts++;
          if (attempts === 1) throw new ModelApiError({ message: 'rate limited', statusCode: 429, retryAfter: 0.3 });
          return modelOutputFromContent({ model: 'mockllm/model', content: '5' });
        },
      },
    });
    const logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-working-'));
    try {
      const [log] = await evaluate(task({ dataset: [{ input: 'What is 2 + 3?', target: '5' }], solver: generate() }), {
        model: limited,
        logDir,
        workingLimit: 100,
      });
      const sample = (await readEvalLog({ path: log!.location! })).samples![0]!;
      expect(attempts).toBe(2);
      expect(sample.limit ?? null).toBeNull();
      expect(sample.total_time! - sample.working_time!).toBeGreaterThanOrEqual(0.29);
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });

  it("the task's message and turn limits stop a react agent, and a sample-wide limit hit inside a handoff ends the sample", async () => {
    const limited = await evalAgent({ outputs: adding(5), solver: asSolver(react({ tools: [add] })), messageLimit: 4 });
    expect(limited.sample.limit).toEqual({ type: 'message', limit: 4 });
    expect(limited.calls).toHaveLength(1);
    const turns = await evalAgent({ outputs: adding(5), solver: asSolver(react({ tools: [add] })), eval: { turnLimit: 2 } });
    expect(turns.sample.limit).toEqual({ type: 'turn', limit: 2 });
    expect(turns.calls).toHaveLength(2);

    const helper = react({ name: 'helper', description: 'Helps.', tools: [add] });
    const inside = await evalAgent({
      outputs: [toolCallOutput([['transfer_to_helper', {}, 'h1']]), ...adding(5)],
      solver: asSolver(react({ tools: [handoff(helper)] })),
      eval: { tokenLimit: 60 },
    });
    expect(inside.sample.limit).toEqual({ type: 'token', limit: 60 });
  });
});
