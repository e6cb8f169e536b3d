// Crash and cancel in child processes with real signals, on a mock model that answers in 20 ms.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog, recoverEvalLog, type EvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, countingTask, logPathOf, readCalls, startAssay, waitFor } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-faults-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const inFlight = 50;
// With the default --log-buffer 1 a worker starts its next sample only once the last one is on disk: every sample
// started is either in the file or one of the --max-samples in flight. Nothing finished is ever only in memory.
const unflushed = 0;

let counter = 0;
function setup(samples: number, latency = 20): { dir: string; calls: string; args: string[] } {
  const dir = path.join(work, `run-${++counter}`);
  const calls = path.join(dir, 'calls.txt');
  const args = [countingTask, '-T', `samples=${samples}`, '-T', `calls_file=${calls}`, '--model', 'mockllm/model', '-M', `latency=${latency}`, '--max-samples', String(inFlight), '--display', 'plain', '--log-dir', path.join(dir, 'logs')];
  return { dir, calls, args };
}

function onlyLog(dir: string): string {
  const names = readdirSync(path.join(dir, 'logs')).filter((name) => name.endsWith('.eval'));
  expect(names).toHaveLength(1);
  return path.join(dir, 'logs', names[0]!);
}

function scoresById(log: EvalLog): Map<string, unknown> {
  const keys = log.samples!.map((sample) => `${String(sample.id)}#${sample.epoch}`);
  expect(new Set(keys).size).toBe(keys.length);
  return new Map(log.samples!.map((sample) => [`${String(sample.id)}#${sample.epoch}`, sample.scores?.includes?.value]));
}

