import type { EvalEventEmitter, EvalLog, ScoreValue } from '@assay/core';
import { createColors } from './create-colors.js';
import type { CommandContext } from './command-context.js';
import { attachDisplay } from './display/attach-display.js';
import { createInterruptController } from './interrupt-controller.js';
import { exitCodeOf, printResults } from './print-results.js';
import { writeReports, type ReportOptions } from './report/report-flags.js';
import { stripTerminalControls } from './strip-terminal-controls.js';

/** What a running command provides to {@link runWithDisplay}. */
export interface RunWithDisplayOptions {
  mode: 'full' | 'plain' | 'none';
  graceSeconds: number;
  write: (line: string) => void;
  writeError: (line: string) => void;
  /** `--fail-under`, `--junit`, `--summary` and `--json`. @default none */
  report?: ReportOptions;
  /** `signal` stops the run gracefully (pass it and `cancelNow` on as the eval options of the same names). */
  run: (context: { events: EvalEventEmitter; signal: AbortSignal; cancelNow: AbortSignal; warn: (message: string) => void }) => Promise<EvalLog[]>;
}

/**
 * The body of every running command (`eval`, `eval-set`, `eval-retry`): runs with the display, Ctrl-C handling and
 * the `--cancel-grace` of its options, and sets the command's exit code.
 */
export async function runEvalCommand(options: {
  context: CommandContext;
  mode: RunWithDisplayOptions['mode'];
  cancelGrace: number | undefined;
  report: ReportOptions;
  run: RunWithDisplayOptions['run'];
}): Promise<void> {
  const { context } = options;
  context.setExitCode(
    await runWithDisplay({
      mode: options.mode,
      graceSeconds: options.cancelGrace ?? 3,
      write: context.write,
      writeError: context.writeError,
      report: options.report,
      run: options.run,
    }),
  );
}

/**
 * Runs evals with a progress display and Ctrl-C handling, prints each task's results, writes the reports asked for
 * and returns the exit code. With `--json` the progress and the tables go to stderr, and stdout holds only the JSON.
 */
export async function runWithDisplay(options: RunWithDisplayOptions): Promise<number> {
  const { createEvalEventEmitter, valueToFloat } = await import('@assay/core');
  const { connectionUsage } = await import('@assay/model');
  const json = options.report?.json === true;
  const write = json ? options.writeError : options.write;
  const stream = json ? process.stderr : process.stdout;
  const colors = createColors({ isTTY: stream.isTTY });
  const events = createEvalEventEmitter();
  // A dict-valued score has no single running value; it is left out of the running metric.
  const toFloat = (value: unknown): number => {
    try {
      return valueToFloat(value as ScoreValue);
    } catch {
      return Number.NaN;
    }
  };
  const display = await attachDisplay({
    mode: options.mode,
    events,
    valueToFloat: toFloat,
    write,
    colors,
    stream,
    connections: (model) => connectionUsage({ model }),
  });
  const interrupt = createInterruptController({ writeError: options.writeError, graceSeconds: options.graceSeconds });
  let logs: EvalLog[];
  try {
    logs = await options.run({
      events,
      signal: interrupt.signal,
      cancelNow: interrupt.cancelNow,
      warn: (message) => options.writeError(`warning: ${stripTerminalControls(message)}`),
    });
  } finally {
    display.stop();
    interrupt.dispose();
  }
  for (const log of logs) printResults(log, write, colors);
  const runExitCode = exitCodeOf(logs);
  // A run cancelled by a signal exits as the shell reports one (128 + its number: 143 for SIGTERM).
  const exitCode = runExitCode === 130 ? (interrupt.exitCode ?? runExitCode) : runExitCode;
  if (!options.report) return exitCode;
  return writeReports({ logs, report: options.report, exitCode, write: options.write, writeError: options.writeError });
}
