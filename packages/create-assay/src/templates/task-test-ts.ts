/** The new project's src/task.test.ts: the task run on the mock model, no API key needed. */
export function taskTestTs(): string {
  return `import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, getModel } from '@assay/core';
import { afterAll, expect, it } from 'vitest';
import { capitals } from './task.js';

const logDir = await mkdtemp(path.join(os.tmpdir(), 'capitals-'));
afterAll(() => rm(logDir, { recursive: true, force: true }));

it('counts an answer containing the target as correct', async () => {
  // mockllm/model answers every prompt with defaultOutput: right about France, wrong about Japan.
  const model = getModel('mockllm/model', { args: { defaultOutput: 'Paris' } });
  const [log] = await evaluate(capitals, { model, logDir });
  expect(log?.status).toBe('success');
  expect(log?.results?.scores[0]?.metrics.accuracy?.value).toBe(0.5);
});
`;
}
