// Run by provider-exit.test.ts in a child process: one eval against the server at argv[2], then fall off the end.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, generate, includes, task } from '@assay/core';
import { getModel } from '@assay/model';

const [url, stream] = process.argv.slice(2);
const logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-exit-'));
const model = getModel('openai/gpt-4o-mini', { apiKey: 'sk-exit-test-key', baseURL: url, args: { stream: stream === 'stream' } });
const dataset = Array.from({ length: 40 }, (_, index) => ({ id: index + 1, input: `question ${index + 1}`, target: `[${index + 1}]` }));
const [log] = await evaluate(task({ name: 'exit', dataset, solver: generate(), scorer: includes() }), {
  model,
  logDir,
  maxConnections: 10,
  config: { attemptTimeout: 1 },
});
// What could still keep the process alive once the eval is over: the test checks no socket is among them.
const resources = process.getActiveResourcesInfo().filter((resource) => resource !== 'TTYWrap' && resource !== 'PipeWrap');
process.stdout.write(`done ${log?.status} ${log?.results?.completed_samples} ${JSON.stringify(resources)}\n`);
