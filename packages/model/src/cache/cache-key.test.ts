import { describe, expect, it } from 'vitest';
import { cacheKey, type CacheKeyOptions } from './cache-key.js';
import { parseCacheExpiry, resolveCachePolicy } from './cache-policy-resolve.js';

const policy = { expirySeconds: 604_800, perEpoch: true, scopes: {} };
const base: CacheKeyOptions = {
  model: 'openai/gpt-4o',
  baseURL: 'https://api.openai.com/v1',
  input: [{ role: 'user', content: 'Hello' }],
  tools: [],
  toolChoice: 'none',
  config: { temperature: 0 },
  policy,
  epoch: 1,
};

describe('cache policy', () => {
  it('applies Inspect defaults: one week, per epoch', () => {
    expect(resolveCachePolicy(true)).toEqual({ expirySeconds: 604_800, perEpoch: true, scopes: {} });
    expect(resolveCachePolicy(false)).toBeUndefined();
    expect(resolveCachePolicy(undefined)).toBeUndefined();
    expect(resolveCachePolicy({ expiry: null, perEpoch: false, scopes: { a: 'b' } })).toEqual({
      expirySeconds: null,
      perEpoch: false,
      scopes: { a: 'b' },
    });
  });

  it.each([
    ['30s', 30],
    ['5m', 300],
    ['12h', 43_200],
    ['2D', 172_800],
    ['1W', 604_800],
    ['1M', 2_592_000],
    ['1Y', 31_536_000],
  ])('parses %s', (expiry, seconds) => {
    expect(parseCacheExpiry(expiry)).toBe(seconds);
  });

  it('rejects a malformed expiry', () => {
    expect(() => parseCacheExpiry('1 week')).toThrow(/number and a unit/);
    expect(() => parseCacheExpiry('1d')).toThrow();
  });
});

describe('cacheKey', () => {
  const key = cacheKey(base);

  it('is a sha-256 hex digest, stable across key order', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, config: { temperature: 0 } })).toBe(key);
    const a = cacheKey({ ...base, config: { temperature: 0, topP: 1 } });
    const b = cacheKey({ ...base, config: { topP: 1, temperature: 0 } });
    expect(a).toBe(b);
  });

  it.each<[string, Partial<CacheKeyOptions>]>([
    ['model', { model: 'openai/gpt-4o-mini' }],
    ['base URL', { baseURL: 'http://127.0.0.1:1234/v1' }],
    ['messages', { input: [{ role: 'user', content: 'Hello!' }] }],
    ['tools', { tools: [{ name: 'add', description: 'Add', parameters: { type: 'object', properties: {}, required: [] } }] }],
    ['tool choice', { toolChoice: 'auto' }],
    ['config', { config: { temperature: 1 } }],
    ['epoch', { epoch: 2 }],
    ['scopes', { policy: { ...policy, scopes: { role: 'grader' } } }],
    ['expiry', { policy: { ...policy, expirySeconds: 60 } }],
  ])('changes with the %s', (_name, change) => {
    expect(cacheKey({ ...base, ...change })).not.toBe(key);
  });

  it('ignores settings that do not change the answer, and the epoch when not per epoch', () => {
    expect(cacheKey({ ...base, config: { temperature: 0, maxRetries: 3, timeout: 9, attemptTimeout: 2, maxConnections: 4, cache: true } })).toBe(key);
    const notPerEpoch = { ...base, policy: { ...policy, perEpoch: false } };
    expect(cacheKey({ ...notPerEpoch, epoch: 1 })).toBe(cacheKey({ ...notPerEpoch, epoch: 2 }));
  });
});

describe('toLogGenerateConfig', () => {
  it('leaves out cache and masks every header value but protocol ones, and credential fields of the extra body', async () => {
    const { toLogGenerateConfig } = await import('../spec/generate-config.js');
    expect(
      toLogGenerateConfig({
        maxTokens: 5,
        cache: true,
        extraHeaders: { Authorization: 'Bearer secret', 'x-team': 'evals', 'anthropic-beta': 'b1' },
        extraBody: { user_token: 't', top_k: 3 },
      }),
    ).toEqual({ max_tokens: 5, extra_headers: { Authorization: '***', 'x-team': '***', 'anthropic-beta': 'b1' }, extra_body: { user_token: '***', top_k: 3 } });
    expect(toLogGenerateConfig({ maxTokens: 5 })).toEqual({ max_tokens: 5 });
  });
});
