// End-to-end fault tolerance: evaluate() against a local server speaking OpenAI's wire format.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, generate, includes, readEvalLog, task, type EvalLog } from '@assay/core';
import { getModel, setRetryBackoff } from '@assay/model';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerFor, openAIRateLimit, openAIReply, promptOf } from './support/openai-mock.js';
import { seededRandom, startTestServer, type RecordedRequest, type TestResponse, type TestServer } from './support/test-server.js';

const key = 'sk-faults-canary-0123456789';
let logDir: string;
let server: TestServer | undefined;
let restoreBackoff: () => void;

beforeAll(() => {
  restoreBackoff = setRetryBackoff({ initialDelay: 0.01, maxDelay: 0.05 });
});
afterAll(() => restoreBackoff());
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-faults-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(logDir, { recursive: true, force: true });
});

function questions(count: number): Array<{ id: number; input: string; target: string }> {
  return Array.from({ length: count }, (_, index) => ({ id: index + 1, input: `question ${index + 1}`, target: `[${index + 1}]` }));
}

async function run(options: {
  samples: number;
  respond: (request: RecordedRequest) => TestResponse | Promise<TestResponse>;
  stream?: boolean;
  config?: Record<string, unknown>;
  maxConnections?: number;
  failOnError?: boolean;
}): Promise<{ log: EvalLog; full: EvalLog; server: TestServer }> {
  server = await startTestServer({ respond: options.respond });
  const model = getModel('openai/gpt-4o-mini', { apiKey: key, baseURL: `${server.url}/v1`, args: { stream: options.stream ?? false } });
  const [log] = await evaluate(
    task({ name: 'faults', dataset: questions(options.samples), solver: generate(), scorer: includes() }),
    {
      model,
      logDir,
      config: options.config ?? {},
      maxConnections: options.maxConnections ?? 10,
      ...(options.failOnError === undefined ? {} : { failOnError: options.failOnError }),
    },
  );
  const full = await readEvalLog({ path: log!.location! });
  return { log: log!, full, server };
}

function modelEvents(log: EvalLog): Array<{ retries?: number | null; error?: string | null; metadata?: Record<string, unknown> | null }> {
  return (log.samples ?? []).flatMap((sample) => sample.events.filter((event) => event.event === 'model')) as never;
}
const loggedRetries = (log: EvalLog): number => modelEvents(log).reduce((sum, event) => sum + (event.retries ?? 0), 0);
const count = (server: TestServer, status: number): number => server.requests.filter((request) => request.status === status).length;

function expectAllScoredOnce(log: EvalLog, samples: number): void {
  expect(log.status).toBe('success');
  expect(log.results?.completed_samples).toBe(samples);
  expect(log.samples).toHaveLength(samples);
  expect(new Set(log.samples?.map((sample) => sample.id)).size).toBe(samples);
  for (const sample of log.samples ?? []) expect(sample.scores?.includes?.value).toBe('C');
}

/** Each retried request arrived at least `minimum` ms after the 429 answering the same prompt. */
function retryGaps(server: TestServer): number[] {
  const byPrompt = new Map<string, RecordedRequest[]>();
  for (const request of server.requests) {
    const list = byPrompt.get(promptOf(request)) ?? [];
    list.push(request);
    byPrompt.set(promptOf(request), list);
  }
  const gaps: number[] = [];
  for (const list of byPrompt.values()) {
    for (let index = 0; index + 1 < list.length; index++) {
      const current = list[index]!;
      if (current.status === 429) gaps.push(list[index + 1]!.receivedAt - (current.respondedAt ?? current.receivedAt));
    }
  }
  return gaps;
}

