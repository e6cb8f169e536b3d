// What CI users of the ecosystem expect from `assay`: --version, NO_COLOR/FORCE_COLOR, and the CI gate flags
// --fail-under, --junit, --summary ($GITHUB_STEP_SUMMARY) and --json, each checked by spawning the built CLI.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assay, repoRoot } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';
import { parseXml, type XmlElement } from './parse-xml.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-ci-gate-'));
beforeAll(ensureBuilt, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
const logDir = (): string => path.join(work, `logs-${++counter}`);
const task = 'packages/cli/test/fixtures/ci-gate-task.ts';
// Model output a CI report must carry without breaking: markup, an entity, the end of a CDATA section, a C0
// control character, a terminal escape, a table pipe and a line break.
const hostile = 'hostile <b>&amp; ]]> \u0001 \u001b[31mred | cell\nnext';
// Colour is decided by the environment each test sets; the one vitest runs in must not leak in.
const plainEnv = { NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined };

function runGate(args: readonly string[], env: Record<string, string | undefined> = {}): ReturnType<typeof assay> {
  return assay({
    args: ['eval', task, '--model', 'mockllm/model', '-M', `default_output=${hostile}`, '--fail-on-error', 'false', '--log-dir', logDir(), ...args],
    env: { ...plainEnv, ...env },
  });
}

function find(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...find(child, name)]);
}

describe('assay --version', () => {
  it('prints the version of @assay/cli with --version and -V', () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = assay({ args: [flag] });
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(version);
    }
  });
});

