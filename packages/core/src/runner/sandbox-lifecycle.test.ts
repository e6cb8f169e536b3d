import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonDataset } from '../dataset/index.js';
import { readEvalLog } from '../log/node/index.js';
import { defineSandbox, type SandboxProvider } from '../sandbox/define-sandbox.js';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { SandboxError } from '../sandbox/sandbox-error.js';
import { sandbox } from '../sandbox/sandbox.js';
import { defineScorer } from '../scorer/index.js';
import { defineSolver } from '../solver/index.js';
import { task } from '../task/task.js';
import { evaluate } from './evaluate.js';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-sandbox-run-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** What a memo provider was asked to do, in order. */
interface MemoLog {
  calls: string[];
  made: Set<SandboxEnvironment>;
  cleaned: Array<{ environments: Record<string, SandboxEnvironment>; interrupted: boolean }>;
  inFlight: number;
  maxInFlight: number;
}

/** A custom provider keeping each environment's files in memory; `cat FILE` reads one, any other command echoes. */
function memoProvider(name: string, hooks: Partial<SandboxProvider> = {}): { provider: SandboxProvider; log: MemoLog } {
  const log: MemoLog = { calls: [], made: new Set(), cleaned: [], inFlight: 0, maxInFlight: 0 };
  let count = 0;
  const provider = defineSandbox({
    name,
    validateConfig: (config) => {
      log.calls.push(`validateConfig ${JSON.stringify(config)}`);
      return config;
    },
    taskInit: async ({ config }) => void log.calls.push(`taskInit ${JSON.stringify(config)}`),
    taskCleanup: async ({ config, cleanup }) => void log.calls.push(`taskCleanup ${JSON.stringify(config)} ${cleanup}`),
    async sampleInit({ config, metadata }) {
      log.calls.push(`sampleInit ${String(metadata.__sample_id__)} ${JSON.stringify(config)}`);
      log.inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      const files = new Map<string, string>();
      const id = `${name}-${++count}`;
      const environment: SandboxEnvironment = {
        async exec(cmd) {
          if (cmd[0] === 'cat') {
            const text = files.get(cmd[1]!);
            return text === undefined
              ? { success: false, returncode: 1, stdout: '', stderr: `cat: ${cmd[1]}: No such file` }
              : { success: true, returncode: 0, stdout: text, stderr: '' };
          }
          return { success: true, returncode: 0, stdout: `${id}: ${cmd.join(' ')}`, stderr: '' };
        },
        async writeFile(file, contents) {
          files.set(file, typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8'));
        },
        async readFile(file: string): Promise<never> {
          const text = files.get(file);
          if (text === undefined) throw new SandboxError({ code: 'sandbox_file_not_found', message: `File '${file}' was not found.`, path: file });
          return text as never;
        },
        connection: async () => ({ type: name, command: `memo attach ${id}`, container: id }),
      };
      log.made.add(environment);
      return { default: environment };
    },
    async sampleCleanup({ environments, interrupted }) {
      log.inFlight--;
      log.cleaned.push({ environments, interrupted });
    },
    ...hooks,
  });
  return { provider, log };
}

const execSolver = defineSolver({
  name: 'exec_in_sandbox',
  create: () => async (state) => {
    const result = await sandbox().exec(['echo', `sample ${state.sampleId}`]);
    state.metadata.stdout = result.stdout;
    return state;
  },
});

const noScore = defineScorer({ name: 'no_score', metrics: [], create: () => async () => ({ value: 1 }) });

describe('sandboxes in the runner', () => {
  it('starts each distinct sandbox once, gives every sample attempt fresh environments and cleans up the originals', async () => {
    const { log } = memoProvider('memo');
    const qa = task({
      name: 'memo_task',
      dataset: [
        { id: 1, input: 'a' },
        { id: 2, input: 'b' },
        { id: 3, input: 'c', sandbox: { type: 'memo', config: { flavour: 'b' } } },
      ],
      solver: execSolver(),
      scorer: noScore(),
      epochs: 2,
      sandbox: 'memo',
    });
    const [result] = await evaluate(qa, { model: 'mockllm/model', logDir });
    expect(result?.status).toBe('success');
    const calls = log.calls;
    expect(calls.filter((call) => call.startsWith('validateConfig'))).toEqual(['validateConfig null', 'validateConfig {"flavour":"b"}']);
    expect(calls.filter((call) => call.startsWith('taskInit'))).toEqual(['taskInit null', 'taskInit {"flavour":"b"}']);
    expect(calls.filter((call) => call.startsWith('sampleInit')).sort()).toEqual(
      ['sampleInit 1 null', 'sampleInit 1 null', 'sampleInit 2 null', 'sampleInit 2 null', 'sampleInit 3 {"flavour":"b"}', 'sampleInit 3 {"flavour":"b"}'],
    );
    // Both task inits come before any sample; both task cleanups after every sample cleanup.
    expect(calls.findIndex((call) => call.startsWith('sampleInit'))).toBeGreaterThan(calls.lastIndexOf('taskInit {"flavour":"b"}'));
    expect(calls.slice(-2).sort()).toEqual(['taskCleanup null true', 'taskCleanup {"flavour":"b"} true']);
    expect(log.cleaned).toHaveLength(6);
    for (const { environments, interrupted } of log.cleaned) {
      expect(log.made.has(environments.default!)).toBe(true);
      expect(interrupted).toBe(false);
    }
    const full = await readEvalLog({ path: result!.location! });
    expect(full.eval.sandbox).toEqual({ type: 'memo', config: null });
    expect(full.eval.config).toMatchObject({ max_sandboxes: null, sandbox_cleanup: true });
    const byId = (id: number) => full.samples!.filter((sample) => sample.id === id);
    expect(byId(1).map((sample) => sample.sandbox)).toEqual([null, null]);
    expect(byId(3).map((sample) => sample.sandbox)).toEqual([
      { type: 'memo', config: { flavour: 'b' } },
      { type: 'memo', config: { flavour: 'b' } },
    ]);
    const events = byId(2)[0]!.events.filter((event) => event.event === 'sandbox');
    expect(events).toEqual([
      expect.objectContaining({ action: 'exec', cmd: "echo 'sample 2'", result: 0, options: {}, output: expect.stringMatching(/: echo sample 2$/) }),
    ]);
  });

  it('takes the sample\'s sandbox over the eval\'s, and the eval\'s over the task\'s', async () => {
    const taskLevel = memoProvider('memo_task_level');
    const evalLevel = memoProvider('memo_eval_level');
    const sampleLevel = memoProvider('memo_sample_level');
    const qa = task({
      dataset: [{ id: 1, input: 'a' }, { id: 2, input: 'b', sandbox: 'memo_sample_level' }],
      solver: execSolver(),
      sandbox: 'memo_task_level',
    });
    const [result] = await evaluate(qa, { model: 'mockllm/model', logDir, sandbox: 'memo_eval_level' });
    expect(result?.status).toBe('success');
    expect(taskLevel.log.calls).toEqual([]);
    expect(evalLevel.log.calls.filter((call) => call.startsWith('sampleInit'))).toEqual(['sampleInit 1 null']);
    expect(sampleLevel.log.calls.filter((call) => call.startsWith('sampleInit'))).toEqual(['sampleInit 2 null']);
    expect(result!.eval.sandbox).toEqual({ type: 'memo_eval_level', config: null });
  });

  it('ends the task with an error in its log when a sandbox cannot start, and still cleans up', async () => {
    const { log } = memoProvider('memo_broken', {
      taskInit: async () => {
        throw new Error('image "ctf:latest" not found');
      },
    });
    const [result] = await evaluate(task({ name: 'broken', dataset: [{ input: 'a' }], solver: execSolver(), sandbox: 'memo_broken' }), {
      model: 'mockllm/model',
      logDir,
    });
    expect(result?.status).toBe('error');
    expect(result?.error?.message).toMatch(/Starting the memo_broken sandbox for task "broken" failed: image "ctf:latest" not found/);
    expect(log.calls.some((call) => call.startsWith('sampleInit'))).toBe(false);
    expect(log.calls.at(-1)).toBe('taskCleanup null true');
    expect((await readEvalLog({ path: result!.location! })).status).toBe('error');
  });

  it('cleans up a cancelled sample as interrupted, then the task', async () => {
    const { log } = memoProvider('memo_cancel');
    const controller = new AbortController();
    const waitForever = defineSolver({
      name: 'wait_forever',
      create: () => async (state) => {
        await sandbox().exec(['true']);
        controller.abort();
        await new Promise(() => undefined);
        return state;
      },
    });
    const [result] = await evaluate(task({ dataset: [{ input: 'a' }], solver: waitForever(), sandbox: 'memo_cancel' }), {
      model: 'mockllm/model',
      logDir,
      signal: controller.signal,
    });
    expect(result?.status).toBe('cancelled');
    expect(log.cleaned.map((cleaned) => cleaned.interrupted)).toEqual([true]);
    expect(log.calls.at(-1)).toBe('taskCleanup null true');
  });

  it('keeps environments with sandboxCleanup: false and says how to attach to each', async () => {
    const { log } = memoProvider('memo_keep');
    const warnings: string[] = [];
    const [result] = await evaluate(task({ dataset: [{ id: 'x', input: 'a' }], solver: execSolver(), sandbox: 'memo_keep' }), {
      model: 'mockllm/model',
      logDir,
      sandboxCleanup: false,
      onWarning: (message) => warnings.push(message),
    });
    expect(result?.eval.config.sandbox_cleanup).toBe(false);
    expect(log.cleaned).toEqual([]);
    expect(warnings).toEqual(['Sandbox kept (--no-sandbox-cleanup): sample "x", environment "default" (memo_keep): memo attach memo_keep-1']);
    expect(log.calls.at(-1)).toBe('taskCleanup null false');
  });

  it('never has more sample environments of a type than maxSandboxes, else the provider\'s default concurrency', async () => {
    const slowSolver = defineSolver({
      name: 'slow',
      create: () => async (state) => {
        await sandbox().exec(['true']);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return state;
      },
    });
    const dataset = Array.from({ length: 12 }, (_, index) => ({ input: `q${index}` }));
    const limited = memoProvider('memo_limited');
    const [first] = await evaluate(task({ dataset, solver: slowSolver(), sandbox: 'memo_limited' }), {
      model: 'mockllm/model',
      logDir,
      maxSamples: 12,
      maxSandboxes: 3,
    });
    expect(first?.eval.config.max_sandboxes).toBe(3);
    expect(limited.log.calls.filter((call) => call.startsWith('sampleInit'))).toHaveLength(12);
    expect(limited.log.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(limited.log.maxInFlight).toBeLessThanOrEqual(3);

    const byDefault = memoProvider('memo_default_concurrency', { defaultConcurrency: () => 2 });
    await evaluate(task({ dataset, solver: slowSolver(), sandbox: 'memo_default_concurrency' }), {
      model: 'mockllm/model',
      logDir,
      maxSamples: 12,
    });
    expect(byDefault.log.calls.filter((call) => call.startsWith('sampleInit'))).toHaveLength(12);
    expect(byDefault.log.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('refuses a missing config file or an unknown type before any log exists, naming it', async () => {
    memoProvider('memo_config');
    const qa = task({ name: 'cfg', dataset: [{ input: 'a' }], sandbox: ['memo_config', 'no-such-compose.yaml'] });
    const error = await evaluate(qa, { model: 'mockllm/model', logDir }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ code: 'sandbox_config', path: path.resolve('no-such-compose.yaml') });
    expect((error as Error).message).toMatch(/config file "no-such-compose.yaml" of task "cfg" was not found/);
    await expect(
      evaluate(task({ dataset: [{ input: 'a', sandbox: 'no_such_type' }] }), { model: 'mockllm/model', logDir }),
    ).rejects.toMatchObject({ code: 'sandbox_config', message: expect.stringMatching(/Unknown sandbox type "no_such_type"/) });
    expect(await readdir(logDir)).toEqual([]);
  });

  it('leaves a config that names no file (an image) to the provider', async () => {
    const { log } = memoProvider('memo_image');
    const [result] = await evaluate(task({ dataset: [{ input: 'a' }], solver: execSolver(), sandbox: ['memo_image', 'python:3.12-slim'] }), {
      model: 'mockllm/model',
      logDir,
    });
    expect(result?.status).toBe('success');
    expect(log.calls).toContain('taskInit "python:3.12-slim"');
  });

  it('resolves a relative config file against the task file\'s folder', async () => {
    const { log } = memoProvider('memo_relative');
    await writeFile(path.join(logDir, 'compose.yaml'), 'services: {}\n');
    const qa = { ...task({ dataset: [{ input: 'a' }], solver: execSolver(), sandbox: ['memo_relative', 'compose.yaml'] }), file: path.join(logDir, 'task.ts') };
    const [result] = await evaluate(qa, { model: 'mockllm/model', logDir: path.join(logDir, 'logs') });
    expect(result?.status).toBe('success');
    const config = path.join(logDir, 'compose.yaml');
    expect(log.calls).toContain(`taskInit ${JSON.stringify(config)}`);
    expect(result!.eval.sandbox).toEqual({ type: 'memo_relative', config });
  });

  it('reads a sample\'s sandbox from a json dataset as Inspect\'s sandbox field', async () => {
    const file = path.join(logDir, 'data.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ input: 'a', sandbox: 'local' }),
        JSON.stringify({ input: 'b', sandbox: ['docker', 'compose.yaml'] }),
        JSON.stringify({ input: 'c', sandbox: '["bwrap", "rootfs.json"]' }),
        JSON.stringify({ input: 'd' }),
      ].join('\n'),
    );
    const dataset = await jsonDataset({ path: file });
    expect(dataset.samples.map((sample) => sample.sandbox)).toEqual([
      { type: 'local', config: null },
      { type: 'docker', config: 'compose.yaml' },
      { type: 'bwrap', config: 'rootfs.json' },
      undefined,
    ]);
  });
});
