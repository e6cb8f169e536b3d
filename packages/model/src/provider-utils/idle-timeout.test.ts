// The HTTP client's idle (read) timeout against a local server that stalls: before any answer, after the headers,
// and in the middle of a stream; over node:http (the default in Node) and over a fetch function.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestResponse, type TestServer } from '../../test/support/test-server.js';
import { ModelTimeoutError } from '../errors/model-timeout-error.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import type { FetchFunction } from './provider-settings.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const transports = [
  { name: 'node:http', fetch: undefined },
  { name: 'fetch', fetch: ((input, init) => globalThis.fetch(input, init)) satisfies FetchFunction },
] as const;

// A hang guard only: every test here ends well within it when the timeout works.
const hangGuard = 20_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

async function readAll(client: HttpClient, idleTimeout: number): Promise<string[]> {
  const response = await client.postSse({ path: '/chat', body: {}, idleTimeout });
  const data: string[] = [];
  for await (const event of response.events) data.push(event.data);
  return data;
}

function expectIdleTimeout(error: unknown, seconds: number): void {
  expect(error).toBeInstanceOf(ModelTimeoutError);
  expect(error).toMatchObject({ scope: 'idle', timeout: seconds, isRetryable: true, code: 'model_timeout' });
  expect((error as Error).message).toContain('idleTimeout');
}

describe.each(transports)('idle timeout over $name', ({ fetch }) => {
  async function clientFor(respond: () => TestResponse): Promise<HttpClient> {
    server = await startTestServer({ respond });
    return createHttpClient({ provider: 'openai', baseURL: `${server.url}/v1`, ...(fetch ? { fetch } : {}) });
  }

  it('a stream that never answers fails with the idle timeout', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ hang: true }));
    expectIdleTimeout(await rejection(readAll(client, 0.2)), 0.2);
  });

  it('a stream that stalls after its headers fails with the idle timeout', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ sse: ['data: never sent\n\n'], stallAfter: 0 }));
    expectIdleTimeout(await rejection(readAll(client, 0.2)), 0.2);
  });

  it('a stream that stalls midway fails with the idle timeout after the events it sent', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ sse: ['data: one\n\n', 'data: two\n\n', 'data: three\n\n'], stallAfter: 2 }));
    const response = await client.postSse({ path: '/chat', body: {}, idleTimeout: 0.2 });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of response.events) seen.push(event.data);
      })(),
    );
    expect(seen).toEqual(['one', 'two']);
    expectIdleTimeout(error, 0.2);
  });

  it('a JSON body that stalls after its headers fails with the idle timeout', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ sse: ['{"partial": ', 'true}'], stallAfter: 1 }));
    expectIdleTimeout(await rejection(client.postJson({ path: '/chat', body: {}, idleTimeout: 0.2 })), 0.2);
  });

  it('a slow chunked stream whose gaps are all under the timeout is read whole', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ sse: ['data: a\n\n', 'data: b\n\n', 'data: c\n\n', 'data: d\n\n'], chunkDelay: 100 }));
    expect(await readAll(client, 5)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a non-streamed answer slower to start than the idle timeout is not cut (attemptTimeout bounds that)', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ json: { ok: true }, delay: 600 }));
    await expect(client.postJson({ path: '/chat', body: {}, idleTimeout: 0.2 })).resolves.toMatchObject({ value: { ok: true } });
  });

  it('a kept-alive connection idle between requests for longer than the timeout serves the next one', { timeout: hangGuard }, async () => {
    const client = await clientFor(() => ({ json: { ok: true } }));
    for (let index = 0; index < 3; index++) {
      await expect(client.postJson({ path: '/chat', body: {}, idleTimeout: 0.1 })).resolves.toMatchObject({ value: { ok: true } });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(server?.requests).toHaveLength(3);
  });
});
