import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ModelApiError } from '../errors/model-api-error.js';
import { ModelTimeoutError } from '../errors/model-timeout-error.js';
import { registerProvider } from '../registry/provider-registry.js';
import type { ModelApiGenerateOptions, ModelApiGenerateResult } from '../spec/model-api.js';
import type { ModelCallEnd } from '../spec/model-call-observer.js';
import { getModel } from './get-model.js';
import { observeModelCalls } from './observe-model-calls.js';
import { setRetryBackoff } from './retry-backoff.js';

type Behaviour = (attempt: number, options: ModelApiGenerateOptions) => Promise<ModelApiGenerateResult>;

const behaviours = new Map<string, Behaviour>();
const attempts = new Map<string, { at: number; signal?: AbortSignal }[]>();

const okResult = (text: string): ModelApiGenerateResult => ({
  output: { model: '', completion: '', choices: [{ message: { role: 'assistant', content: text }, stop_reason: 'stop' }] },
});

const never = (): Promise<never> => new Promise<never>(() => undefined);

/** A model of the `scripted` provider whose attempts follow `behaviour`. */
function scriptedModel(modelName: string, behaviour: Behaviour, config = {}) {
  behaviours.set(modelName, behaviour);
  attempts.set(modelName, []);
  return getModel(`scripted/${modelName}`, { config });
}

let stopObserving: () => void;
const ends: ModelCallEnd[] = [];
let unregister: () => void;
let restoreBackoff: () => void;

beforeAll(() => {
  restoreBackoff = setRetryBackoff({ initialDelay: 0.001, maxDelay: 0.01 });
  stopObserving = observeModelCalls({ onCallEnd: (event) => void ends.push(event) });
  unregister = registerProvider({
    name: 'scripted',
    create: ({ modelName }) => ({
      specificationVersion: 'v1',
      provider: 'scripted',
      modelName,
      doGenerate(options) {
        const list = attempts.get(modelName) ?? [];
        list.push({ at: performance.now(), ...(options.signal ? { signal: options.signal } : {}) });
        return (behaviours.get(modelName) as Behaviour)(list.length, options);
      },
    }),
  });
});

afterAll(() => {
  unregister();
  stopObserving();
  restoreBackoff();
});

const endOf = (model: string): ModelCallEnd | undefined => ends.findLast((event) => event.model === `scripted/${model}`);

