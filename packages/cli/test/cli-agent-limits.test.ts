// `--working-limit`, `--cost-limit` and `--model-cost-config` (Inspect's flags): limits recorded in the log, a hit
// recorded on the sample, and bad values refused as usage errors.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-agent-limits-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const helloWorld = 'examples/hello-world/task.ts';
let counter = 0;
const freshLogDir = (): string => path.join(work, `logs-${++counter}`);

async function onlySample(logDir: string) {
  const [file] = readdirSync(logDir);
  const log = await readEvalLog({ path: path.join(logDir, file!) });
  return { log, sample: log.samples![0]! };
}

describe('assay eval limit flags', () => {
  it('--cost-limit with --model-cost-config stops a sample whose calls cost more, and the log records both', async () => {
    const prices = path.join(work, 'prices.json');
    writeFileSync(prices, JSON.stringify({ 'mockllm/model': { input: 1000, output: 1000 } }));
    const logDir = freshLogDir();
    const result = assay({
      args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, '--limit', '1',
        '--cost-limit', '0.000001', '--model-cost-config', prices],
    });
    expect(result.status, result.stderr).toBe(0);
    const { log, sample } = await onlySample(logDir);
    expect(log.eval.config.cost_limit).toBe(0.000001);
    expect(sample.limit).toEqual({ type: 'cost', limit: 0.000001 });
  });

  it('--working-limit is recorded and ends a sample that works longer', async () => {
    const logDir = freshLogDir();
    const result = assay({
      args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', logDir, '--limit', '1', '--working-limit', '1e-9'],
    });
    expect(result.status, result.stderr).toBe(0);
    const { log, sample } = await onlySample(logDir);
    expect(log.eval.config.working_limit).toBe(1e-9);
    expect(sample.limit).toEqual({ type: 'working', limit: 1e-9 });
  });

  it('refuses a zero limit, and a price file that is missing or not prices', () => {
    const bad = path.join(work, 'bad-prices.json');
    writeFileSync(bad, JSON.stringify({ 'mockllm/model': { input: 'cheap' } }));
    for (const [flags, named] of [
      [['--working-limit', '0'], '--working-limit'],
      [['--cost-limit', '-1'], '--cost-limit'],
      [['--model-cost-config', path.join(work, 'missing.json')], '--model-cost-config'],
      [['--model-cost-config', bad], 'modelCostConfig.mockllm/model'],
    ] as const) {
      const result = assay({ args: ['eval', helloWorld, '--model', 'mockllm/model', '--display', 'none', '--log-dir', freshLogDir(), ...flags] });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain(named);
    }
  });
});
