import { getModel, ModelApiError, modelOutputFromContent } from '@assay/model';
import { describe, expect, it } from 'vitest';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { applyLimits } from './apply-limits.js';
import { costLimit, messageLimit, timeLimit, tokenLimit, workingLimit } from './limit.js';
import { usageCost } from './model-cost.js';

const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
const model = getModel('mockllm/model', { args: { usage } });
const ask = (): Promise<unknown> => model.generate({ input: 'hi' });

describe('applyLimits', () => {
  it('counts tokens in every enclosing scope, and only there', async () => {
    const outer = tokenLimit(null);
    const inner = tokenLimit(null);
    await applyLimits({ limits: [outer] }, async () => {
      await ask();
      await applyLimits({ limits: [inner] }, async () => {
        await ask();
      });
    });
    await ask();
    expect([outer.usage, inner.usage]).toEqual([30, 15]);
  });

  it('raises the limit error of the scope whose limit was exceeded, which that scope can catch', async () => {
    const limit = tokenLimit(20);
    const scoped = await applyLimits({ limits: [limit], catchErrors: true }, async () => {
      await ask();
      await ask();
      return 'finished';
    });
    expect(scoped.result).toBeUndefined();
    expect(scoped.limitError).toBeInstanceOf(LimitExceededError);
    expect(scoped.limitError).toMatchObject({ type: 'token', limit: 20, value: 30, source: limit });
    expect(scoped.limitError?.message).toBe('Token limit exceeded. value: 30; limit: 20');
  });

  it("lets an enclosing scope's limit error through an inner scope that catches its own", async () => {
    const outer = tokenLimit(20);
    const error = await applyLimits({ limits: [outer] }, () =>
      applyLimits({ limits: [tokenLimit(1000)], catchErrors: true }, async () => {
        await ask();
        await ask();
      }),
    ).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ type: 'token', source: outer });
  });

  it('refuses a model call that would take the conversation past a message limit', async () => {
    const limit = messageLimit(2);
    const call = (count: number): Promise<unknown> =>
      applyLimits({ limits: [limit] }, () =>
        model.generate({ input: Array.from({ length: count }, () => ({ role: 'user' as const, content: 'hi' })) }),
      );
    await expect(call(1)).resolves.toBeDefined();
    await expect(call(2)).rejects.toMatchObject({ type: 'message', limit: 2, value: 2, message: 'Message limit reached. count: 2; limit: 2' });
  });

  it('stops a scope at its time limit, and the work left running cannot call a model after it', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let lateCall: Promise<unknown> | undefined;
    const limit = timeLimit(0.05);
    const scoped = await applyLimits({ limits: [limit], catchErrors: true }, async () => {
      await blocked;
      lateCall = ask();
      return lateCall;
    });
    expect(scoped.limitError).toMatchObject({ type: 'time', limit: 0.05 });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(lateCall).rejects.toMatchObject({ type: 'time' });
  });

  it('prices calls with the scope costs and stops when they pass the cost limit', async () => {
    // 10 input and 5 output tokens at $100 and $200 per million: $0.002 a call.
    const costs = { 'mockllm/model': { input: 100, output: 200 } };
    expect(usageCost(usage, costs['mockllm/model'])).toBeCloseTo(0.002, 10);
    const limit = costLimit(0.005);
    let calls = 0;
    const scoped = await applyLimits({ limits: [limit], catchErrors: true, costs }, async () => {
      for (;;) {
        await ask();
        calls++;
      }
    });
    expect(calls).toBe(2);
    expect(scoped.limitError).toMatchObject({ type: 'cost', limit: 0.005 });
    expect(limit.usage).toBeCloseTo(0.006, 10);
  });

  it('fails a call under a cost limit when the model has no price', async () => {
    await expect(applyLimits({ limits: [costLimit(1)] }, ask)).rejects.toMatchObject({ code: 'missing_model_cost', model: 'mockllm/model' });
    await expect(applyLimits({ limits: [costLimit(1)] }, ask)).rejects.toThrow(
      'A cost limit applies but model "mockllm/model" has no price: add it to modelCostConfig (--model-cost-config) or call setModelCosts().',
    );
  });

  it('does not count time spent waiting to retry a rate-limited call as working time', async () => {
    let attempts = 0;
    const limited = getModel('mockllm/model', {
      args: {
        customOutputs: () => {
          attempts++;
          if (attempts === 1) throw new ModelApiError({ message: 'rate limited', statusCode: 429, retryAfter: 0.3 });
          return modelOutputFromContent({ model: 'mockllm/model', content: 'ok' });
        },
      },
    });
    const working = workingLimit(null);
    const clock = timeLimit(null);
    await applyLimits({ limits: [clock, working] }, async () => {
      await limited.generate({ input: 'hi' });
    });
    expect(attempts).toBe(2);
    // Both limits started together; only the wait before the retry (at least retryAfter) separates them.
    expect(clock.usage - working.usage).toBeGreaterThanOrEqual(0.29);
  });
});
