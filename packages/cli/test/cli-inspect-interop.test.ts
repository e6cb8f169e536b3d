// What the CLI does with unscored values and with the options logs record, checked against the real Inspect where
// ../shared holds it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, logPathOf, repoRoot } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-inspect-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const inspect = path.resolve(repoRoot, '../shared/tools/inspect-py/inspect');
const hasInspect = existsSync(inspect);
const oldLog = path.join(repoRoot, 'packages/core/src/runner/__fixtures__/old-camel-case-options.eval');

/** A log whose grader gives no grade, so each sample's model_graded_fact score is NaN (unscored). */
function unscoredLog(): string {
  const run = assay({
    args: ['eval', 'examples/security-guide/task.ts', '--model', 'mockllm/model', '-M', 'default_output=No grade here.', '--limit', '2', '--log-dir', work, '--display', 'none'],
  });
  expect(run.status, run.stderr).toBe(0);
  return logPathOf(run.stdout);
}

describe('assay log dump', () => {
  it('prints unscored values as bare NaN, as inspect log dump does', () => {
    const log = unscoredLog();
    const dump = assay({ args: ['log', 'dump', log] });
    expect(dump.status).toBe(0);
    // Both samples and the sample summaries hold the NaN score; none becomes null.
    expect(dump.stdout.match(/"value": NaN/g)?.length).toBeGreaterThanOrEqual(2);
    expect(dump.stdout).not.toMatch(/"value": null/);
  });

  it.skipIf(!hasInspect)(
    hasInspect ? 'prints NaN where inspect log dump does' : `prints NaN where inspect log dump does (skipped: ${inspect} not found)`,
    { timeout: 300_000 },
    () => {
      const log = unscoredLog();
      const ours = assay({ args: ['log', 'dump', log] }).stdout;
      const theirs = spawnSync(inspect, ['log', 'dump', log], { encoding: 'utf8' }).stdout;
      const sampleNaNs = (text: string): unknown[] =>
        (JSON.parse(text.replace(/\bNaN\b/g, '"NaN"')) as { samples: Array<{ scores: Record<string, { value: unknown }> }> }).samples.map(
          (sample) => sample.scores.model_graded_fact?.value,
        );
      expect(sampleNaNs(ours)).toEqual(['NaN', 'NaN']);
      expect(sampleNaNs(ours)).toEqual(sampleNaNs(theirs));
    },
  );
});

describe('assay score without --scorer', () => {
  it("runs the log's own scorers with their recorded options, from an older log written in camelCase", () => {
    // The fixture's includes({ ignoreCase: false }) scored "paris" against "Paris" and "paris": accuracy 0.5.
    const scored = assay({ args: ['score', oldLog, '--action', 'overwrite', '--output', path.join(work, 'old-rescored.eval')] });
    expect(scored.status, scored.stderr).toBe(0);
    expect(scored.stdout).toMatch(/includes +accuracy +0\.500/);
  });

  it.skipIf(!hasInspect)(
    hasInspect ? 'writes logs inspect score can rebuild' : `writes logs inspect score can rebuild (skipped: ${inspect} not found)`,
    { timeout: 300_000 },
    () => {
      const rescored = path.join(work, 'by-assay.eval');
      expect(assay({ args: ['score', oldLog, '--action', 'overwrite', '--output', rescored] }).status).toBe(0);
      const byInspect = spawnSync(inspect, ['score', '--action', 'overwrite', '--output-file', path.join(work, 'by-inspect.eval'), rescored], {
        encoding: 'utf8',
      });
      expect(byInspect.status, byInspect.stderr).toBe(0);
      expect(byInspect.stdout).toMatch(/accuracy\s+0\.500/);
    },
  );
});

describe('logs with sandbox events', () => {
  it.skipIf(!hasInspect)(
    hasInspect ? 'are read by inspect log dump, every SandboxEvent intact' : `are read by inspect log dump (skipped: ${inspect} not found)`,
    { timeout: 300_000 },
    () => {
      const taskFile = path.join(repoRoot, 'packages/cli/test/fixtures/sandbox-task.ts');
      const run = assay({
        args: ['eval', `${taskFile}@sandbox_files`, '--sandbox', 'local', '--model', 'mockllm/model', '--log-dir', path.join(work, 'sandbox'), '--display', 'none'],
      });
      expect(run.status, run.stderr).toBe(0);
      const dump = spawnSync(inspect, ['log', 'dump', logPathOf(run.stdout)], { encoding: 'utf8' });
      expect(dump.status, dump.stderr).toBe(0);
      const log = JSON.parse(dump.stdout.replace(/\bNaN\b/g, 'null')) as {
        eval: { sandbox: unknown; config: Record<string, unknown> };
        samples: Array<{ events: Array<Record<string, unknown>> }>;
      };
      // Inspect leaves out a null config, as it leaves out every None.
      expect(log.eval.sandbox).toEqual({ type: 'local' });
      expect(log.eval.config.sandbox_cleanup).toBe(true);
      const events = log.samples.flatMap((sample) => sample.events.filter((event) => event.event === 'sandbox'));
      expect(events).toHaveLength(12);
      expect(events.filter((event) => event.action === 'exec')).toContainEqual(
        expect.objectContaining({ cmd: "bash -c 'ls; cat greeting.txt'", result: 0, options: {}, completed: expect.any(String) }),
      );
      expect(events.filter((event) => event.action === 'read_file')).toContainEqual(
        expect.objectContaining({ file: 'setup.txt', output: 'ready\n' }),
      );
    },
  );
});
