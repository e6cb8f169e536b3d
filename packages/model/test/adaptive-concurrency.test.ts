import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, generate, includes, readEvalLog, task } from '@assay/core';
import { getModel } from '@assay/model';
import { afterEach, describe, expect, it } from 'vitest';
import { hasShared, needsShared, publishedLogValidator } from '../../core/test/log-fixtures.js';
import { answerFor, openAIRateLimit, openAIReply, promptOf } from './support/openai-mock.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer | undefined;
let logDir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (logDir) await rm(logDir, { recursive: true, force: true });
});

describe('adaptive concurrency', () => {
  it('a server that 429s above 16 concurrent requests: after 200 samples the 429 rate is < 5%, all scored', async () => {
    server = await startTestServer({
      respond: async (request, state) => {
        if (state.inFlight > 16) return openAIRateLimit({ 'retry-after': '0.05' });
        await new Promise((resolve) => setTimeout(resolve, 10));
        return openAIReply({ request, content: answerFor(promptOf(request)) });
      },
    });
    logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-adaptive-'));
    const model = getModel('openai/gpt-4o-mini', { apiKey: 'sk-adaptive', baseURL: `${server.url}/v1` });
    const dataset = Array.from({ length: 1000 }, (_, index) => ({ id: index + 1, input: `question ${index + 1}`, target: `[${index + 1}]` }));
    const [log] = await evaluate(task({ name: 'adaptive', dataset, solver: generate(), scorer: includes() }), {
      model,
      logDir,
      config: { adaptiveConnections: true, timeout: 60 },
    });
    const full = await readEvalLog({ path: log!.location! });
    expect(full.status).toBe('success');
    expect(full.results?.completed_samples).toBe(1000);
    expect(full.samples?.every((sample) => sample.scores?.includes?.value === 'C')).toBe(true);

    const requests = server.requests;
    let successes = 0;
    const after = requests.filter((request) => {
      if (request.status === 200) successes++;
      return successes > 200;
    });
    const limited = after.filter((request) => request.status === 429).length;
    expect(limited / after.length).toBeLessThan(0.05);
    expect(requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);

    const history = full.stats.connection_limit_history;
    expect(history.length).toBeGreaterThan(2);
    expect(history[0]).toMatchObject({ model: 'openai/gpt-4o-mini', old_limit: 20 });
    expect(new Set(history.map((change) => change.reason))).toContain('rate_limit');
    for (const change of history) {
      expect(change.new_limit).toBeGreaterThanOrEqual(10);
      expect(change.new_limit).toBeLessThanOrEqual(100);
    }
    expect(full.stats.model_retries).toBe(requests.filter((request) => request.status === 429).length);
  });

  it.skipIf(!hasShared)(needsShared('logs a history the published schema accepts'), async () => {
    server = await startTestServer({
      respond: (request, state) =>
        state.inFlight > 4 ? openAIRateLimit({ 'retry-after-ms': '20' }) : openAIReply({ request, content: answerFor(promptOf(request)) }),
    });
    logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-adaptive-'));
    const model = getModel('openai/gpt-4o-mini', { apiKey: 'sk-adaptive', baseURL: `${server.url}/v1` });
    const dataset = Array.from({ length: 60 }, (_, index) => ({ id: index + 1, input: `question ${index + 1}`, target: `[${index + 1}]` }));
    const [log] = await evaluate(task({ name: 'adaptive_schema', dataset, solver: generate(), scorer: includes() }), {
      model,
      logDir,
      logFormat: 'json',
      config: { adaptiveConnections: { start: 8, min: 2, max: 12 }, timeout: 30 },
    });
    const full = await readEvalLog({ path: log!.location! });
    expect(full.stats.connection_limit_history.length).toBeGreaterThan(0);
    const { location: _location, ...written } = full as typeof full & { location?: string };
    expect(publishedLogValidator()(JSON.parse(JSON.stringify(written)))).toEqual([]);
  });
});
