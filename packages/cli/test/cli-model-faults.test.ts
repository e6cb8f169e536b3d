// Rate-limit storms and stalled servers through the built CLI with default settings, against a local server speaking
// OpenAI's wire format. Backoff is made quick through ASSAY_RETRY_* (the defaults stay as users get them).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog, type EvalLog } from '@assay/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAIReply, promptOf } from '../../model/test/support/openai-mock.js';
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '../../model/test/support/test-server.js';
import { countingTask, logPathOf, startAssay, type CliResult } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-model-faults-'));
beforeAll(ensureBuilt, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Hang guards only: each run ends in a few seconds when the fix works.
const hangGuardMilliseconds = 90_000;
const testTimeout = 150_000;

let counter = 0;

/** Runs `assay eval` on the counting task against `respond`; kills it (and says so) if it outlives the hang guard. */
async function evalAgainst(options: {
  samples: number;
  respond: (request: RecordedRequest) => TestResponse;
  flags?: string[];
}): Promise<CliResult & { hung: boolean; log?: EvalLog; server: TestServer }> {
  server = await startTestServer({ respond: options.respond });
  const dir = path.join(work, `run-${++counter}`);
  const run = startAssay({
    args: [
      'eval', countingTask, '-T', `samples=${options.samples}`, '-T', `calls_file=${path.join(dir, 'calls.txt')}`,
      '--model', 'openai/gpt-4o-mini', '--display', 'none', '--log-dir', path.join(dir, 'logs'), ...(options.flags ?? []),
    ],
    env: {
      OPENAI_API_KEY: 'sk-model-faults-test',
      OPENAI_BASE_URL: `${server.url}/v1`,
      ASSAY_RETRY_INITIAL_DELAY: '0.001',
      ASSAY_RETRY_MAX_DELAY: '0.01',
    },
  });
  let hung = false;
  const guard = setTimeout(() => {
    hung = true;
    run.child.kill('SIGKILL');
  }, hangGuardMilliseconds);
  const result = await run.done;
  clearTimeout(guard);
  const log = hung
    ? undefined
    : await Promise.resolve()
        .then(() => readEvalLog({ path: logPathOf(result.stdout) }))
        .catch(() => undefined);
  return { ...result, hung, ...(log ? { log } : {}), server };
}

/** `Question 17` → 17. */
const numberOf = (request: RecordedRequest): number => Number(promptOf(request).replace(/^Question /, ''));
const answer = (request: RecordedRequest): TestResponse => openAIReply({ request, content: `Answer to ${promptOf(request)}`, pieces: 4 });

/** Counts the requests for each prompt, so a response can depend on the attempt (never on arrival order). */
function attemptCounter(): (request: RecordedRequest) => number {
  const seen = new Map<string, number>();
  return (request) => {
    const attempt = (seen.get(promptOf(request)) ?? 0) + 1;
    seen.set(promptOf(request), attempt);
    return attempt;
  };
}

const modelEvents = (log: EvalLog): Array<{ retries?: number | null }> =>
  (log.samples ?? []).flatMap((sample) => sample.events.filter((event) => event.event === 'model')) as never;

function expectAllSucceeded(log: EvalLog | undefined, samples: number): void {
  expect(log?.status).toBe('success');
  expect(log?.samples).toHaveLength(samples);
  expect(log?.samples?.filter((sample) => sample.error)).toEqual([]);
  for (const sample of log?.samples ?? []) expect(sample.output.completion).toBe(`Answer to ${String(sample.input)}`);
}

const capacityFailures: TestResponse[] = [
  { status: 429, headers: { 'retry-after-ms': '1' }, json: { error: { message: 'Rate limit reached (RPM).', type: 'requests', code: 'rate_limit_exceeded' } } },
  { status: 429, json: { error: { message: 'Rate limit reached (TPM).', type: 'tokens', code: 'rate_limit_exceeded' } } },
  { status: 503, headers: { 'retry-after': '0' }, json: { error: { message: 'Service unavailable', type: 'server_error' } } },
  { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
];

describe('rate limits never fail an eval by default', () => {
  it('a 30% storm of 429/503/529, each hit sample refused 7 times: every sample succeeds and the log counts the retries', { timeout: testTimeout }, async () => {
    const attemptOf = attemptCounter();
    const result = await evalAgainst({
      samples: 200,
      // Samples 10k+1…10k+3 (30%) are refused on their first 7 attempts: more than the default maxRetries (5).
      respond: (request) => {
        const attempt = attemptOf(request);
        const hit = (numberOf(request) - 1) % 10 < 3;
        return hit && attempt <= 7 ? capacityFailures[(attempt - 1) % capacityFailures.length]! : answer(request);
      },
    });
    expect(result.hung).toBe(false);
    expect(result.status, result.stderr).toBe(0);
    expectAllSucceeded(result.log, 200);
    const refused = result.server.requests.filter((request) => request.status !== 200).length;
    expect(refused).toBe(60 * 7);
    expect(result.log?.stats.model_retries).toBeGreaterThanOrEqual(1);
    expect(result.log?.stats.model_retries).toBe(refused);
    expect(modelEvents(result.log!).reduce((sum, event) => sum + (event.retries ?? 0), 0)).toBe(refused);
  });

  it("a server that only answers 429 is retried until the sample's time limit, which then ends the sample", { timeout: testTimeout }, async () => {
    const result = await evalAgainst({
      samples: 1,
      flags: ['--time-limit', '2'],
      respond: () => capacityFailures[0]!,
    });
    expect(result.hung).toBe(false);
    const sample = result.log?.samples?.[0];
    expect(sample?.error ?? undefined).toBeUndefined();
    expect(sample?.limit).toMatchObject({ type: 'time' });
    // Far more attempts than maxRetries (5) would allow: the time budget, not a count, ended them.
    expect(result.server.requests.length).toBeGreaterThan(6);
  });
});

describe('a stalled server never hangs a run', () => {
  it('streams that never answer, stall after the headers or stall midway are cut by --idle-timeout and retried', { timeout: testTimeout }, async () => {
    const attemptOf = attemptCounter();
    const result = await evalAgainst({
      samples: 30,
      flags: ['-M', 'stream=true', '--idle-timeout', '0.5'],
      respond: (request) => {
        if (attemptOf(request) > 1) return answer(request);
        const kind = numberOf(request) % 3;
        if (kind === 0) return { hang: true };
        // Headers and nothing else, or the role chunk and half the text, then silence.
        return { ...answer(request), stallAfter: kind === 1 ? 0 : 3 };
      },
    });
    expect(result.hung).toBe(false);
    expect(result.status, result.stderr).toBe(0);
    expectAllSucceeded(result.log, 30);
    expect(result.server.requests).toHaveLength(60);
    expect(result.log?.stats.model_retries).toBe(30);
  });

  it('a JSON answer that never comes is cut by --attempt-timeout, one stalled after its headers by the idle timeout', { timeout: testTimeout }, async () => {
    const attemptOf = attemptCounter();
    const result = await evalAgainst({
      samples: 10,
      flags: ['--attempt-timeout', '1', '--idle-timeout', '0.5'],
      respond: (request) => {
        if (attemptOf(request) > 1) return answer(request);
        return numberOf(request) % 2 === 0 ? { hang: true } : { sse: ['{"id": "chatcmpl-1", ', '"choices": []}'], stallAfter: 1 };
      },
    });
    expect(result.hung).toBe(false);
    expect(result.status, result.stderr).toBe(0);
    expectAllSucceeded(result.log, 10);
    expect(result.log?.stats.model_retries).toBe(10);
  });

  it('a stream that stalls on every attempt ends the sample in an error naming the idle timeout', { timeout: testTimeout }, async () => {
    const result = await evalAgainst({
      samples: 1,
      flags: ['-M', 'stream=true', '--idle-timeout', '0.3', '--max-retries', '2'],
      respond: (request) => ({ ...answer(request), stallAfter: 2 }),
    });
    expect(result.hung).toBe(false);
    expect(result.status).not.toBe(0);
    expect(result.log?.status).toBe('error');
    expect(result.log?.samples?.[0]?.error?.message).toContain('idleTimeout');
    expect(result.server.requests).toHaveLength(3);
  });
});