describe('faults through evaluate (OpenAI format)', () => {
  it('30% 429 with Retry-After 0.1: every sample scored once, retries counted in the log', async () => {
    const random = seededRandom(7);
    const { full, server } = await run({
      samples: 100,
      config: { timeout: 60 },
      respond: (request) =>
        random() < 0.3 ? openAIRateLimit({ 'retry-after': '0.1' }) : openAIReply({ request, content: answerFor(promptOf(request)) }),
    });
    expectAllScoredOnce(full, 100);
    const injected = count(server, 429);
    expect(injected).toBeGreaterThan(15);
    // Every 429 was retried; on a busy machine an attempt may also be retried for another reason (a reset socket).
    expect(loggedRetries(full)).toBeGreaterThanOrEqual(injected);
    expect(full.stats.model_retries).toBe(loggedRetries(full));
    expect(count(server, 200)).toBe(100);
    expect(Math.min(...retryGaps(server))).toBeGreaterThanOrEqual(95);
    const waits = modelEvents(full).filter((event) => (event.retries ?? 0) > 0);
    for (const event of waits) expect(event.metadata?.retry_wait_time).toBeGreaterThanOrEqual(0.095 * (event.retries ?? 0));
  });

  it('500s then success', async () => {
    const seen = new Map<string, number>();
    const { full, server } = await run({
      samples: 20,
      respond: (request) => {
        const prompt = promptOf(request);
        const attempt = (seen.get(prompt) ?? 0) + 1;
        seen.set(prompt, attempt);
        return attempt <= 2 ? { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } } : openAIReply({ request, content: answerFor(prompt) });
      },
    });
    expectAllScoredOnce(full, 20);
    expect(count(server, 500)).toBe(40);
    expect(loggedRetries(full)).toBe(40);
  });

  it('a hung connection: attemptTimeout fires and the retry succeeds', async () => {
    const seen = new Set<string>();
    const { full, server } = await run({
      samples: 10,
      config: { attemptTimeout: 0.5 },
      respond: (request) => {
        const prompt = promptOf(request);
        if (!seen.has(prompt)) {
          seen.add(prompt);
          return { hang: true };
        }
        return openAIReply({ request, content: answerFor(prompt) });
      },
    });
    expectAllScoredOnce(full, 10);
    // Every first attempt hung and was retried. Under load a retry's reply may itself outlast attemptTimeout and be
    // retried again, so the counts are checked against each other rather than against a fixed 20.
    expect(server.requests.length).toBeGreaterThanOrEqual(20);
    expect(loggedRetries(full)).toBe(server.requests.length - 10);
  });

  it('401: the run fails fast with a message naming OPENAI_API_KEY, without retrying', async () => {
    const { log, server } = await run({
      samples: 200,
      respond: () => ({
        status: 401,
        json: { error: { message: `Incorrect API key provided: ${key}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
      }),
    });
    expect(log.status).toBe('error');
    expect(log.error?.message).toContain('OPENAI_API_KEY');
    expect(log.error?.message).not.toContain(key);
    // At most one request per sample already running when the first failure stopped the run.
    expect(server.requests.length).toBeLessThanOrEqual(11);
    expect(new Set(server.requests.map(promptOf)).size).toBe(server.requests.length);
  });

  it('the same 5xx ten times fails that sample only; the others finish', async () => {
    const { full, server } = await run({
      samples: 30,
      failOnError: false,
      respond: (request) =>
        // 502, not 503: a 503 (overloaded) is retried for as long as the time budget allows, like a 429.
        promptOf(request) === 'question 7'
          ? { status: 502, json: { error: { message: 'Bad gateway', type: 'server_error' } } }
          : openAIReply({ request, content: answerFor(promptOf(request)) }),
    });
    const failing = server.requests.filter((request) => promptOf(request) === 'question 7');
    expect(failing.length).toBeGreaterThan(1);
    expect(failing.length).toBeLessThanOrEqual(10);
    const errored = full.samples?.filter((sample) => sample.error) ?? [];
    expect(errored.map((sample) => sample.id)).toEqual([7]);
    expect(errored[0]?.error?.message).toMatch(/502 \(server_error\)/);
    expect(full.samples?.filter((sample) => sample.scores?.includes?.value === 'C')).toHaveLength(29);
  });

  it('a 429 storm keeps retrying until the total timeout', async () => {
    const started = performance.now();
    const { full, server } = await run({
      samples: 1,
      failOnError: false,
      config: { timeout: 1.5, maxRetries: 2 },
      respond: () => openAIRateLimit({ 'retry-after': '0.1' }),
    });
    const elapsed = performance.now() - started;
    expect(server.requests.length).toBeGreaterThan(5); // far past maxRetries: rate limits are bounded by the timeout
    expect(full.samples?.[0]?.error?.message).toMatch(/timed out after 1.5 s/);
    // A lower bound only: load can slow a run, never speed it up.
    expect(elapsed).toBeGreaterThan(1400);
  });

  it('a stream stalling after 3 chunks: the attempt times out, the retry has the full text once', async () => {
    const seen = new Set<string>();
    const { full, server } = await run({
      samples: 5,
      stream: true,
      config: { attemptTimeout: 0.5 },
      respond: (request) => {
        const prompt = promptOf(request);
        const first = !seen.has(prompt);
        seen.add(prompt);
        return openAIReply({ request, content: answerFor(prompt), pieces: 4, ...(first ? { stallAfter: 3 } : {}) });
      },
    });
    expectAllScoredOnce(full, 5);
    // At least one retry per sample (a retry slowed past attemptTimeout by load is retried again, so not exactly 10).
    expect(server.requests.length).toBeGreaterThanOrEqual(10);
    expect(loggedRetries(full)).toBe(server.requests.length - 5);
    for (const sample of full.samples ?? []) {
      expect(sample.output.completion).toBe(answerFor(String(sample.input)));
    }
  });
});

describe.each([false, true])('500 samples, concurrency 20, 30%% 429 with Retry-After: 1 (stream %s)', (stream) => {
  it('all scored; every 429 retried and logged; each retry ≥ 950 ms after its 429', async () => {
    const random = seededRandom(stream ? 11 : 5);
    const { full, server } = await run({
      samples: 500,
      stream,
      maxConnections: 20,
      config: { timeout: 120 },
      respond: (request) =>
        random() < 0.3 ? openAIRateLimit({ 'retry-after': '1' }) : openAIReply({ request, content: answerFor(promptOf(request)) }),
    });
    expectAllScoredOnce(full, 500);
    const injected = count(server, 429);
    expect(injected).toBeGreaterThan(100);
    // Every 429 was retried; on a busy machine an attempt may also be retried for another reason (a reset socket).
    expect(loggedRetries(full)).toBeGreaterThanOrEqual(injected);
    expect(count(server, 200)).toBe(500);
    expect(Math.min(...retryGaps(server))).toBeGreaterThanOrEqual(950);
    expect(server.maxInFlight).toBeLessThanOrEqual(20);
  });
});
