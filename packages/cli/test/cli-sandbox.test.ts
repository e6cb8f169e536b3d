// Sandboxes from the command line: --sandbox, --max-sandboxes, --no-sandbox-cleanup, eval-retry, and
// `assay sandbox cleanup` after a kill -9. Each spawned run gets its own TMPDIR, so the sandbox directories it leaves
// are the only ones cleanup can see.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, logPathOf, repoRoot, startAssay, waitFor } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-sandbox-'));
const taskFile = path.join(repoRoot, 'packages/cli/test/fixtures/sandbox-task.ts');
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh TMPDIR for one test's runs, and the sandbox directories under it. */
function privateTmp(name: string): { env: Record<string, string>; sandboxDirs: () => string[] } {
  const dir = path.join(work, name, 'tmp');
  mkdirSync(dir, { recursive: true });
  const root = path.join(dir, 'assay-sandbox');
  return { env: { TMPDIR: dir }, sandboxDirs: () => (existsSync(root) ? readdirSync(root).sort() : []) };
}

/** The parts of a dumped log these tests read. */
interface DumpedLog {
  eval: { sandbox: unknown; config: Record<string, unknown> };
  samples: Array<{
    id: number;
    error?: unknown;
    metadata: { seen?: string };
    scores: Record<string, { value: unknown }>;
    events: Array<{ event: string; action?: string }>;
  }>;
}

async function dumped(log: string): Promise<DumpedLog> {
  const dump = assay({ args: ['log', 'dump', log] });
  expect(dump.status, dump.stderr).toBe(0);
  return JSON.parse(dump.stdout.replace(/\bNaN\b/g, 'null'));
}

describe('assay eval --sandbox', () => {
  it('runs each sample in its own local sandbox with its files and setup, and records it in the log', async () => {
    const tmp = privateTmp('local');
    const run = assay({
      args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local', '--model', 'mockllm/model', '--max-sandboxes', '1', '--log-dir', path.join(work, 'logs-local'), '--display', 'none'],
      env: tmp.env,
    });
    expect(run.status, run.stderr).toBe(0);
    const log = await dumped(logPathOf(run.stdout));
    expect(log.eval.sandbox).toEqual({ type: 'local', config: null });
    expect(log.eval.config).toMatchObject({ max_sandboxes: 1, sandbox_cleanup: true });
    for (const sample of log.samples) {
      expect(sample.metadata.seen).toBe(`greeting.txt\nsetup.txt\nhello from ${sample.id}\n`);
      expect(sample.scores.read_back?.value).toBe(1);
      const actions = sample.events.filter((event) => event.event === 'sandbox').map((event) => event.action);
      expect(actions).toEqual(['write_file', 'write_file', 'exec', 'exec', 'exec', 'read_file']);
    }
    expect(tmp.sandboxDirs()).toEqual([]);
  });

  it('refuses a missing config file, a bad --sandbox and --max-sandboxes 0 before any log exists', () => {
    const logDir = path.join(work, 'logs-refused');
    const missing = assay({
      args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local:no-such-config.yaml', '--model', 'mockllm/model', '--log-dir', logDir],
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/The local sandbox config file "no-such-config.yaml" of the eval \(--sandbox\) was not found/);
    const badFlag = assay({ args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'Docker:', '--model', 'mockllm/model', '--log-dir', logDir] });
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/--sandbox must be TYPE or TYPE:CONFIG, got "Docker:"/);
    const unknown = assay({ args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'k8s', '--model', 'mockllm/model', '--log-dir', logDir] });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown sandbox type "k8s"/);
    const zero = assay({ args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local', '--max-sandboxes', '0', '--model', 'mockllm/model', '--log-dir', logDir] });
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--max-sandboxes must be a whole number of 1 or more, got "0"/);
    expect(existsSync(logDir)).toBe(false);
  });

  it('keeps the environments with --no-sandbox-cleanup, says how to reach each, and sandbox cleanup removes one by id', async () => {
    const tmp = privateTmp('kept');
    const run = assay({
      args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local', '--no-sandbox-cleanup', '--model', 'mockllm/model', '--log-dir', path.join(work, 'logs-kept'), '--display', 'none'],
      env: tmp.env,
    });
    expect(run.status, run.stderr).toBe(0);
    const kept = tmp.sandboxDirs();
    expect(kept).toHaveLength(2);
    for (const id of kept) {
      expect(run.stderr).toContain(`environment "default" (local): cd ${path.join(tmp.env.TMPDIR!, 'assay-sandbox', id, 'work')}`);
    }
    expect((await dumped(logPathOf(run.stdout))).eval.config.sandbox_cleanup).toBe(false);
    const one = assay({ args: ['sandbox', 'cleanup', 'local', kept[0]!], env: tmp.env });
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toBe(`removed local ${kept[0]}\n`);
    expect(tmp.sandboxDirs()).toEqual([kept[1]]);
    const unknownId = assay({ args: ['sandbox', 'cleanup', 'local', 'local-nope'], env: tmp.env });
    expect(unknownId.status).toBe(2);
  });

  it('eval-retry runs the rest in the sandbox the log recorded', async () => {
    const tmp = privateTmp('retry');
    const logDir = path.join(work, 'logs-retry');
    const first = assay({
      args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local', '--max-sandboxes', '2', '--model', 'mockllm/model', '--log-dir', logDir, '--display', 'none'],
      env: { ...tmp.env, SANDBOX_TASK_BREAK_TWO: '1' },
    });
    expect(first.status).toBe(1);
    const failed = logPathOf(first.stdout);
    const retry = assay({ args: ['eval-retry', failed, '--display', 'none'], env: tmp.env });
    expect(retry.status, retry.stderr).toBe(0);
    const log = await dumped(logPathOf(retry.stdout));
    expect(log.eval.sandbox).toEqual({ type: 'local', config: null });
    expect(log.eval.config.max_sandboxes).toBe(2);
    const two = log.samples.find((sample) => sample.id === 2)!;
    expect(two.error ?? null).toBeNull();
    expect(two.metadata.seen).toBe('greeting.txt\nsetup.txt\nhello from 2\n');
  });
});

