// Bad numbers and bad -M arguments are usage errors: exit 2, the flag or key named, no zod dump, no log left behind.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, logPathOf, repoRoot } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-bad-input-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const helloWorld = 'examples/hello-world/task.ts';
const badSettingsTask = path.join(repoRoot, 'packages/cli/test/fixtures/bad-settings-task.ts');

let counter = 0;
function freshLogDir(): string {
  return path.join(work, `logs-${++counter}`);
}

function logsIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Asserts a usage error: exit 2, one `error:` line naming `named`, no zod issue list, no stack trace. */
function expectUsageError(result: { status: number | null; stderr: string }, named: string): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toContain(named);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^error: /);
  expect(result.stderr).not.toMatch(/"code":|invalid_type|ZodError|\n\s+at /);
}

describe('number flags of assay eval', () => {
  const cases: Array<[args: string[], named: string]> = [
    [['--max-connections', '0'], '--max-connections'],
    [['--max-connections', '-1'], '--max-connections'],
    [['--max-connections', '2.5'], '--max-connections'],
    [['--epochs', '0'], '--epochs'],
    [['--epochs', '1.5'], '--epochs'],
    [['--token-limit', 'abc'], '--token-limit'],
    [['--token-limit', '0x10'], '--token-limit'],
    [['--token-limit', '-1'], '--token-limit'],
    [['--message-limit', '0'], '--message-limit'],
    [['--turn-limit', '-3'], '--turn-limit'],
    [['--time-limit', '0'], '--time-limit'],
    [['--max-samples', '0'], '--max-samples'],
    [['--max-tasks', '0'], '--max-tasks'],
    [['--limit', '0'], '--limit'],
    [['--limit', '3-1'], '--limit'],
    [['--timeout', '-1'], '--timeout'],
    [['--attempt-timeout', '0'], '--attempt-timeout'],
    [['--max-retries', '-1'], '--max-retries'],
    [['--retry-on-error', '1.5'], '--retry-on-error'],
    [['--fail-on-error', '-1'], '--fail-on-error'],
    [['--fail-on-error', '1.5'], '--fail-on-error'],
    [['--adaptive-connections', '0'], '--adaptive-connections'],
    [['--log-buffer', '0'], '--log-buffer'],
    [['--log-flush-interval', '-1'], '--log-flush-interval'],
    [['--cancel-grace', '-1'], '--cancel-grace'],
    [['--temperature', '-0.5'], '--temperature'],
    [['--top-p', '2'], '--top-p'],
    [['--max-tokens', '0'], '--max-tokens'],
    [['--seed', '1.5'], '--seed'],
    [['--max-connections', 'Infinity'], '--max-connections'],
  ];
  it.each(cases)('%j fails with exit 2 naming %s, before any log is created', (args, named) => {
    const logDir = freshLogDir();
    const result = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, ...args] });
    expectUsageError(result, named);
    expect(result.stderr).toContain(`got "${args[1]}"`);
    expect(logsIn(logDir)).toEqual([]);
  });

  it('still accepts good values at the edges of each range', () => {
    const logDir = freshLogDir();
    const result = assay({
      args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir,
        '--max-connections', '1', '--epochs', '1', '--limit', '1-1', '--max-retries', '0', '--retry-on-error', '0',
        '--fail-on-error', '0.5', '--top-p', '1', '--temperature', '0', '--seed', '-7', '--cancel-grace', '0', '--token-limit', '1e6'],
    });
    expect(result.status, result.stderr).toBe(0);
    expect(logsIn(logDir)).toHaveLength(1);
  });
});

describe('number flags of eval-set and eval-retry', () => {
  it('eval-set: --retry-attempts -1 and --max-connections 0 are usage errors', () => {
    for (const [flag, value] of [['--retry-attempts', '-1'], ['--retry-wait', 'soon'], ['--max-connections', '0']] as const) {
      const logDir = freshLogDir();
      const result = assay({ args: ['eval-set', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, flag, value] });
      expectUsageError(result, flag);
      expect(logsIn(logDir)).toEqual([]);
    }
  });

  it('eval-retry: --max-connections 0 is refused before a new log is started', () => {
    const logDir = freshLogDir();
    const first = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir] });
    expect(first.status, first.stderr).toBe(0);
    const before = logsIn(logDir);
    const result = assay({ args: ['eval-retry', logPathOf(first.stdout), '--display', 'none', '--max-connections', '0'] });
    expectUsageError(result, '--max-connections');
    expect(logsIn(logDir)).toEqual(before);
  });
});

describe('-M model arguments', () => {
  it('-M latency=abc names the argument and the type it wants', () => {
    const logDir = freshLogDir();
    const result = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, '-M', 'latency=abc'] });
    expectUsageError(result, '"latency"');
    expect(result.stderr).toContain('expected number, got "abc"');
    expect(logsIn(logDir)).toEqual([]);
  });

  it('an unknown key is reported with the valid keys, and a near spelling suggested', () => {
    const logDir = freshLogDir();
    const typo = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, '-M', 'latancy=5'] });
    expectUsageError(typo, '"latancy"');
    expect(typo.stderr).toContain('Did you mean "latency"?');
    expect(typo.stderr).toContain('custom_outputs, default_output, usage, latency');
    const unknown = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, '-M', 'bogus_key=3'] });
    expectUsageError(unknown, '"bogus_key"');
    expect(unknown.stderr).not.toContain('Did you mean');
    expect(logsIn(logDir)).toEqual([]);
  });

  it('checks the arguments of HTTP providers too, before any request or log', () => {
    const logDir = freshLogDir();
    const result = assay({
      args: ['eval', helloWorld, '--model', 'vllm/served', '--display', 'none', '--log-dir', logDir, '-M', 'steam=true'],
      env: { VLLM_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expectUsageError(result, '"steam"');
    expect(result.stderr).toContain('Did you mean "stream"?');
    expect(logsIn(logDir)).toEqual([]);
  });
});

describe("a task's own settings", () => {
  it('a token limit given as a string fails before the log, naming the task and the setting', () => {
    const logDir = freshLogDir();
    const result = assay({ args: ['eval', `${badSettingsTask}@string_token_limit`, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir] });
    expectUsageError(result, 'tokenLimit');
    expect(result.stderr).toContain('task "string_token_limit"');
    expect(logsIn(logDir)).toEqual([]);
  });

  it('config.maxConnections 0 fails at once rather than hanging with a started log', () => {
    const logDir = freshLogDir();
    const result = assay({ args: ['eval', `${badSettingsTask}@zero_connections`, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir] });
    expectUsageError(result, 'config.maxConnections');
    expect(logsIn(logDir)).toEqual([]);
  });
});