describe('Model.generate retries', () => {
  it('retries a retryable error, waiting at least retryAfter', async () => {
    const model = scriptedModel('rate-limited', async (attempt) => {
      if (attempt === 1) throw new ModelApiError({ message: 'slow down', statusCode: 429, retryAfter: 0.2 });
      return okResult('done');
    });
    const output = await model.generate({ input: 'hi' });
    expect(output.completion).toBe('done');
    const [first, second] = attempts.get('rate-limited') ?? [];
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect(endOf('rate-limited')).toMatchObject({ retries: 1, cached: false });
    expect(endOf('rate-limited')?.error).toBeUndefined();
  });

  it('retries network errors such as ECONNRESET, also when wrapped as a cause', async () => {
    const model = scriptedModel('network', async (attempt) => {
      if (attempt === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      if (attempt === 2) throw new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }) });
      return okResult('done');
    });
    await expect(model.generate({ input: 'hi' })).resolves.toMatchObject({ completion: 'done' });
    expect(attempts.get('network')).toHaveLength(3);
  });

  it('throws a non-retryable error at once', async () => {
    const model = scriptedModel('unauthorised', async () => {
      throw new ModelApiError({ message: 'Invalid API key', statusCode: 401 });
    });
    await expect(model.generate({ input: 'hi' })).rejects.toMatchObject({ statusCode: 401, isRetryable: false });
    expect(attempts.get('unauthorised')).toHaveLength(1);
    expect(endOf('unauthorised')).toMatchObject({ retries: 0, error: 'Invalid API key' });
    expect(endOf('unauthorised')?.output.error).toBe('Invalid API key');
  });

  it('gives up after maxRetries', async () => {
    const model = scriptedModel(
      'bad-gateway',
      async () => {
        throw new ModelApiError({ message: 'bad gateway', statusCode: 502 });
      },
      { maxRetries: 2 },
    );
    await expect(model.generate({ input: 'hi' })).rejects.toBeInstanceOf(ModelApiError);
    expect(attempts.get('bad-gateway')).toHaveLength(3);
    expect(endOf('bad-gateway')).toMatchObject({ retries: 2, error: 'bad gateway' });
  });

  it('retries rate limits and overloads (429, 503, 529, overloaded) past maxRetries, without a timeout', async () => {
    const failures = [
      () => new ModelApiError({ message: 'slow down', statusCode: 429, code: 'rate_limited' }),
      () => new ModelApiError({ message: 'unavailable', statusCode: 503, code: 'server_error' }),
      () => new ModelApiError({ message: 'overloaded', statusCode: 529, code: 'overloaded' }),
      // Anthropic's `overloaded_error` in the middle of a stream has no status code.
      () => new ModelApiError({ message: 'overloaded mid-stream', code: 'overloaded', isRetryable: true }),
    ];
    const model = scriptedModel(
      'capacity-storm',
      async (attempt) => {
        if (attempt <= 12) throw failures[(attempt - 1) % failures.length]!();
        return okResult('through');
      },
      { maxRetries: 2 },
    );
    await expect(model.generate({ input: 'hi' })).resolves.toMatchObject({ completion: 'through' });
    expect(attempts.get('capacity-storm')).toHaveLength(13);
    expect(endOf('capacity-storm')).toMatchObject({ retries: 12 });
  });

  it('counts only the other failures against maxRetries when they come between rate limits', async () => {
    const model = scriptedModel(
      'mixed-storm',
      async (attempt) => {
        if (attempt % 2 === 1) throw new ModelApiError({ message: 'slow down', statusCode: 429 });
        throw new ModelApiError({ message: 'server error', statusCode: 500 });
      },
      { maxRetries: 2 },
    );
    await expect(model.generate({ input: 'hi' })).rejects.toThrow('server error');
    // 429, 500, 429, 500, 429, 500: the third 500 is one past maxRetries.
    expect(attempts.get('mixed-storm')).toHaveLength(6);
  });

  it('stops retrying a rate-limit storm when the caller aborts (a sample out of time)', async () => {
    const controller = new AbortController();
    const model = scriptedModel('endless-429', async (attempt) => {
      if (attempt === 20) controller.abort(new Error('time limit'));
      throw new ModelApiError({ message: 'slow down', statusCode: 429 });
    });
    await expect(model.generate({ input: 'hi', signal: controller.signal })).rejects.toThrow('time limit');
    expect(attempts.get('endless-429')).toHaveLength(20);
  });

  it('does not retry a 429 for an exhausted quota', async () => {
    const model = scriptedModel('no-quota', async () => {
      throw new ModelApiError({ message: 'out of quota', statusCode: 429, code: 'insufficient_quota', isRetryable: false });
    });
    await expect(model.generate({ input: 'hi' })).rejects.toThrow('out of quota');
    expect(attempts.get('no-quota')).toHaveLength(1);
  });

  it('bounds every attempt by a default attemptTimeout of 600 s, and retries the attempt it aborts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const model = scriptedModel('default-attempt-timeout', async (attempt) => (attempt === 1 ? never() : okResult('second try')));
      const pending = model.generate({ input: 'hi' });
      await vi.advanceTimersByTimeAsync(599_000);
      expect(attempts.get('default-attempt-timeout')).toHaveLength(1);
      expect(attempts.get('default-attempt-timeout')?.[0]?.signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1_100);
      await expect(pending).resolves.toMatchObject({ completion: 'second try' });
      const [first] = attempts.get('default-attempt-timeout') ?? [];
      expect(first?.signal?.reason).toBeInstanceOf(ModelTimeoutError);
      expect(first?.signal?.reason).toMatchObject({ scope: 'attempt', timeout: 600 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries 5 times by default', async () => {
    const model = scriptedModel('default-retries', async () => {
      throw new ModelApiError({ message: 'busy', statusCode: 500 });
    });
    await expect(model.generate({ input: 'hi' })).rejects.toThrow('busy');
    expect(attempts.get('default-retries')).toHaveLength(6);
  });

  it('aborts a hung attempt after attemptTimeout and retries it', async () => {
    const model = scriptedModel(
      'hung-once',
      async (attempt) => (attempt === 1 ? never() : okResult('second try')),
      { attemptTimeout: 0.05 },
    );
    await expect(model.generate({ input: 'hi' })).resolves.toMatchObject({ completion: 'second try' });
    const [first, second] = attempts.get('hung-once') ?? [];
    expect(first?.signal?.aborted).toBe(true);
    expect(first?.signal?.reason).toBeInstanceOf(ModelTimeoutError);
    expect(second?.signal?.aborted).toBe(false);
    expect(endOf('hung-once')?.retries).toBe(1);
  });

  it('stops at the total timeout, retries included', async () => {
    // The total timeout is many attempt timeouts long, so a second attempt starts even when load delays the timers.
    const model = scriptedModel('always-hung', () => never(), { timeout: 1, attemptTimeout: 0.03, maxRetries: 1000 });
    const error = await model.generate({ input: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(error).toMatchObject({ scope: 'total', isRetryable: false, code: 'model_timeout' });
    const count = attempts.get('always-hung')?.length ?? 0;
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(1000);
    expect(endOf('always-hung')?.error).toContain('timed out');
  });

  it('stops at the total timeout during a single hung attempt', async () => {
    const model = scriptedModel('hung-total', () => never(), { timeout: 0.05 });
    await expect(model.generate({ input: 'hi' })).rejects.toMatchObject({ scope: 'total' });
    expect(attempts.get('hung-total')).toHaveLength(1);
    expect(attempts.get('hung-total')?.[0]?.signal?.aborted).toBe(true);
  });

  it('aborts the attempt when the caller aborts', async () => {
    const controller = new AbortController();
    const model = scriptedModel('caller-abort', () => {
      setImmediate(() => controller.abort(new Error('user cancelled')));
      return never();
    });
    await expect(model.generate({ input: 'hi', signal: controller.signal })).rejects.toThrow('user cancelled');
    expect(attempts.get('caller-abort')?.[0]?.signal?.aborted).toBe(true);
  });

  it('stops waiting for a retry when the caller aborts', async () => {
    const controller = new AbortController();
    const model = scriptedModel('abort-backoff', async () => {
      setImmediate(() => controller.abort(new Error('stop now')));
      throw new ModelApiError({ message: 'rate limited', statusCode: 429, retryAfter: 60 });
    });
    await expect(model.generate({ input: 'hi', signal: controller.signal })).rejects.toThrow('stop now');
    expect(attempts.get('abort-backoff')).toHaveLength(1);
    expect(endOf('abort-backoff')?.retries).toBe(1);
  });

  it('does not call the provider when the signal is already aborted', async () => {
    const model = scriptedModel('pre-aborted', async () => okResult('x'));
    await expect(model.generate({ input: 'hi', signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
    expect(attempts.get('pre-aborted')).toHaveLength(0);
  });
});
