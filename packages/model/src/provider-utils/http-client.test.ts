import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestResponse, type TestServer } from '../../test/support/test-server.js';
import { ModelApiError } from '../errors/model-api-error.js';
import { createHttpClient } from './http-client.js';

const key = 'sk-canary-http-0123456789';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(respond: () => TestResponse, baseSuffix = ''): Promise<ReturnType<typeof createHttpClient>> {
  server = await startTestServer({ respond });
  return createHttpClient({
    provider: 'openai',
    baseURL: server.url.replace('http://', `http://${baseSuffix}`) + '/v1/',
    headers: { Authorization: `Bearer ${key}` },
    secrets: [key],
    apiKeyEnvVar: 'OPENAI_API_KEY',
  });
}

async function failure(promise: Promise<unknown>): Promise<ModelApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelApiError);
  return error as ModelApiError;
}

describe('createHttpClient', () => {
  it("removes a credential passed in one request's own headers from that request's error", async () => {
    const perRequest = 'per-request-canary-9876543210';
    const client = await clientFor(() => ({ status: 400, json: { error: { message: `bad header ${perRequest}` } } }));
    const error = await failure(
      client.postJson({ path: '/chat/completions', body: {}, headers: { 'x-api-key': perRequest } }),
    );
    expect(error.message).toContain('bad header');
    expect(error.message).not.toContain(perRequest);
    expect(error.responseBody ?? '').not.toContain(perRequest);
  });

  it('posts JSON with the headers and parses the answer', async () => {
    const client = await clientFor(() => ({ json: { ok: true } }));
    const response = await client.postJson({ path: '/chat/completions', body: { a: 1 }, headers: { 'x-extra': 'y' } });
    expect(response.value).toEqual({ ok: true });
    const [request] = server!.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.json).toEqual({ a: 1 });
    expect(request?.headers.authorization).toBe(`Bearer ${key}`);
    expect(request?.headers['x-extra']).toBe('y');
  });

  it.each([
    [400, { error: { message: 'bad', type: 'invalid_request_error' } }, 'bad_request', false],
    [401, { error: { message: `Incorrect API key provided: ${key}` } }, 'authentication_failed', false],
    [403, { error: { message: 'no' } }, 'permission_denied', false],
    [404, { error: { message: 'The model does not exist' } }, 'not_found', false],
    [422, { detail: [{ msg: 'field required' }] }, 'unprocessable_entity', false],
    [429, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, 'insufficient_quota', false],
    [429, { error: { message: 'slow down', type: 'requests' } }, 'rate_limited', true],
    [408, { error: { message: 'timeout' } }, 'request_timeout', true],
    [409, { error: { message: 'conflict' } }, 'conflict', true],
    [500, { error: { message: 'oops' } }, 'server_error', true],
    [503, 'upstream unavailable', 'server_error', true],
    [529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'overloaded', true],
    [400, { error: { code: 400, message: 'bad arg', status: 'INVALID_ARGUMENT' } }, 'bad_request', false],
  ])('maps %s %j to %s (retryable %s)', async (status, body, code, retryable) => {
    const client = await clientFor(() =>
      typeof body === 'string' ? { status, body } : { status, json: body, headers: { 'retry-after': '7' } },
    );
    const error = await failure(client.postJson({ path: '/x', body: {} }));
    expect(error.code).toBe(code);
    expect(error.statusCode).toBe(status);
    expect(error.isRetryable).toBe(retryable);
    expect(error.message).not.toContain(key);
    expect(error.responseBody ?? '').not.toContain(key);
    if (retryable && typeof body !== 'string') expect(error.retryAfter).toBe(7);
    else expect(error.retryAfter).toBeUndefined();
    if (status === 401) expect(error.message).toMatch(/OPENAI_API_KEY/);
    if (status === 404) expect(error.message).toContain('The model does not exist');
  });

  it('turns a reset connection into a retryable connection_error', async () => {
    const client = await clientFor(() => ({ destroy: true }));
    const error = await failure(client.postJson({ path: '/x', body: {} }));
    expect(error.code).toBe('connection_error');
    expect(error.isRetryable).toBe(true);
  });

  it('rejects a body that is not JSON', async () => {
    const client = await clientFor(() => ({ body: '<html>' }));
    expect((await failure(client.postJson({ path: '/x', body: {} }))).code).toBe('invalid_response');
  });

  it('rejects with the signal reason when aborted', async () => {
    const client = await clientFor(() => ({ hang: true }));
    const controller = new AbortController();
    const reason = new Error('my timeout');
    setTimeout(() => controller.abort(reason), 50);
    await expect(client.postJson({ path: '/x', body: {}, signal: controller.signal })).rejects.toBe(reason);
  });

  it('streams server-sent events, split anywhere', async () => {
    const client = await clientFor(() => ({
      sse: ['data: {"a"', ':1}\n\nevent: ping\r\n', 'data: x\n', 'data: y\n\n', 'data: [DONE]\n\n'],
      chunkDelay: 5,
    }));
    const response = await client.postSse({ path: '/s', body: {} });
    const events = [];
    for await (const event of response.events) events.push(event);
    expect(events).toEqual([{ data: '{"a":1}' }, { event: 'ping', data: 'x\ny' }, { data: '[DONE]' }]);
  });

  it('turns user:password in the base URL into basic auth, never sent or shown in the URL', async () => {
    server = await startTestServer({ respond: () => ({ status: 500, json: { error: { message: 'nope' } } }) });
    const client = createHttpClient({ provider: 'vllm', baseURL: server.url.replace('http://', 'http://me:pa55word@') });
    expect(client.baseURL).toBe(server.url);
    const error = await failure(client.postJson({ path: '/x', body: {} }));
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('me:pa55word').toString('base64')}`);
    expect(error.message).not.toContain('pa55word');
    expect(client.redactor.redact(`x ${Buffer.from('me:pa55word').toString('base64')}`)).toBe('x ***');
  });

  it('works the same over a custom fetch: JSON, errors with retry hints, streams and aborts', async () => {
    let reply: TestResponse = { json: { ok: 1 } };
    server = await startTestServer({ respond: () => reply });
    const urls: string[] = [];
    const client = createHttpClient({
      provider: 'openai',
      baseURL: server.url,
      headers: { Authorization: `Bearer ${key}` },
      secrets: [key],
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    expect((await client.postJson({ path: '/a', body: {} })).value).toEqual({ ok: 1 });
    reply = { status: 429, json: { error: { message: `slow ${key}` } }, headers: { 'retry-after-ms': '1500' } };
    const error = await failure(client.postJson({ path: '/b', body: {} }));
    expect([error.code, error.retryAfter, error.message.includes(key)]).toEqual(['rate_limited', 1.5, false]);
    reply = { sse: ['data: 1\n\n', 'data: 2\n\n'] };
    const events = [];
    for await (const event of (await client.postSse({ path: '/c', body: {} })).events) events.push(event.data);
    expect(events).toEqual(['1', '2']);
    reply = { hang: true };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 30);
    await expect(client.postJson({ path: '/d', body: {}, signal: controller.signal })).rejects.toThrow('stop');
    expect(urls).toHaveLength(4);
  });

  it('exposes response headers', async () => {
    const client = await clientFor(() => ({ json: {}, headers: { 'x-request-id': 'req_1' } }));
    expect((await client.postJson({ path: '/x', body: {} })).headers.get('x-request-id')).toBe('req_1');
  });

  it('keeps the query string of a base URL on every request, after the path, and never shows its values', async () => {
    const proxyKey = 'proxy-canary-key-0001';
    // Like a proxy that needs ?key=: anything else is a 404.
    server = await startTestServer({
      respond: (request) => {
        const url = new URL(request.path, 'http://localhost');
        if (url.searchParams.get('key') !== proxyKey || url.searchParams.get('api-version') !== '2024-10-21') {
          return { status: 404, json: { error: { message: `no route for ${request.path}` } } };
        }
        return url.pathname === '/v1/fail' ? { status: 400, json: { error: { message: `bad ${request.path}` } } } : { json: { path: url.pathname, alt: url.searchParams.get('alt') } };
      },
    });
    const client = createHttpClient({ provider: 'azure', baseURL: `${server.url}/v1/?key=${proxyKey}&api-version=2024-10-21` });
    expect(client.baseURL).toBe(`${server.url}/v1?key=***&api-version=2024-10-21`);
    expect((await client.postJson({ path: '/chat/completions', body: {} })).value).toEqual({ path: '/v1/chat/completions', alt: null });
    expect((await client.postJson({ path: '/models/m:generate?alt=sse', body: {} })).value).toEqual({ path: '/v1/models/m:generate', alt: 'sse' });
    expect(server.requests.map((request) => request.path)).toEqual([
      `/v1/chat/completions?key=${proxyKey}&api-version=2024-10-21`,
      `/v1/models/m:generate?key=${proxyKey}&api-version=2024-10-21&alt=sse`,
    ]);
    const error = await failure(client.postJson({ path: '/fail', body: {} }));
    expect(error.message).toContain('bad /v1/fail?key=***&api-version=2024-10-21');
  });

  it('treats every header but protocol ones as secret: echoed back, it is removed from errors and recorded calls', async () => {
    const proxyToken = 'proxy-token-canary-4242';
    const perCall = 'extra-header-canary-7373';
    server = await startTestServer({ respond: (request) => ({ status: 400, json: { error: { message: `echo ${JSON.stringify(request.headers)}` } } }) });
    const client = createHttpClient({ provider: 'openai', baseURL: server.url, headers: { 'X-Proxy-Token': proxyToken, 'anthropic-version': '2023-06-01' } });
    const error = await failure(client.postJson({ path: '/x', body: {}, headers: { 'X-Team-Auth': perCall } }));
    expect(server.requests[0]?.headers['x-proxy-token']).toBe(proxyToken);
    expect(error.message).toContain('"x-proxy-token":"***"');
    expect(error.message).toContain('"x-team-auth":"***"');
    expect(error.message).toContain('"anthropic-version":"2023-06-01"');
    expect(client.redactor.redact(`${proxyToken} ${perCall}`)).toBe('*** ***');
  });
});
