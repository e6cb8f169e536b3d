import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProvider } from '../registry/provider-registry.js';
import { getModel } from './get-model.js';
import { connectionSemaphore, connectionUsage } from './connection-semaphore.js';

// In-flight calls per endpoint key (model name + base URL), as the provider sees them.
const inFlight = new Map<string, number>();
const peak = new Map<string, number>();
let unregister: () => void;

beforeAll(() => {
  unregister = registerProvider({
    name: 'counting',
    create: ({ modelName, baseURL }) => ({
      specificationVersion: 'v1',
      provider: 'counting',
      modelName,
      ...(baseURL ? { baseURL } : {}),
      defaultMaxConnections: 3,
      async doGenerate() {
        const key = `${modelName} ${baseURL ?? ''}`;
        const now = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, now);
        peak.set(key, Math.max(peak.get(key) ?? 0, now));
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
        return { output: { model: modelName, choices: [], completion: 'ok' } };
      },
    }),
  });
});

afterAll(() => unregister());

const callMany = (model: ReturnType<typeof getModel>, count: number) =>
  Array.from({ length: count }, () => model.generate({ input: 'hi' }));

describe('connection limit', () => {
  it('never exceeds maxConnections', async () => {
    await Promise.all(callMany(getModel('counting/limited', { config: { maxConnections: 4 } }), 50));
    expect(peak.get('limited ')).toBe(4);
  });

  it("uses the provider's default when maxConnections is not set", async () => {
    await Promise.all(callMany(getModel('counting/default-limit'), 30));
    expect(peak.get('default-limit ')).toBe(3);
  });

  it('is shared by models with the same id and base URL', async () => {
    const first = getModel('counting/shared', { config: { maxConnections: 3 } });
    const second = getModel('counting/shared', { config: { maxConnections: 3 } });
    await Promise.all([...callMany(first, 20), ...callMany(second, 20)]);
    expect(peak.get('shared ')).toBe(3);
  });

  it('is separate for another base URL', async () => {
    const first = getModel('counting/by-url', { config: { maxConnections: 2 }, baseURL: 'http://a.test' });
    const second = getModel('counting/by-url', { config: { maxConnections: 2 }, baseURL: 'http://b.test' });
    const firstCalls = callMany(first, 10);
    const secondCalls = callMany(second, 10);
    await Promise.all([...firstCalls, ...secondCalls]);
    expect(peak.get('by-url http://a.test')).toBe(2);
    expect(peak.get('by-url http://b.test')).toBe(2);
  });

  it('takes a raised maxConnections into account, also for calls already queued', async () => {
    const small = getModel('counting/raised', { config: { maxConnections: 2 } });
    const large = getModel('counting/raised', { config: { maxConnections: 6 } });
    const calls = callMany(small, 20);
    await new Promise((resolve) => setImmediate(resolve));
    expect(peak.get('raised ')).toBe(2);
    await Promise.all([...calls, ...callMany(large, 20)]);
    expect(peak.get('raised ')).toBe(6);
  });
});

describe('connectionUsage', () => {
  it('sums the connections in use and the limits of a model over its base URLs', async () => {
    expect(connectionUsage({ model: 'usage/model' })).toEqual({ inUse: 0, limit: 0 });
    const first = connectionSemaphore({ model: 'usage/model' });
    const second = connectionSemaphore({ model: 'usage/model', baseURL: 'http://127.0.0.1:1/v1' });
    const other = connectionSemaphore({ model: 'usage/model-2' });
    await first.acquire(4);
    await second.acquire(2);
    await second.acquire(2);
    await other.acquire(8);
    expect(connectionUsage({ model: 'usage/model' })).toEqual({ inUse: 3, limit: 6 });
    first.release();
    second.release();
    second.release();
    other.release();
    expect(connectionUsage({ model: 'usage/model' })).toEqual({ inUse: 0, limit: 6 });
  });
});
