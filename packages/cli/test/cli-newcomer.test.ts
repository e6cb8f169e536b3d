// The first hour of someone porting Inspect evals: what the CLI tells them when they get something wrong.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, logPathOf, repoRoot } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-newcomer-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixtures = 'packages/cli/test/fixtures';
let counter = 0;
const logDir = (): string => path.join(work, `logs-${++counter}`);

describe('a task file with Inspect-spelled options', () => {
  it('exits 2 naming each key and its Assay spelling, before any log is written', () => {
    const dir = logDir();
    const result = assay({ args: ['eval', `${fixtures}/inspect-spelled-task.ts`, '--model', 'mockllm/model', '--log-dir', dir] });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown options for task "ported": "message_limit" (Assay spells it "messageLimit"), "task_args" (call the defineTask factory with its options, or pass -T key=value on the command line');
    expect(() => statSync(dir)).toThrow();
  });
});

describe('an async defineTask create', () => {
  it('runs', () => {
    const result = assay({ args: ['eval', `${fixtures}/async-model-task.ts@few_shot`, '--model', 'mockllm/model', '-M', 'default_output=hello', '--log-dir', logDir(), '--display', 'plain'] });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('few_shot · mockllm/model · success · 1/1 samples');
  });
});

describe('--model and --model-role', () => {
  it("runs a task on its own model, as Inspect does, says so, and takes a role model as an object with -M's args", async () => {
    const result = assay({
      args: [
        'eval', `${fixtures}/async-model-task.ts@own_model`, '--model', 'mockllm/given', '--display', 'plain', '--log-dir', logDir(),
        '--model-role', 'grader={model: mockllm/grader, temperature: 0, model_args: {default_output: "GRADE: C"}}',
      ],
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'warning: Task "own_model" runs on its own model mockllm/own, not on mockllm/given: a model set on the task takes precedence, as in Inspect.\n',
    );
    expect(result.stdout).toContain('own_model · mockllm/own · success');
    const log = await readEvalLog({ path: logPathOf(result.stdout) });
    expect(log.eval.model_roles?.grader).toMatchObject({ model: 'mockllm/grader', config: { temperature: 0 }, args: { defaultOutput: 'GRADE: C' } });
    expect(log.samples?.[0]?.scores?.model_graded_qa?.value).toBe('C');
  });

  it('takes the role object as JSON too, and names a bad field', () => {
    const json = assay({
      args: ['eval', `${fixtures}/async-model-task.ts@own_model`, '--display', 'none', '--log-dir', logDir(), '--model-role', 'grader={"model": "mockllm/grader", "model_args": {"default_output": "GRADE: C"}}'],
    });
    expect(json.status).toBe(0);
    const bad = assay({
      args: ['eval', `${fixtures}/async-model-task.ts@own_model`, '--display', 'none', '--log-dir', logDir(), '--model-role', 'grader={model: mockllm/grader, temprature: 0}'],
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"temprature" (did you mean "temperature"?)');
  });
});

describe('an empty selection', () => {
  it('exits 2 naming the sample id that is not in the dataset', () => {
    const result = assay({ args: ['eval', 'examples/hello-world/task.ts', '--model', 'mockllm/model', '--sample-id', 'nosuch', '--log-dir', logDir()] });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: No sample of task "hello_world" has the id "nosuch" (its ids: "hello").\n');
  });

  it('exits 2 for a --limit range past the end, and runs every sample for a count past the end', () => {
    const range = assay({ args: ['eval', 'examples/hello-world/task.ts', '--model', 'mockllm/model', '--limit', '5-9', '--log-dir', logDir()] });
    expect(range.status).toBe(2);
    expect(range.stderr).toBe('error: The limit 5-9 selects no sample of task "hello_world", which has 1 sample.\n');
    const count = assay({ args: ['eval', 'examples/hello-world/task.ts', '--model', 'mockllm/model', '--limit', '10', '--log-dir', logDir(), '--display', 'plain'] });
    expect(count.status).toBe(0);
    expect(count.stdout).toContain('success · 1/1 samples');
  });
});

describe('the assay bin', () => {
  it('is a committed file, so the first install links it before anything is built', () => {
    const bin = execFileSync('git', ['ls-files', 'packages/cli/bin/assay.js'], { cwd: repoRoot, encoding: 'utf8' });
    expect(bin.trim()).toBe('packages/cli/bin/assay.js');
    expect(statSync(path.join(repoRoot, 'packages/cli/bin/assay.js')).mode & 0o111).not.toBe(0);
  });

  it('runs the built CLI, and says how to build it when it is not built', () => {
    const version = execFileSync(process.execPath, [path.join(repoRoot, 'packages/cli/bin/assay.js'), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unbuilt = path.join(work, 'unbuilt');
    cpSync(path.join(repoRoot, 'packages/cli/bin'), path.join(unbuilt, 'bin'), { recursive: true });
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(unbuilt, 'bin/assay.js'), '--version'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr);
    }
    expect(stderr).toBe('error: the assay CLI is not built yet; run `npx -y pnpm@10.34.9 build` at the repository root.\n');
  });
});
