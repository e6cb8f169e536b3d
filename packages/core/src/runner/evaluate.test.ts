import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getModel, modelOutputFromContent } from '@assay/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEvalLog } from '../log/node/index.js';
import { includes, modelGradedQa } from '../scorer/index.js';
import { defineSolver, generate } from '../solver/index.js';
import { task } from '../task/task.js';
import { evaluate } from './evaluate.js';
import { createEvalEventEmitter } from './eval-events.js';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-eval-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** A model answering each prompt by a lookup, counting its calls. */
function scriptedModel(answer: (prompt: string) => string): { model: ReturnType<typeof getModel>; calls: () => number } {
  let calls = 0;
  const model = getModel('mockllm/model', {
    args: {
      customOutputs: (options: { input: Array<{ role: string; content: unknown }> }) => {
        calls += 1;
        const last = options.input.filter((message) => message.role === 'user').at(-1);
        return modelOutputFromContent({ model: 'model', content: answer(String(last?.content ?? '')) });
      },
    },
  });
  return { model, calls: () => calls };
}

function metric(log: Awaited<ReturnType<typeof evaluate>>[number], name: string): number | undefined {
  return log.results?.scores[0]?.metrics[name]?.value as number | undefined;
}

describe('evaluate', () => {
  it('runs a task on mockllm and writes exact accuracy and stderr', async () => {
    const { model, calls } = scriptedModel((prompt) => (prompt.includes('4') ? 'no idea' : 'the answer is yes'));
    const capitals = task({
      name: 'yes_task',
      dataset: [1, 2, 3, 4].map((n) => ({ id: n, input: `question ${n}`, target: 'yes' })),
      solver: generate(),
      scorer: includes(),
    });
    const [log] = await evaluate(capitals, { model, logDir });
    expect(log?.status).toBe('success');
    // values [1, 1, 1, 0]: mean 0.75; sample variance (3·0.0625 + 0.5625)/3 = 0.25; stderr = sqrt(0.25/4) = 0.25
    expect(metric(log!, 'accuracy')).toBe(0.75);
    expect(metric(log!, 'stderr')).toBeCloseTo(0.25, 12);
    expect(calls()).toBe(4);
    const full = await readEvalLog({ path: log!.location! });
    expect(full.samples).toHaveLength(4);
    expect(full.results?.completed_samples).toBe(4);
    const sample = full.samples!.find((item) => item.id === 4)!;
    expect(sample.scores?.includes?.value).toBe('I');
    const kinds = sample.events.map((event) => event.event);
    expect(kinds).toContain('sample_init');
    expect(kinds).toContain('model');
    expect(kinds).toContain('score');
    expect(Object.keys(sample.model_usage)).toEqual(['mockllm/model']);
  });

  it('writes json logs too and emits typed events', async () => {
    const events = createEvalEventEmitter();
    const seen: string[] = [];
    events.on('sample-end', (event) => seen.push(`${event.sample.id}`));
    const { model } = scriptedModel(() => 'yes');
    const [log] = await evaluate(
      task({ dataset: [{ input: 'a', target: 'yes' }, { input: 'b', target: 'yes' }], scorer: includes() }),
      { model, logDir, logFormat: 'json', events },
    );
    expect(log?.location?.endsWith('.json')).toBe(true);
    expect(seen.sort()).toEqual(['1', '2']);
    expect(metric(log!, 'accuracy')).toBe(1);
    // The reductions are streamed into the file; the returned log builds the same ones when they are read.
    const full = await readEvalLog({ path: log!.location! });
    expect(full.samples).toHaveLength(2);
    expect(full.reductions).toEqual([{ scorer: 'includes', reducer: 'mean', samples: expect.any(Array) }]);
    expect(full.reductions![0]!.samples.map((item) => [item.sample_id, item.value])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(log!.reductions).toEqual(full.reductions);
  });

  describe('failOnError', () => {
    const failing = (k: number) =>
      defineSolver({
        name: 'fail_first_k',
        create: () => async (state) => {
          if (Number(state.sampleId) <= k) throw new Error(`sample ${state.sampleId} broke`);
          return state;
        },
      })();
    const run = async (k: number, failOnError: boolean | number) => {
      const { model } = scriptedModel(() => 'yes');
      const [log] = await evaluate(
        task({
          dataset: Array.from({ length: 100 }, (_, index) => ({ id: index + 1, input: `q${index}`, target: 'yes' })),
          solver: [failing(k), generate()],
          scorer: includes(),
        }),
        { model, logDir, failOnError, maxSamples: 1 },
      );
      return log!;
    };

    it('0.1 of 100 passes with 10 errors (threshold is "more than")', async () => {
      const log = await run(10, 0.1);
      expect(log.status).toBe('success');
      expect(log.results?.completed_samples).toBe(90);
      expect(metric(log, 'accuracy')).toBe(1);
    });
    it('0.1 of 100 fails with 11 errors, and the log keeps the samples that ran', async () => {
      const log = await run(11, 0.1);
      expect(log.status).toBe('error');
      expect(log.error?.message).toMatch(/11 of 100 samples failed/);
      const full = await readEvalLog({ path: log.location! });
      expect(full.samples!.length).toBeGreaterThanOrEqual(11);
      expect(full.samples!.filter((sample) => sample.error)).toHaveLength(11);
    });
    it('true fails at the first error', async () => {
      const log = await run(1, true);
      expect(log.status).toBe('error');
    });
    it('false never fails, and every other sample is scored', async () => {
      const log = await run(50, false);
      expect(log.status).toBe('success');
      expect(log.results?.completed_samples).toBe(50);
      const full = await readEvalLog({ path: log.location! });
      expect(full.samples).toHaveLength(100);
    });
    it('a count fails past that many errors', async () => {
      expect((await run(3, 3)).status).toBe('success');
      expect((await run(4, 3)).status).toBe('error');
    });
  });

  it('retryOnError retries a sample and keeps its earlier errors', async () => {
    let attempts = 0;
    const flaky = defineSolver({
      name: 'flaky',
      create: () => async (state) => {
        attempts += 1;
        if (attempts <= 2) throw new Error(`attempt ${attempts} failed`);
        return state;
      },
    })();
    const { model } = scriptedModel(() => 'yes');
    const [log] = await evaluate(
      task({ dataset: [{ input: 'q', target: 'yes' }], solver: [flaky, generate()], scorer: includes() }),
      { model, logDir, retryOnError: 2 },
    );
    expect(log?.status).toBe('success');
    const full = await readEvalLog({ path: log!.location! });
    const sample = full.samples![0]!;
    expect(sample.error ?? null).toBeNull();
    expect(sample.scores?.includes?.value).toBe('C');
    expect(sample.error_retries?.map((error) => error.message)).toEqual([
      'Error: attempt 1 failed',
      'Error: attempt 2 failed',
    ]);
  });

  describe('limits stop a sample, which is then scored, not errored', () => {
    const loopModel = () =>
      getModel('mockllm/model', {
        args: {
          customOutputs: () =>
            modelOutputFromContent({ model: 'model', content: 'still thinking yes' }),
        },
      });
    const keepGoing = defineSolver({
      name: 'keep_going',
      create: () => async (state, generate) => {
        for (;;) {
          state = await generate(state);
          state.messages.push({ role: 'user', content: 'continue' });
        }
      },
    });
    const check = async (options: { messageLimit?: number; tokenLimit?: number; timeLimit?: number }, type: string) => {
      const [log] = await evaluate(
        task({ dataset: [{ input: 'go', target: 'yes' }], solver: keepGoing(), scorer: includes(), ...options }),
        { model: loopModel(), logDir },
      );
      expect(log?.status).toBe('success');
      const sample = (await readEvalLog({ path: log!.location! })).samples![0]!;
      expect(sample.error ?? null).toBeNull();
      expect(sample.limit?.type).toBe(type);
      expect(sample.scores?.includes?.value).toBe('C');
      expect(sample.events.filter((event) => event.event === 'sample_limit')).toHaveLength(1);
      return sample;
    };
    it('message limit', async () => {
      const sample = await check({ messageLimit: 5 }, 'message');
      expect(sample.limit?.limit).toBe(5);
    });
    it('token limit', async () => {
      const sample = await check({ tokenLimit: 40 }, 'token');
      expect(sample.limit?.limit).toBe(40);
    });
    it('time limit', async () => {
      let calls = 0;
      const slow = getModel('mockllm/model', {
        args: {
          latency: 20,
          customOutputs: () => {
            calls += 1;
            return modelOutputFromContent({ model: 'model', content: 'mockllm says yes' });
          },
        },
      });
      const [log] = await evaluate(
        task({ dataset: [{ input: 'go', target: 'mockllm' }], solver: keepGoing(), scorer: includes(), timeLimit: 0.3 }),
        { model: slow, logDir },
      );
      const sample = (await readEvalLog({ path: log!.location! })).samples![0]!;
      expect(sample.limit).toEqual({ type: 'time', limit: 0.3 });
      expect(sample.events.filter((event) => event.event === 'sample_limit')).toHaveLength(1);
      expect(sample.scores?.includes).toBeDefined();
      // The limit stops the solver too: no model calls after the sample was written.
      const callsAtEnd = calls;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(callsAtEnd);
    });
    it('grader calls while scoring do not count against the token limit', async () => {
      const grader = getModel('mockllm/model', {
        args: { customOutputs: () => modelOutputFromContent({ model: 'grader', content: `${'long '.repeat(400)} GRADE: C` }) },
      });
      const [log] = await evaluate(
        task({ dataset: [{ input: 'hi', target: 'x' }], scorer: modelGradedQa(), tokenLimit: 100 }),
        { model: 'mockllm/model', modelRoles: { grader }, logDir },
      );
      const sample = (await readEvalLog({ path: log!.location! })).samples![0]!;
      expect(sample.error ?? null).toBeNull();
      expect(sample.limit ?? null).toBeNull();
      expect(sample.scores?.model_graded_qa?.value).toBe('C');
    });
  });

  it('fails before any log is started when a model (or a role model) has no API key', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const hello = task({ name: 'hello', dataset: [{ input: 'Hi', target: 'hi' }], solver: generate(), scorer: includes() });
      await expect(evaluate(hello, { model: 'anthropic/claude-x', logDir })).rejects.toMatchObject({
        code: 'missing_api_key',
        message: expect.stringContaining('ANTHROPIC_API_KEY'),
      });
      await expect(
        evaluate(hello, { model: 'mockllm/model', modelRoles: { grader: 'anthropic/claude-x' }, logDir }),
      ).rejects.toMatchObject({ code: 'missing_api_key' });
      expect(await readdir(logDir)).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('an aborted run is cancelled and keeps every finished sample', async () => {
    const controller = new AbortController();
    const events = createEvalEventEmitter();
    let finished = 0;
    events.on('sample-end', () => {
      finished += 1;
      if (finished === 5) controller.abort();
    });
    const slow = getModel('mockllm/model', { args: { latency: 5 } });
    const [log] = await evaluate(
      task({ dataset: Array.from({ length: 50 }, (_, index) => ({ input: `q${index}`, target: 'mockllm' })), scorer: includes() }),
      { model: slow, logDir, events, signal: controller.signal, maxSamples: 2 },
    );
    expect(log?.status).toBe('cancelled');
    const full = await readEvalLog({ path: log!.location! });
    expect(full.samples!.length).toBeGreaterThanOrEqual(5);
    expect(full.samples!.length).toBeLessThan(50);
    expect(full.samples!.every((sample) => sample.scores?.includes)).toBe(true);
    expect((await readdir(logDir)).filter((name) => name.endsWith('.eval'))).toHaveLength(1);
  });
});