describe('kill -9 midway, then eval-retry', () => {
  it('keeps every finished sample on disk; the retry redoes only samples in flight, never a finished one', async () => {
    const { dir, calls, args } = setup(1000);
    const run = startAssay({ args: ['eval', ...args] });
    // 550 started with at most 50 in flight: at least 500 complete.
    await waitFor(() => readCalls(calls).length >= 550);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const firstCalls = readCalls(calls);

    const file = onlyLog(dir);
    const recovered = await recoverEvalLog({ path: file });
    expect(recovered.status).toBe('started');
    const onDisk = new Set(recovered.samples!.map((sample) => String(sample.id)));
    expect(onDisk.size).toBe(recovered.samples!.length);
    expect(onDisk.size).toBeGreaterThanOrEqual(firstCalls.length - inFlight - unflushed);

    const retry = assay({ args: ['eval-retry', file, '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    const retryCalls = readCalls(calls).slice(firstCalls.length);
    // Never a finished sample again; of those started before the kill, at most the ones in flight (or unflushed).
    expect(retryCalls.filter((id) => onDisk.has(id))).toEqual([]);
    const firstSet = new Set(firstCalls);
    expect(retryCalls.filter((id) => firstSet.has(id)).length).toBeLessThanOrEqual(inFlight + unflushed);
    expect(retryCalls.length).toBe(1000 - onDisk.size);

    const final = await readEvalLog({ path: logPathOf(retry.stdout) });
    expect(final.status).toBe('success');
    const scores = scoresById(final);
    expect(scores.size).toBe(1000);

    const clean = setup(1000);
    const uninterrupted = assay({ args: ['eval', ...clean.args, '--display', 'none'] });
    const reference = await readEvalLog({ path: logPathOf(uninterrupted.stdout) });
    expect(scores).toEqual(scoresById(reference));
    expect(final.results?.scores).toEqual(reference.results?.scores);
  });
});

describe('Ctrl-C', () => {
  it('one SIGINT at 30%: exits 130 with a cancelled log keeping the finished samples', async () => {
    const { dir, calls, args } = setup(1000);
    const run = startAssay({ args: ['eval', ...args] });
    await waitFor(() => readCalls(calls).length >= 300);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status).toBe(130);
    expect(result.stderr).toContain('Cancelling: no new samples start');
    const log = await readEvalLog({ path: onlyLog(dir) });
    expect(log.status).toBe('cancelled');
    const started = readCalls(calls).length;
    // Samples in flight were given the grace period to finish: every sample started is in the log.
    expect(log.samples!.length).toBe(started);
    expect(log.results?.completed_samples).toBe(started);

    // eval-retry of the cancelled log runs exactly the samples that never started.
    const retry = assay({ args: ['eval-retry', onlyLog(dir), '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    const retryCalls = readCalls(calls).slice(started);
    expect(retryCalls).toHaveLength(1000 - started);
    expect(new Set([...readCalls(calls)]).size).toBe(1000);
    expect(scoresById(await readEvalLog({ path: logPathOf(retry.stdout) })).size).toBe(1000);
  });

  it('two SIGINTs 100 ms apart: the samples in flight are cancelled (not given the grace period) and the log is still cancelled; eval-retry completes the run', async () => {
    const { dir, calls, args } = setup(100, 1500);
    const run = startAssay({ args: ['eval', ...args, '--cancel-grace', '30'] });
    // The first 50 have finished and the next 50 are in flight (1.5 s each).
    await waitFor(() => readCalls(calls).length >= 60);
    run.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.status, result.stderr).toBe(130);
    const file = onlyLog(dir);
    // A complete log (no recovery needed), marked cancelled, without the samples that were in flight.
    const log = await readEvalLog({ path: file });
    expect(log.status).toBe('cancelled');
    expect(result.stderr).toContain('Stopping now');
    expect(log.samples!.length).toBeLessThan(readCalls(calls).length);
    const onDisk = new Set(log.samples!.map((sample) => String(sample.id)));
    const before = readCalls(calls).length;
    const retry = assay({ args: ['eval-retry', file, '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    expect(readCalls(calls).slice(before).filter((id) => onDisk.has(id))).toEqual([]);
    const final = await readEvalLog({ path: logPathOf(retry.stdout) });
    expect(final.status).toBe('success');
    expect(scoresById(final).size).toBe(100);
  });
});

describe('SIGTERM and SIGHUP', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s is handled like Ctrl-C: exit %i with a cancelled log keeping the finished samples; eval-retry completes it', async (signal, code) => {
    const { dir, calls, args } = setup(200, 300);
    const run = startAssay({ args: ['eval', ...args, '--cancel-grace', '30'] });
    await waitFor(() => readCalls(calls).length >= 60);
    run.child.kill(signal);
    const result = await run.done;
    expect(result.signal).toBeNull();
    expect(result.status, result.stderr).toBe(code);
    expect(result.stderr).toContain(`Cancelling: no new samples start; samples in flight get up to 30s to finish (${signal})`);
    const log = await readEvalLog({ path: onlyLog(dir) });
    expect(log.status).toBe('cancelled');
    const started = readCalls(calls).length;
    // The samples in flight were given the grace period: every sample started is in the log.
    expect(log.samples!.length).toBe(started);

    const retry = assay({ args: ['eval-retry', onlyLog(dir), '--display', 'none'] });
    expect(retry.status, retry.stderr).toBe(0);
    expect(readCalls(calls).slice(started)).toHaveLength(200 - started);
    expect(new Set(readCalls(calls)).size).toBe(200);
    const final = await readEvalLog({ path: logPathOf(retry.stdout) });
    expect(final.status).toBe('success');
    expect(scoresById(final).size).toBe(200);
  });
});

describe('eval-set resumed twice, the second resume killed midway', () => {
  it('loses and repeats nothing; token usage and start time accumulate', async () => {
    const { dir, calls, args } = setup(1000);
    const setArgs = ['eval-set', ...args];
    const first = startAssay({ args: setArgs });
    await waitFor(() => readCalls(calls).length >= 300);
    first.child.kill('SIGKILL');
    await first.done;
    const firstFile = onlyLog(dir);
    const firstOnDisk = new Set((await recoverEvalLog({ path: firstFile })).samples!.map((sample) => String(sample.id)));
    const firstCreated = (await recoverEvalLog({ path: firstFile, headerOnly: true })).eval.created;
    const afterFirst = readCalls(calls).length;

    const second = startAssay({ args: setArgs });
    await waitFor(() => readCalls(calls).length >= afterFirst + 300);
    second.child.kill('SIGKILL');
    await second.done;
    const secondCalls = readCalls(calls).slice(afterFirst);
    expect(secondCalls.filter((id) => firstOnDisk.has(id))).toEqual([]);
    // Both incomplete logs are kept until a run has taken them over.
    const logs = readdirSync(path.join(dir, 'logs')).map((name) => path.join(dir, 'logs', name));
    expect(logs).toHaveLength(2);
    const onDisk = new Set<string>();
    for (const file of logs) for (const sample of (await recoverEvalLog({ path: file })).samples ?? []) onDisk.add(String(sample.id));
    const afterSecond = readCalls(calls).length;

    const third = assay({ args: setArgs });
    expect(third.status, third.stderr).toBe(0);
    const thirdCalls = readCalls(calls).slice(afterSecond);
    expect(thirdCalls.filter((id) => onDisk.has(id))).toEqual([]);
    const all = readCalls(calls);
    // Work repeated over the three runs: at most what was in flight (or unflushed) at each of the two kills.
    expect(all.length - new Set(all).size).toBeLessThanOrEqual(2 * (inFlight + unflushed));

    const final = await readEvalLog({ path: onlyLog(dir) });
    expect(final.status).toBe('success');
    expect(scoresById(final).size).toBe(1000);
    const perSample = final.samples!.reduce((sum, sample) => sum + (sample.model_usage['mockllm/model']?.total_tokens ?? 0), 0);
    expect(final.stats.model_usage['mockllm/model']?.total_tokens).toBe(perSample);
    expect(final.stats.started_at).toBe(firstCreated);
  });
});
