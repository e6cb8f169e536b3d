import type { EvalLog, EvalSample } from '@assay/core';
import { xmlEscape } from './xml-escape.js';

/** Longest excerpt of a sample's input, target and output in a failure message body. */
const excerptLength = 2000;

function excerpt(text: string): string {
  return text.length > excerptLength ? `${text.slice(0, excerptLength)}…` : text;
}

function inputText(input: EvalSample['input']): string {
  if (typeof input === 'string') return input;
  return input.map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content))).join('\n');
}

function seconds(start: string | null | undefined, end: string | null | undefined): number {
  const elapsed = start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : 0;
  return Number.isFinite(elapsed) && elapsed > 0 ? elapsed : 0;
}

/** A sample's scores that are not correct: a value that reads below 1 (each entry of a dict-valued score). */
function failedScores(sample: EvalSample, valueToFloat: (value: unknown) => number): string[] {
  const failed: string[] = [];
  for (const [scorer, score] of Object.entries(sample.scores ?? {})) {
    const value: unknown = score.value;
    const values = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : [value];
    if (values.some((item) => !(valueToFloat(item) >= 1))) failed.push(`${scorer}: ${JSON.stringify(value)}`);
  }
  return failed;
}

function property(name: string, value: string): string {
  return `      <property name="${xmlEscape(name)}" value="${xmlEscape(value)}"/>`;
}

/**
 * A JUnit XML report of finished runs: a `testsuite` per task × model with its metrics as properties, a `testcase`
 * per sample (epoch), failed when a score is not correct (below 1) and in error when the sample errored. Samples are
 * read back from each log one at a time. All text from models is escaped; characters XML cannot hold are replaced.
 */
export async function junitReport(options: { logs: readonly EvalLog[] }): Promise<string> {
  const { readEvalLogSamples, valueToFloat } = await import('@assay/core');
  const toFloat = (value: unknown): number => {
    try {
      return valueToFloat(value as Parameters<typeof valueToFloat>[0]);
    } catch {
      return Number.NaN;
    }
  };
  const suites: string[] = [];
  let totals = { tests: 0, failures: 0, errors: 0 };
  for (const log of options.logs) {
    const cases: string[] = [];
    const counts = { tests: 0, failures: 0, errors: 0 };
    let time = 0;
    const samples = log.location ? readEvalLogSamples({ path: log.location }) : undefined;
    for await (const sample of samples ?? []) {
      counts.tests += 1;
      const sampleTime = seconds(sample.started_at, sample.completed_at);
      time += sampleTime;
      const name = `${String(sample.id)}${log.eval.config.epochs && log.eval.config.epochs > 1 ? ` (epoch ${sample.epoch})` : ''}`;
      const open = `    <testcase classname="${xmlEscape(`${log.eval.task}.${log.eval.model}`)}" name="${xmlEscape(name)}" time="${sampleTime.toFixed(3)}"`;
      const body = excerpt(
        `input: ${inputText(sample.input)}\ntarget: ${Array.isArray(sample.target) ? sample.target.join(', ') : sample.target}\noutput: ${sample.output.completion}`,
      );
      if (sample.error) {
        counts.errors += 1;
        const message = sample.error.message.split('\n')[0] ?? '';
        cases.push(`${open}>\n      <error message="${xmlEscape(excerpt(message))}" type="error">${xmlEscape(excerpt(sample.error.traceback ?? sample.error.message))}</error>\n    </testcase>`);
        continue;
      }
      const failed = failedScores(sample, toFloat);
      if (failed.length > 0) {
        counts.failures += 1;
        cases.push(`${open}>\n      <failure message="${xmlEscape(excerpt(failed.join('; ')))}" type="score">${xmlEscape(body)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${open}/>`);
      }
    }
    const properties = [property('model', log.eval.model), property('status', log.status), property('log', log.location ?? '')];
    for (const score of log.results?.scores ?? []) {
      for (const [metric, { value }] of Object.entries(score.metrics ?? {})) properties.push(property(`${score.name}/${metric}`, String(value)));
    }
    if (log.error) properties.push(property('error', log.error.message));
    suites.push(
      [
        `  <testsuite name="${xmlEscape(log.eval.task)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" time="${time.toFixed(3)}" timestamp="${xmlEscape(log.eval.created)}">`,
        '    <properties>',
        ...properties.map((line) => `  ${line}`),
        '    </properties>',
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    );
    totals = { tests: totals.tests + counts.tests, failures: totals.failures + counts.failures, errors: totals.errors + counts.errors };
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="assay" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
