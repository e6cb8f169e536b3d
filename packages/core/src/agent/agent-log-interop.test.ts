// An agent run's log (react with a handoff, an agent tool and scoped limits) must validate against the published
// schema and be read by the real Inspect (`inspect log dump`), with its agent, handoff and tool spans intact.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasShared, needsShared, parseIndependently, publishedLogValidator, sharedDir, unzipIndependently } from '../../test/log-fixtures.js';
import { messageLimit, tokenLimit } from '../limits/limit.js';
import { evaluate } from '../runner/evaluate.js';
import { includes } from '../scorer/index.js';
import { scriptedModel, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { task } from '../task/task.js';
import { defineTool } from '../tools/define-tool.js';
import { asSolver } from './as-solver.js';
import { asTool } from './as-tool.js';
import { handoff } from './handoff.js';
import { react } from './react.js';

const inspect = path.join(sharedDir, 'tools/inspect-py/inspect');
let logDir: string;
let logPath: string;

beforeAll(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-agent-log-'));
  const lookup = defineTool({
    name: 'lookup',
    description: 'Looks a fact up.',
    parameters: z.object({ query: z.string() }),
    execute: ({ query }) => `fact about ${query}`,
  });
  const researcher = react({ name: 'researcher', description: 'Researches facts.', tools: [lookup] });
  const checker = react({ name: 'checker', description: 'Checks an answer.' });
  const model = scriptedModel([
    toolCallOutput([['transfer_to_researcher', {}, 'h1']]),
    toolCallOutput([['lookup', { query: 'France' }, 'l1']]),
    toolCallOutput([['submit', { answer: 'Paris' }, 'r1']]),
    toolCallOutput([['checker', { input: 'Is Paris right?' }, 'c1']]),
    toolCallOutput([['submit', { answer: 'yes' }, 'c2']]),
    toolCallOutput([['submit', { answer: 'Paris' }, 's1']]),
  ]);
  const [log] = await evaluate(
    task({
      name: 'agents',
      dataset: [{ id: 1, input: 'What is the capital of France?', target: 'Paris' }],
      solver: asSolver(
        react({
          prompt: 'You coordinate.',
          tools: [handoff(researcher, { limits: [messageLimit(50)] }), asTool(checker, { limits: [tokenLimit(100_000)] })],
        }),
      ),
      scorer: includes(),
    }),
    { model, logDir, workingLimit: 600 },
  );
  logPath = log!.location!;
});
afterAll(async () => {
  await rm(logDir, { recursive: true, force: true });
});

describe.skipIf(!hasShared)(needsShared('agent logs'), () => {
  it('validate against the published EvalLog schema, with agent, handoff and tool spans', async () => {
    const members = unzipIndependently(new Uint8Array(await readFile(logPath)));
    const header = parseIndependently(members.get('header.json')!);
    const samples = [...members.keys()].filter((name) => name.startsWith('samples/')).map((name) => parseIndependently(members.get(name)!));
    const assembled = { ...header, samples, reductions: parseIndependently(members.get('reductions.json')!) };
    expect(publishedLogValidator()(assembled)).toEqual([]);
    expect(header.eval.config.working_limit).toBe(600);
    const spans = samples[0].events
      .filter((event: { event: string }) => event.event === 'span_begin')
      .map((event: { type: string; name: string }) => `${event.type}:${event.name}`);
    expect(spans).toEqual([
      'solvers:solvers',
      'solver:react',
      'agent:react',
      'handoff:researcher',
      'agent:researcher',
      'tool:lookup',
      'tool:submit',
      'tool:checker',
      'agent:checker',
      'tool:submit',
      'tool:submit',
      'scorers:scorers',
      'scorer:includes',
    ]);
    expect(samples[0].scores.includes.value).toBe('C');
  });

  it.skipIf(!existsSync(inspect))('are read by the real Inspect (inspect log dump)', () => {
    const dumped = spawnSync(inspect, ['log', 'dump', logPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dumped.stderr).toBe('');
    expect(dumped.status).toBe(0);
    const log = parseIndependently(dumped.stdout);
    const events = log.samples[0].events as Array<{ event: string; type?: string; name?: string; agent?: string }>;
    expect(events.filter((event) => event.event === 'span_begin' && event.type === 'handoff').map((event) => event.name)).toEqual([
      'researcher',
    ]);
    expect(events.find((event) => event.event === 'tool' && event.agent === 'researcher')).toBeDefined();
    expect(log.samples[0].output.completion).toBe('Paris');
  });
});
