import type { EvalLog } from '@assay/core';
import { noColors, type Colors } from './create-colors.js';
import { stripTerminalControls } from './strip-terminal-controls.js';

function formatValue(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** Prints a task's outcome: a results table (scorer, metric, value), its error if any, and the log path. */
export function printResults(log: EvalLog, write: (line: string) => void, colors: Colors = noColors): void {
  const results = log.results;
  const counts = results ? ` · ${results.completed_samples}/${results.total_samples} samples` : '';
  const status = log.status === 'success' ? colors.green(log.status) : log.status === 'error' ? colors.red(log.status) : colors.yellow(log.status);
  write(`${colors.bold(`${log.eval.task} · ${log.eval.model}`)} · ${status}${counts}`);
  const rows: string[][] = [['scorer', 'metric', 'value']];
  for (const score of results?.scores ?? []) {
    const scorer = score.reducer ? `${score.name} (${score.reducer})` : score.name;
    for (const [name, metric] of Object.entries(score.metrics ?? {})) rows.push([scorer, name, formatValue(metric.value)]);
  }
  if (rows.length > 1) table(rows).forEach((line, index) => write(`  ${index === 0 ? colors.dim(line) : line}`));
  if (log.error) write(`  ${colors.red(`error: ${stripTerminalControls(log.error.message).split('\n')[0] ?? ''}`)}`);
  write(`  log: ${log.location ?? ''}`);
}

/** The exit code of finished runs: 130 if any was cancelled, 1 if any failed, else 0. */
export function exitCodeOf(logs: readonly EvalLog[]): number {
  if (logs.some((log) => log.status === 'cancelled')) return 130;
  if (logs.some((log) => log.status !== 'success')) return 1;
  return 0;
}
