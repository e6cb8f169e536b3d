// Issue 17's "must show": a CTF task written as Inspect's tutorials write theirs (inspect-parity/ctf_task.py) ports to
// Assay line by line (inspect-parity/ctf-task.ts) and scores the same on the same scripted model outputs. The real
// Inspect 0.3.260 (../shared/tools/inspect-py) runs the Python task; Assay runs the port; the logs must agree.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { evaluate, getModel, readEvalLog } from '@assay/core';
import { modelOutputForToolCall } from '@assay/model';
import { afterAll, describe, expect, it } from 'vitest';
import { ctf } from './inspect-parity/ctf-task.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'inspect-parity');
const inspect = path.resolve(here, '../../../shared/tools/inspect-py/inspect');
const hasInspect = existsSync(inspect);
const run = promisify(execFile);

type ScriptedCall = { function: string; arguments: Record<string, unknown> };
const script = JSON.parse(readFileSync(path.join(fixtures, 'script.json'), 'utf8')) as Record<string, ScriptedCall[]>;

/** What one sample did, read the same way from either log. */
interface SampleRun {
  score: unknown;
  toolCalls: ScriptedCall[];
  toolOutputs: string[];
}

// The fields both logs share (Inspect's log format, which Assay writes too); extras are ignored.
interface LoggedSample {
  id: string | number;
  scores?: Record<string, { value: unknown }>;
  messages: Array<{ role: string; content: unknown }>;
  events: Array<{ event: string; output?: { choices: Array<{ message: { tool_calls?: ScriptedCall[] | null } }> } }>;
}
interface LoggedEval {
  status: string;
  results?: { scores: Array<{ metrics: Record<string, { value: number }> }> } | null;
  samples?: LoggedSample[] | null;
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  return (content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('');
}

// Tool calls come from the model events: react() moves the answer of the final submit() call into the assistant's
// text, so the messages alone would not show it.
function sampleRuns(log: LoggedEval): Record<string, SampleRun> {
  return Object.fromEntries(
    (log.samples ?? []).map((sample) => [
      String(sample.id),
      {
        score: sample.scores?.includes?.value,
        toolCalls: sample.events
          .filter((event) => event.event === 'model')
          .flatMap((event) => event.output?.choices[0]?.message.tool_calls ?? [])
          .map((call) => ({ function: call.function, arguments: call.arguments })),
        toolOutputs: sample.messages.filter((message) => message.role === 'tool').map((message) => text(message.content)),
      },
    ]),
  );
}

const flagLines = (output: string): string[] => output.split('\n').filter((line) => /FLAG\{|\{GALF/.test(line));

const work = await mkdtemp(path.join(os.tmpdir(), 'assay-inspect-parity-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function runInspect(): Promise<LoggedEval> {
  const logDir = path.join(work, 'inspect');
  // mockllm hands out custom_outputs in order across all samples: one sample at a time keeps them in dataset order.
  await run(inspect, ['eval', 'ctf_scripted.py', '--model', 'mockllm/model', '--log-dir', logDir, '--max-samples', '1', '--display', 'none'], {
    cwd: fixtures,
    timeout: 540_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [file] = readdirSync(logDir).filter((name) => name.endsWith('.eval'));
  const { stdout } = await run(inspect, ['log', 'dump', path.join(logDir, file!)], { timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as LoggedEval;
}

async function runAssay(): Promise<LoggedEval> {
  const task = ctf();
  // The same outputs in the same order as ctf_scripted.py builds them.
  const outputs = task.dataset.samples.flatMap((sample) =>
    script[String(sample.id)]!.map((call) =>
      modelOutputForToolCall({ model: 'mockllm/model', toolName: call.function, toolArguments: call.arguments }),
    ),
  );
  const model = getModel('mockllm/model', { args: { customOutputs: outputs } });
  const [log] = await evaluate(task, { model, logDir: path.join(work, 'assay'), maxSamples: 1 });
  return (await readEvalLog({ path: log!.location! })) as unknown as LoggedEval;
}

describe.skipIf(!hasInspect)(
  hasInspect ? 'an Inspect CTF task and its Assay port' : `an Inspect CTF task and its Assay port (skipped: ${inspect} not found)`,
  () => {
    it('score the same on the same scripted model outputs', { timeout: 600_000 }, async () => {
      const [inspectLog, assayLog] = await Promise.all([runInspect(), runAssay()]);
      expect(inspectLog.status).toBe('success');
      expect(assayLog.status).toBe('success');

      const inspectRuns = sampleRuns(inspectLog);
      const assayRuns = sampleRuns(assayLog);
      // The script solves two challenges and submits the backwards flag for the third.
      expect(Object.keys(inspectRuns).sort()).toEqual(['encoded', 'hidden-file', 'reversed']);
      expect(Object.keys(assayRuns).sort()).toEqual(Object.keys(inspectRuns).sort());
      expect(inspectRuns['hidden-file']!.score).toBe('C');
      expect(inspectRuns.encoded!.score).toBe('C');
      expect(inspectRuns.reversed!.score).toBe('I');

      for (const [id, inspectRun] of Object.entries(inspectRuns)) {
        const assayRun = assayRuns[id]!;
        expect(assayRun.score, `score of ${id}`).toBe(inspectRun.score);
        expect(inspectRun.toolCalls, `Inspect's tool calls in ${id}`).toEqual(script[id]);
        expect(assayRun.toolCalls, `tool calls in ${id}`).toEqual(inspectRun.toolCalls);
        // Every flag the tools printed (read from the planted files and the setup's output) is printed the same way.
        expect(assayRun.toolOutputs.length, `tool outputs in ${id}`).toBe(inspectRun.toolOutputs.length);
        expect(assayRun.toolOutputs.flatMap(flagLines), `flag lines in ${id}`).toEqual(inspectRun.toolOutputs.flatMap(flagLines));
        expect(inspectRun.toolOutputs.flatMap(flagLines).length, `flag lines in ${id}`).toBeGreaterThan(0);
      }

      const accuracy = (log: LoggedEval): number | undefined => log.results?.scores[0]?.metrics.accuracy?.value;
      expect(accuracy(inspectLog)).toBeCloseTo(2 / 3, 10);
      expect(accuracy(assayLog)).toBe(accuracy(inspectLog));
    });
  },
);