describe('colour', () => {
  it('is off with NO_COLOR and when not a terminal; FORCE_COLOR turns it on (and FORCE_COLOR=0 off) in progress and tables', () => {
    const noColor = runGate(['--display', 'plain'], { NO_COLOR: '1' });
    expect(noColor.status).toBe(0);
    expect(noColor.stdout).toContain('ci_gate · mockllm/model · success · 2/3 samples');
    expect(noColor.stdout).not.toContain('\u001b');
    const notTerminal = runGate(['--display', 'plain']);
    expect(notTerminal.stdout).not.toContain('\u001b');
    const forced = runGate(['--display', 'plain'], { FORCE_COLOR: '1' });
    expect(forced.status).toBe(0);
    // The progress line (bold label) and the results table (green status) are coloured.
    expect(forced.stdout).toMatch(/^\u001b\[1mci_gate · mockllm\/model\u001b\[22m: 3 samples/m);
    expect(forced.stdout).toContain('\u001b[32msuccess\u001b[39m');
    // Model text never carries its own escapes through.
    expect(forced.stdout).not.toContain('\u001b[31mred');
    const forcedEmpty = runGate(['--display', 'plain'], { FORCE_COLOR: '', NO_COLOR: '1' });
    expect(forcedEmpty.stdout).toContain('\u001b[32msuccess');
    const forcedOff = runGate(['--display', 'plain'], { FORCE_COLOR: '0' });
    expect(forcedOff.stdout).not.toContain('\u001b');
  });
});

describe('progress', () => {
  it('shows the connections in use of the limit and labels the running value by scorer and metric', () => {
    const result = runGate(['--display', 'plain']);
    expect(result.stdout).toMatch(/3\/3 .* includes accuracy 0\.500 {2}errors 1 {2}connections \d+\/\d+$/m);
  });
});

describe('--fail-under', () => {
  it('exits 0 when every metric meets its threshold, in each spelling', () => {
    const result = runGate(['--display', 'none', '--fail-under', 'accuracy=0.5', '--fail-under', 'includes/accuracy=0.4', '--fail-under', 'includes.stderr=0']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('exits 3 naming the metric below its threshold', () => {
    const result = runGate(['--display', 'none', '--fail-under', 'accuracy=0.8']);
    expect(result.status).toBe(3);
    expect(result.stderr).toBe('fail-under: ci_gate · mockllm/model includes/accuracy 0.500 < 0.8\n');
    expect(result.stdout).toContain('includes  accuracy  0.500');
  });

  it('exits 2 naming the flag and the metrics the log has when a metric is unknown', () => {
    const result = runGate(['--display', 'none', '--fail-under', 'acuracy=0.8']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: --fail-under acuracy=0.8: the log of ci_gate · mockllm/model has no metric acuracy; it has includes/accuracy, includes/stderr.\n');
  });

  it('exits 2 before running when a value is malformed', () => {
    for (const spec of ['accuracy', 'accuracy=high', '=0.5', 'includes/=0.5']) {
      const dir = logDir();
      const result = assay({ args: ['eval', task, '--model', 'mockllm/model', '--log-dir', dir, '--fail-under', spec] });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: --fail-under /);
      expect(() => statSync(dir)).toThrow();
    }
  });
});

describe('--junit, --summary, $GITHUB_STEP_SUMMARY and --json', () => {
  it('write well-formed reports of hostile model output, and --json keeps stdout to one JSON document', () => {
    const junit = path.join(work, 'results.xml');
    const summary = path.join(work, 'summary.md');
    const stepSummary = path.join(work, 'step-summary.md');
    writeFileSync(stepSummary, 'earlier step\n');
    const result = runGate(['--display', 'plain', '--fail-under', 'accuracy=0.8', '--junit', junit, '--summary', summary, '--json'], {
      GITHUB_STEP_SUMMARY: stepSummary,
    });
    expect(result.status).toBe(3);

    // stdout is exactly one JSON document; the progress and the tables went to stderr.
    const json = JSON.parse(result.stdout) as { exitCode: number; tasks: Array<Record<string, unknown>>; failUnder: Array<Record<string, unknown>> };
    expect(json.exitCode).toBe(3);
    expect(json.tasks).toEqual([
      expect.objectContaining({
        task: 'ci_gate',
        model: 'mockllm/model',
        status: 'success',
        samples: { total: 3, completed: 2 },
        metrics: { 'includes/accuracy': 0.5, 'includes/stderr': expect.any(Number) },
      }),
    ]);
    expect(json.failUnder).toEqual([expect.objectContaining({ scorer: 'includes', metric: 'accuracy', value: 0.5, minimum: 0.8 })]);
    expect(result.stderr).toContain('ci_gate · mockllm/model: 3 samples');
    expect(result.stderr).toContain('fail-under: ci_gate · mockllm/model includes/accuracy 0.500 < 0.8');

    const xml = readFileSync(junit, 'utf8');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain(']]>');
    const suites = parseXml(xml);
    expect(suites.name).toBe('testsuites');
    expect(suites.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    const [suite] = find(suites, 'testsuite');
    expect(suite?.attributes).toMatchObject({ name: 'ci_gate', tests: '3', failures: '1', errors: '1' });
    const properties = Object.fromEntries(find(suite!, 'property').map((property) => [property.attributes.name, property.attributes.value]));
    expect(properties).toMatchObject({ model: 'mockllm/model', 'includes/accuracy': '0.5' });
    const cases = Object.fromEntries(find(suite!, 'testcase').map((testcase) => [testcase.attributes.name, testcase]));
    expect(Object.keys(cases).sort()).toEqual(['boom', 'right', 'wrong']);
    expect(cases.right?.children).toEqual([]);
    const [failure] = find(cases.wrong!, 'failure');
    expect(failure?.attributes.message).toBe('includes: "I"');
    // The hostile output survives as text, its control character replaced.
    expect(failure?.text).toContain('output: hostile <b>&amp; ]]> \uFFFD \uFFFD[31mred | cell\nnext');
    const [error] = find(cases.boom!, 'error');
    expect(error?.attributes.message).toContain('sample broke after: hostile <b>&amp; ]]>');

    const table = readFileSync(summary, 'utf8');
    expect(table).toContain('| task | model | status | samples | scorer | metric | value |');
    expect(table).toContain('| ci_gate | mockllm/model | success | 2/3 | includes | accuracy | 0.500 |');
    expect(table).toContain('ci_gate · mockllm/model includes/accuracy 0.500 &lt; 0.8');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`earlier step\n${table}`);
  });

});

describe('eval-set and eval-retry', () => {
  it('take the same CI flags', () => {
    const dir = logDir();
    const set = assay({
      args: ['eval-set', task, '--model', 'mockllm/model', '-M', `default_output=${hostile}`, '--fail-on-error', 'false', '--log-dir', dir, '--display', 'none', '--fail-under', 'accuracy=0.8', '--json'],
      env: plainEnv,
    });
    expect(set.status).toBe(3);
    const json = JSON.parse(set.stdout) as { tasks: Array<{ log: string; metrics: Record<string, number> }> };
    expect(json.tasks[0]?.metrics['includes/accuracy']).toBe(0.5);
    const junit = path.join(work, 'retry.xml');
    const retry = assay({ args: ['eval-retry', json.tasks[0]!.log, '--log-dir', logDir(), '--display', 'none', '--fail-under', 'includes/accuracy=0.5', '--junit', junit], env: plainEnv });
    expect(retry.stderr).toBe('');
    expect(retry.status).toBe(0);
    expect(parseXml(readFileSync(junit, 'utf8')).attributes).toMatchObject({ tests: '3', failures: '1', errors: '1' });
  });
});