describe('assay sandbox cleanup', () => {
  it('removes exactly the directory a killed run left, and leaves a live run\'s alone', { timeout: 300_000 }, async () => {
    const tmp = privateTmp('killed');
    const start = (marker: string) =>
      startAssay({
        args: ['eval', `${taskFile}@sandbox_wait`, '--model', 'mockllm/model', '--log-dir', path.join(work, 'logs-killed'), '--display', 'none'],
        env: { ...tmp.env, SANDBOX_TASK_MARKER: marker },
      });
    const killedMarker = path.join(work, 'killed', 'killed-workdir');
    const liveMarker = path.join(work, 'killed', 'live-workdir');
    const killed = start(killedMarker);
    const live = start(liveMarker);
    try {
      // Read only once complete: the marker exists a moment before its text is in it.
      await waitFor(() => [killedMarker, liveMarker].every((marker) => existsSync(marker) && readFileSync(marker, 'utf8').endsWith('/work')));
      const killedDir = path.dirname(readFileSync(killedMarker, 'utf8'));
      const liveDir = path.dirname(readFileSync(liveMarker, 'utf8'));
      killed.child.kill('SIGKILL');
      await killed.done;
      expect(existsSync(killedDir)).toBe(true);

      const cleanup = assay({ args: ['sandbox', 'cleanup', 'local'], env: tmp.env });
      expect(cleanup.status, cleanup.stderr).toBe(0);
      expect(cleanup.stdout).toBe(`removed local ${path.basename(killedDir)}\n`);
      expect(existsSync(killedDir)).toBe(false);
      expect(existsSync(liveDir)).toBe(true);
      expect(tmp.sandboxDirs()).toEqual([path.basename(liveDir)]);

      const again = assay({ args: ['sandbox', 'cleanup'], env: tmp.env });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/^Nothing to clean up \(.*local.*\)\.\n$/);
    } finally {
      killed.child.kill('SIGKILL');
      live.child.kill('SIGKILL');
      await Promise.all([killed.done, live.done]);
    }
    const afterBoth = assay({ args: ['sandbox', 'cleanup', 'local'], env: tmp.env });
    expect(afterBoth.stdout).toMatch(/^removed local local-/);
    expect(tmp.sandboxDirs()).toEqual([]);
  });
});
