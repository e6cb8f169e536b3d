// Log writes that fail or are cut short, in child processes: a full disk (a real tmpfs) and kill -9 of a .json run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, countingTask, logPathOf, readCalls, startAssay, waitFor } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-log-faults-'));
const disk = path.join(work, 'disk');
beforeAll(ensureBuilt, 180_000);

/** Mounts a tmpfs of `size` at `dir`; returns why it cannot, if it cannot. */
function mountTmpfs(dir: string, size: string): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status !== 0) return `mount -t tmpfs failed: ${(result.stderr || String(result.error)).trim()}`;
  return undefined;
}

const unmountable = mountTmpfs(disk, '500k');
// CI runs as root: there the test must run (and fail if the mount does).
const skipReason = unmountable && !process.env.CI ? unmountable : undefined;
afterAll(() => {
  if (!unmountable) spawnSync('umount', ['-l', disk]);
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)(`a full disk${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('stops naming the log; log recover and eval-retry keep every sample written before; a retry failing too leaves no second log', async () => {
    expect(unmountable).toBeUndefined();
    const calls = path.join(work, 'disk-calls.txt');
    const logDir = path.join(disk, 'logs');
    const total = 3000;
    // 50 samples in flight finishing together: each write carries many samples, so the one that hits the full disk is
    // cut short part way through its members.
    const args = [countingTask, '-T', `samples=${total}`, '-T', `calls_file=${calls}`, '--model', 'mockllm/model', '-M', 'latency=20', '--max-samples', '50', '--display', 'none'];
    const first = assay({ args: ['eval', ...args, '--log-dir', logDir] });
    expect(first.status, first.stderr).toBe(1);
    const names = readdirSync(logDir);
    expect(names).toHaveLength(1);
    const file = path.join(logDir, names[0]!);
    expect(first.stderr).toContain(file);
    expect(first.stderr).toContain('ENOSPC');
    const started = readCalls(calls);

    const recoveredPath = path.join(work, 'recovered.eval');
    const recover = assay({ args: ['log', 'recover', file, '--output', recoveredPath] });
    expect(recover.status, recover.stderr).toBe(0);
    const recovered = await readEvalLog({ path: recoveredPath });
    const onDisk = new Set(recovered.samples!.map((sample) => String(sample.id)));
    expect(onDisk.size).toBe(recovered.samples!.length);
    // With --log-buffer 1 every sample started is on disk unless it was in flight (50) or in the write that failed.
    expect(onDisk.size).toBeGreaterThanOrEqual(started.length - 2 * 50);

    // The disk is still full: the retry fails as well, and removes its own log, which had nothing new in it.
    const failed = assay({ args: ['eval-retry', file, '--display', 'none'] });
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('ENOSPC');
    expect(readdirSync(logDir)).toEqual(names);

    // With room again, the retry reuses every sample recovered and runs only the others.
    const remount = spawnSync('mount', ['-o', 'remount,size=64m', disk], { encoding: 'utf8' });
    expect(remount.status, remount.stderr).toBe(0);
    const before = readCalls(calls).length;
    const retry = assay({ args: ['eval-retry', file, '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    const retryCalls = readCalls(calls).slice(before);
    expect(retryCalls.filter((id) => onDisk.has(id))).toEqual([]);
    expect(retryCalls).toHaveLength(total - onDisk.size);
    const final = await readEvalLog({ path: logPathOf(retry.stdout) });
    expect(final.status).toBe('success');
    expect(new Set(final.samples!.map((sample) => String(sample.id))).size).toBe(total);
  });
});

function completeLines(file: string): number {
  try {
    return readFileSync(file, 'utf8').split('\n').length - 1;
  } catch {
    return 0;
  }
}

describe('--log-format json, kill -9 midway', () => {
  it('finished samples are in the journal beside the log as they finish; log recover and eval-retry reuse them', async () => {
    const dir = path.join(work, 'json');
    const logDir = path.join(dir, 'logs');
    const calls = path.join(dir, 'calls.txt');
    const total = 1000;
    const args = [countingTask, '-T', `samples=${total}`, '-T', `calls_file=${calls}`, '--model', 'mockllm/model', '-M', 'latency=50', '--max-samples', '20', '--display', 'none', '--log-format', 'json', '--log-dir', logDir];
    const run = startAssay({ args: ['eval', ...args] });
    const journal = (): string | undefined => {
      const name = readdirSync(logDir, { withFileTypes: true }).find((entry) => entry.name.endsWith('.samples.jsonl'))?.name;
      return name ? path.join(logDir, name) : undefined;
    };
    await waitFor(() => {
      try {
        const file = journal();
        return file !== undefined && completeLines(file) >= 100;
      } catch {
        return false;
      }
    });
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    const journaled = completeLines(journal()!);
    const file = path.join(logDir, readdirSync(logDir).find((name) => name.endsWith('.json'))!);

    const recover = assay({ args: ['log', 'recover', file] });
    expect(recover.status, recover.stderr).toBe(0);
    const recovered = await readEvalLog({ path: file.replace(/\.json$/, '-recovered.json') });
    expect(recovered.status).toBe('started');
    expect(recovered.samples).toHaveLength(journaled);
    const onDisk = new Set(recovered.samples!.map((sample) => String(sample.id)));
    expect(onDisk.size).toBe(journaled);

    const before = readCalls(calls).length;
    const retry = assay({ args: ['eval-retry', file, '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    // The counting task records each sample as it starts, before its model call: none recovered is run again.
    const retryCalls = readCalls(calls).slice(before);
    expect(retryCalls.filter((id) => onDisk.has(id))).toEqual([]);
    expect(retryCalls).toHaveLength(total - journaled);
    const finalPath = logPathOf(retry.stdout);
    const final = await readEvalLog({ path: finalPath });
    expect(final.status).toBe('success');
    expect(new Set(final.samples!.map((sample) => String(sample.id))).size).toBe(total);
    // The finished log took its journal's samples in and removed it.
    expect(readdirSync(logDir).filter((name) => name.startsWith(path.basename(finalPath, '.json')))).toEqual([path.basename(finalPath)]);
  });
});
