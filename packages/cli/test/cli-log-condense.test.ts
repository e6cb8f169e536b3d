import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLogSample, readEvalLog } from '@assay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, countingTask, logPathOf } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-condense-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(name: string, extra: readonly string[]): Promise<{ member: Record<string, unknown>; log: string }> {
  const dir = path.join(work, name);
  const args = [countingTask, '-T', 'samples=2', '-T', `calls_file=${path.join(dir, 'calls.txt')}`, '--model', 'mockllm/model', '--display', 'plain', '--log-dir', path.join(dir, 'logs'), ...extra];
  const result = assay({ args: ['eval', ...args] });
  expect(result.status, result.stderr).toBe(0);
  const log = logPathOf(result.stdout);
  // As stored in the file: pools not expanded.
  const member = await readEvalLogSample({ path: log, id: 's1', condensed: true });
  return { member, log };
}

describe('assay eval writes .eval samples condensed', () => {
  it('by default, with message pools; --no-log-condense writes them whole; both read back the same', async () => {
    const condensed = await run('condensed', []);
    expect(condensed.member.events_data).toBeTruthy();
    const model = (condensed.member.events as Array<Record<string, unknown>>).find((event) => event.event === 'model')!;
    expect(model.input).toEqual([]);
    expect(model.input_refs).toEqual([[0, 1]]);

    const whole = await run('whole', ['--no-log-condense']);
    expect(whole.member).not.toHaveProperty('events_data');
    const wholeModel = (whole.member.events as Array<Record<string, unknown>>).find((event) => event.event === 'model')!;
    expect(wholeModel.input).toHaveLength(1);

    const [first, second] = await Promise.all([readEvalLog({ path: condensed.log }), readEvalLog({ path: whole.log })]);
    const inputs = (log: typeof first) => log.samples!.map((sample) => sample.events.filter((event) => event.event === 'model').map((event) => (event as { input: unknown }).input));
    expect(inputs(first)).toEqual(inputs(second));
  }, 180_000);
});
