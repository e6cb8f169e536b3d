import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  readFixture,
  readJsonFixture,
  sseChunks,
  startTestServer,
  type RecordedRequest,
  type TestResponse,
  type TestServer,
} from '../../../test/support/test-server.js';
import { ModelApiError } from '../../errors/model-api-error.js';
import { createOpenAI } from './openai-provider.js';
import { getModel } from '../../model/get-model.js';
import { setRetryBackoff } from '../../model/retry-backoff.js';
import { observeModelCalls } from '../../model/observe-model-calls.js';
import type { ChatMessage } from '../../spec/chat-message.js';
import type { ModelCallEnd } from '../../spec/model-call-observer.js';
import type { ToolInfo } from '../../spec/tool-info.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const key = 'sk-test-openai-canary-000111222';
const weatherTool: ToolInfo = {
  name: 'get_weather',
  description: 'Weather in a place',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

let server: TestServer;
let next: (request: RecordedRequest) => TestResponse = () => ({ json: readJsonFixture(fixtures, 'chat-text.json') });
const calls: ModelCallEnd[] = [];
let restore: Array<() => void> = [];

beforeAll(async () => {
  server = await startTestServer({ respond: (request) => next(request) });
  restore = [setRetryBackoff({ initialDelay: 0.001, maxDelay: 0.01 }), observeModelCalls({ onCallEnd: (call) => calls.push(call) })];
});
afterAll(async () => {
  for (const undo of restore) undo();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  calls.length = 0;
});

const model = (name = 'gpt-4o', args: Record<string, unknown> = {}): ReturnType<typeof getModel> =>
  getModel(`openai/${name}`, { apiKey: key, baseURL: `${server.url}/v1`, args });
const lastBody = (): Record<string, unknown> => server.requests.at(-1)?.json as Record<string, unknown>;

describe('openai chat completions', () => {
  it('sends a request and maps a text reply, with the call recorded and no key', async () => {
    const output = await model().generate({ input: 'What is the capital of France?', config: { temperature: 0, maxTokens: 50, seed: 1 } });
    expect(output.completion).toBe('The capital of France is Paris.');
    expect(output.model).toBe('gpt-4o-2024-08-06');
    expect(output.choices[0]?.stop_reason).toBe('stop');
    expect(output.usage).toMatchObject({ input_tokens: 19, output_tokens: 8, total_tokens: 27, input_tokens_cache_read: 0, reasoning_tokens: 0 });
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${key}`);
    expect(request.json).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      temperature: 0,
      max_completion_tokens: 50,
      seed: 1,
    });
    expect(calls[0]?.call?.request).toEqual(request.json);
    expect(calls[0]?.call?.response).toMatchObject({ id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT' });
    expect(JSON.stringify(calls)).not.toContain(key);
  });

  it('maps messages, tools, images, structured output, reasoning effort and logprobs into the request', async () => {
    const input: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image and the weather?' },
          { type: 'image', image: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
        ],
      },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'call_1', function: 'get_weather', arguments: { location: 'Paris' }, type: 'function' }],
      },
      { role: 'tool', content: '18C', tool_call_id: 'call_1', function: 'get_weather' },
      { role: 'tool', content: '', tool_call_id: 'call_2', error: { type: 'timeout', message: 'took too long' } },
    ];
    await model('o3').generate({
      input,
      tools: [weatherTool],
      toolChoice: 'any',
      config: {
        parallelToolCalls: false,
        reasoningEffort: 'high',
        topLogprobs: 2,
        stopSeqs: ['END'],
        responseSchema: { name: 'answer', json_schema: { type: 'object' }, strict: true },
        extraBody: { user: 'evals' },
        extraHeaders: { 'x-request-tag': 'a' },
      },
    });
    const body = lastBody();
    expect(body.messages).toEqual([
      { role: 'developer', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image and the weather?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: took too long' },
    ]);
    expect(body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather in a place', parameters: weatherTool.parameters } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      reasoning_effort: 'high',
      logprobs: true,
      top_logprobs: 2,
      stop: ['END'],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      user: 'evals',
    });
    expect(server.requests.at(-1)?.headers['x-request-tag']).toBe('a');

    await model().generate({ input: 'x', tools: [weatherTool], toolChoice: { name: 'get_weather' } });
    expect(lastBody().tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect((lastBody().messages as unknown[])[0]).toEqual({ role: 'user', content: 'x' });
  });

  it('maps parallel tool calls', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-tool-calls.json') });
    const output = await model().generate({ input: 'Weather in Paris and Bogotá?', tools: [weatherTool] });
    expect(output.choices[0]?.stop_reason).toBe('tool_calls');
    expect(output.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_12345xyz', function: 'get_weather', type: 'function', arguments: { location: 'Paris, France' } },
      { id: 'call_67890abc', function: 'get_weather', type: 'function', arguments: { location: 'Bogotá, Colombia' } },
    ]);
    expect(lastBody().tool_choice).toBe('auto');
  });

  it('keeps a tool call with broken JSON arguments as a parse error', async () => {
    const broken = readJsonFixture(fixtures, 'chat-tool-calls.json') as { choices: Array<{ message: { tool_calls: Array<{ function: { arguments: string } }> } }> };
    broken.choices[0]!.message.tool_calls[0]!.function.arguments = '{"location": "Par';
    next = () => ({ json: broken });
    const output = await model().generate({ input: 'x', tools: [weatherTool] });
    expect(output.choices[0]?.message.tool_calls?.[0]?.parse_error).toMatch(/Invalid JSON/);
  });

  it('reports reasoning and cached tokens', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-reasoning.json') });
    const output = await model('o3-mini').generate({ input: 'What is 17 * 23?', config: { reasoningEffort: 'low' } });
    expect(output.completion).toBe('391');
    expect(output.usage).toMatchObject({ input_tokens: 1120, output_tokens: 390, reasoning_tokens: 384, input_tokens_cache_read: 1024 });
  });

  it('maps reasoning_content of compatible servers to reasoning content', async () => {
    const reply = readJsonFixture(fixtures, 'chat-text.json') as { choices: Array<{ message: Record<string, unknown> }> };
    reply.choices[0]!.message.reasoning_content = 'Paris is the capital.';
    next = () => ({ json: reply });
    const output = await model().generate({ input: 'x' });
    expect(output.choices[0]?.message.content).toEqual([
      { type: 'reasoning', reasoning: 'Paris is the capital.', redacted: false },
      { type: 'text', text: 'The capital of France is Paris.' },
    ]);
    expect(output.completion).toBe('The capital of France is Paris.');
  });

  it('passes logprobs through', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-logprobs.json') });
    const output = await model('gpt-4o-mini').generate({ input: 'Yes or no?', config: { logprobs: true, topLogprobs: 2 } });
    const logprobs = output.choices[0]?.logprobs as { content: Array<{ token: string; top_logprobs: unknown[] }> };
    expect(logprobs.content[0]?.token).toBe('Yes');
    expect(logprobs.content[0]?.top_logprobs).toHaveLength(2);
  });

  it('streams text and tool calls', async () => {
    next = () => ({ sse: sseChunks(readFixture(fixtures, 'chat-stream-text.sse')), chunkDelay: 1 });
    const output = await model('gpt-4o', { stream: 'true' }).generate({ input: 'Capital of France?' });
    expect(output.completion).toBe('The capital of France is Paris.');
    expect(output.usage).toMatchObject({ input_tokens: 19, output_tokens: 8 });
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.requests.at(-1)?.headers.accept).toBe('text/event-stream');

    next = () => ({ sse: sseChunks(readFixture(fixtures, 'chat-stream-tool-calls.sse')) });
    const tools = await model('gpt-4o', { streaming: true }).generate({ input: 'x', tools: [weatherTool] });
    expect(tools.choices[0]?.stop_reason).toBe('tool_calls');
    expect(tools.choices[0]?.message.tool_calls?.map((call) => [call.id, call.function, call.arguments])).toEqual([
      ['call_DdmO9pD3xa9XTPNJ32zg2hcA', 'get_weather', { location: 'Paris' }],
      ['call_ABC', 'get_time', { tz: 'CET' }],
    ]);
  });
});

describe('openai responses api', () => {
  it('maps a text reply', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'responses-text.json') });
    const output = await model('gpt-4.1', { responsesApi: true }).generate({
      input: [
        { role: 'system', content: 'You tell stories.' },
        { role: 'user', content: 'A one-sentence bedtime story about a unicorn.' },
      ],
      config: { maxTokens: 100 },
    });
    expect(output.completion).toMatch(/^In a peaceful grove/);
    expect(output.usage).toMatchObject({ input_tokens: 36, output_tokens: 87, total_tokens: 123 });
    expect(server.requests.at(-1)?.path).toBe('/v1/responses');
    expect(lastBody()).toEqual({
      model: 'gpt-4.1',
      input: [
        { role: 'system', content: 'You tell stories.' },
        { role: 'user', content: [{ type: 'input_text', text: 'A one-sentence bedtime story about a unicorn.' }] },
      ],
      store: false,
      max_output_tokens: 100,
    });
  });

  it('keeps reasoning (summary and encrypted content) and replays it with the tool round trip', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'responses-reasoning-tool.json') });
    const m = model('o4-mini', { responsesApi: 'true' });
    const first = await m.generate({
      input: 'Weather in Paris?',
      tools: [weatherTool],
      config: { reasoningEffort: 'medium', reasoningSummary: 'detailed' },
    });
    expect(lastBody()).toMatchObject({
      reasoning: { effort: 'medium', summary: 'detailed' },
      include: ['reasoning.encrypted_content'],
      tools: [{ type: 'function', name: 'get_weather', strict: false }],
      tool_choice: 'auto',
    });
    const message = first.choices[0]!.message;
    expect(first.choices[0]?.stop_reason).toBe('tool_calls');
    expect(first.usage?.reasoning_tokens).toBe(128);
    expect(message.content).toEqual([
      {
        type: 'reasoning',
        reasoning: expect.stringContaining('Choosing the weather tool'),
        summary: expect.stringContaining('Choosing the weather tool'),
        signature: 'gAAAAABor0Ax_ENCRYPTED_REASONING_TOKEN_abc123',
        redacted: false,
        internal: { id: 'rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b' },
      },
    ]);
    expect(message.tool_calls).toEqual([
      { id: 'call_6UQ7ta6bdmZ1DsfbP0S2bhOe', function: 'get_weather', type: 'function', arguments: { location: 'Paris, France' } },
    ]);

    next = () => ({ json: readJsonFixture(fixtures, 'responses-text.json') });
    await m.generate({
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        message,
        { role: 'tool', content: 'Sunny, 21C', tool_call_id: 'call_6UQ7ta6bdmZ1DsfbP0S2bhOe', function: 'get_weather' },
      ],
      tools: [weatherTool],
    });
    expect((lastBody().input as unknown[]).slice(1)).toEqual([
      {
        type: 'reasoning',
        id: 'rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b',
        summary: [{ type: 'summary_text', text: expect.stringContaining('Choosing the weather tool') }],
        encrypted_content: 'gAAAAABor0Ax_ENCRYPTED_REASONING_TOKEN_abc123',
      },
      { type: 'function_call', call_id: 'call_6UQ7ta6bdmZ1DsfbP0S2bhOe', name: 'get_weather', arguments: '{"location":"Paris, France"}' },
      { type: 'function_call_output', call_id: 'call_6UQ7ta6bdmZ1DsfbP0S2bhOe', output: 'Sunny, 21C' },
    ]);
  });

  it('streams to the completed response', async () => {
    next = () => ({ sse: sseChunks(readFixture(fixtures, 'responses-stream.sse')) });
    const output = await model('gpt-4.1', { responsesApi: true, stream: true }).generate({ input: 'Hi' });
    expect(output.completion).toBe('Hi there!');
    expect(lastBody().stream).toBe(true);
  });
});

describe('openai errors and keys', () => {
  it.each([
    [401, 'error-401.json', 'authentication_failed'],
    [400, 'error-400.json', 'bad_request'],
    [404, 'error-404.json', 'not_found'],
    [429, 'error-429-insufficient-quota.json', 'insufficient_quota'],
  ])('%s %s → %s after exactly one request', async (status, fixture, code) => {
    next = () => ({ status, json: readJsonFixture(fixtures, fixture) });
    const error = (await model().generate({ input: 'x' }).catch((caught: unknown) => caught)) as ModelApiError;
    expect(error).toBeInstanceOf(ModelApiError);
    expect(error.code).toBe(code);
    expect(server.requests).toHaveLength(1);
    if (status === 401) expect(error.message).toContain('OPENAI_API_KEY');
  });

  it('retries a 429 rate limit and succeeds', async () => {
    let count = 0;
    next = () =>
      count++ === 0
        ? { status: 429, json: readJsonFixture(fixtures, 'error-429-rate-limit.json'), headers: { 'retry-after-ms': '20' } }
        : { json: readJsonFixture(fixtures, 'chat-text.json') };
    const output = await model().generate({ input: 'x' });
    expect(output.completion).toBe('The capital of France is Paris.');
    expect(server.requests).toHaveLength(2);
    expect(calls[0]?.retries).toBe(1);
  });

  it('names OPENAI_API_KEY when no key is set', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await expect(getModel('openai/gpt-4o', { baseURL: server.url }).generate({ input: 'x' })).rejects.toThrow(/OPENAI_API_KEY/);
      process.env.OPENAI_API_KEY = key;
      next = () => ({ json: readJsonFixture(fixtures, 'chat-text.json') });
      await getModel('openai/gpt-4o', { baseURL: server.url }).generate({ input: 'x' });
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });
});

describe('openai/azure', () => {
  it('calls the deployment with api-key and api-version', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-text.json') });
    const output = await getModel('openai/azure/my-gpt4o', {
      apiKey: key,
      baseURL: `${server.url}/`,
      args: { apiVersion: '2025-01-01-preview' },
    }).generate({ input: 'x' });
    expect(output.completion).toBe('The capital of France is Paris.');
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2025-01-01-preview');
    expect(request.headers['api-key']).toBe(key);
    expect(request.headers.authorization).toBeUndefined();
    expect((request.json as { model: string }).model).toBe('my-gpt4o');
  });

  it('calls the Responses API of the resource with the deployment as model and a preview api-version', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'responses-text.json') });
    const saved = process.env.OPENAI_API_VERSION;
    delete process.env.OPENAI_API_VERSION;
    try {
      const output = await getModel('openai/azure/my-gpt41', { apiKey: key, baseURL: `${server.url}/openai/`, args: { responsesApi: true } }).generate({
        input: 'A one-sentence bedtime story about a unicorn.',
      });
      expect(output.completion.length).toBeGreaterThan(0);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_VERSION = saved;
    }
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/openai/responses?api-version=2025-04-01-preview');
    expect(request.headers['api-key']).toBe(key);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.json).toMatchObject({ model: 'my-gpt41', input: [{ role: 'user' }] });
  });

  it('keeps a query string of the endpoint (a gateway key) on the deployment URL', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-text.json') });
    const output = await getModel('openai/azure/dep', { apiKey: key, baseURL: `${server.url}/openai/?subscription-key=gw-canary-1` }).generate({ input: 'x' });
    expect(output.completion).toBe('The capital of France is Paris.');
    expect(server.requests.at(-1)!.path).toBe('/openai/deployments/dep/chat/completions?subscription-key=gw-canary-1&api-version=2024-10-21');
  });

  it('names AZURE_OPENAI_API_KEY when no key is set', async () => {
    const saved = process.env.AZURE_OPENAI_API_KEY;
    delete process.env.AZURE_OPENAI_API_KEY;
    try {
      await expect(getModel('openai/azure/dep', { baseURL: server.url }).generate({ input: 'x' })).rejects.toThrow(/AZURE_OPENAI_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.AZURE_OPENAI_API_KEY = saved;
    }
  });
});

describe('createOpenAI', () => {
  it('makes models with its own settings: key, base URL, headers, organization and fetch', async () => {
    next = () => ({ json: readJsonFixture(fixtures, 'chat-text.json') });
    const seen: string[] = [];
    const openai = createOpenAI({
      apiKey: key,
      baseURL: `${server.url}/proxy/v1`,
      headers: { 'x-team': 'evals' },
      organization: 'org-123',
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    const m = openai('gpt-4o', { config: { temperature: 0.5 }, args: { headers: { 'x-run': 'r1' } } });
    expect(m.name).toBe('openai/gpt-4o');
    expect((await m.generate({ input: 'x' })).completion).toBe('The capital of France is Paris.');
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/proxy/v1/chat/completions');
    expect(request.headers).toMatchObject({ 'x-team': 'evals', 'x-run': 'r1', 'openai-organization': 'org-123', authorization: `Bearer ${key}` });
    expect((request.json as { temperature: number }).temperature).toBe(0.5);
    expect(seen).toEqual([`${server.url}/proxy/v1/chat/completions`]);
  });
});
