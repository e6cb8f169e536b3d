import { appendFileSync, writeFileSync } from 'node:fs';
import type { EvalLog } from '@assay/core';
import type { Command } from 'commander';
import { CliUsageError } from '../cli-error.js';
import { checkFailUnder, describeMiss, parseFailUnder, type FailUnderThreshold } from './fail-under.js';
import { jsonResult } from './json-result.js';
import { junitReport } from './junit-report.js';
import { markdownSummary } from './markdown-summary.js';

/** The CI flags of the running commands, as commander parses them. */
export interface ReportFlags {
  failUnder?: string[];
  junit?: string;
  summary?: string;
  json?: boolean;
}

/** What to report after a run, from {@link ReportFlags}. */
export interface ReportOptions {
  thresholds: FailUnderThreshold[];
  junit?: string;
  summary?: string;
  json: boolean;
}

/** The exit code of a run whose metrics are below a `--fail-under` threshold. */
export const failUnderExitCode = 3;

/** Adds `--fail-under`, `--junit`, `--summary` and `--json` to a running command. */
export function addReportFlags(command: Command): Command {
  return command
    .option(
      '--fail-under <metric=value>',
      `exit ${failUnderExitCode} when a metric is below value: accuracy=0.8, includes/accuracy=0.8 or includes.accuracy=0.8 (repeatable)`,
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--junit <file>', 'write a JUnit XML report: a test suite per task, a test case per sample')
    .option('--summary <file>', 'write a markdown summary table (also appended to $GITHUB_STEP_SUMMARY when that is set)')
    .option('--json', 'print one JSON result document on stdout; progress and tables go to stderr');
}

/** The {@link ReportOptions} of the flags; a malformed `--fail-under` is a usage error before anything runs. */
export function reportOptionsFromFlags(flags: ReportFlags): ReportOptions {
  return {
    thresholds: parseFailUnder(flags.failUnder ?? []),
    ...(flags.junit !== undefined ? { junit: flags.junit } : {}),
    ...(flags.summary !== undefined ? { summary: flags.summary } : {}),
    json: flags.json === true,
  };
}

function writeReportFile(options: { flag: string; file: string; text: string; append?: boolean }): void {
  try {
    if (options.append) appendFileSync(options.file, options.text);
    else writeFileSync(options.file, options.text);
  } catch (error) {
    throw new CliUsageError(`${options.flag}: cannot write ${options.file} (${(error as Error).message}).`);
  }
}

/**
 * Checks the thresholds of finished runs and writes the reports asked for; returns the exit code: the run's own when
 * it is not 0, else {@link failUnderExitCode} when a metric is below its threshold, else 0.
 */
export async function writeReports(options: {
  logs: readonly EvalLog[];
  report: ReportOptions;
  exitCode: number;
  write: (line: string) => void;
  writeError: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<number> {
  const { report } = options;
  const misses = checkFailUnder({ logs: options.logs, thresholds: report.thresholds });
  for (const miss of misses) options.writeError(describeMiss(miss));
  const exitCode = options.exitCode !== 0 ? options.exitCode : misses.length > 0 ? failUnderExitCode : 0;
  if (report.junit !== undefined) {
    writeReportFile({ flag: '--junit', file: report.junit, text: await junitReport({ logs: options.logs }) });
  }
  const stepSummary = (options.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (report.summary !== undefined || stepSummary) {
    const text = markdownSummary({ logs: options.logs, misses });
    if (report.summary !== undefined) writeReportFile({ flag: '--summary', file: report.summary, text });
    if (stepSummary) writeReportFile({ flag: '$GITHUB_STEP_SUMMARY', file: stepSummary, text, append: true });
  }
  if (report.json) options.write(JSON.stringify(jsonResult({ logs: options.logs, misses, exitCode }), null, 2));
  return exitCode;
}
