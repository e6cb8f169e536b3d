import type { EvalLog } from '@assay/core';
import { CliUsageError } from '../cli-error.js';

/** One `--fail-under` threshold: a metric (of one scorer, or of every scorer that has it) and its minimum. */
export interface FailUnderThreshold {
  /** The flag value as given, for messages. */
  spec: string;
  scorer?: string;
  metric: string;
  minimum: number;
}

/** A metric of a finished task below its threshold. */
export interface FailUnderMiss {
  task: string;
  model: string;
  scorer: string;
  metric: string;
  value: number;
  minimum: number;
  spec: string;
}

/**
 * Parses `--fail-under` values: `METRIC=V`, `SCORER/METRIC=V` or `SCORER.METRIC=V` (the last `/` or `.` before
 * `=` splits scorer from metric). A malformed value is a usage error naming the flag.
 */
export function parseFailUnder(values: readonly string[]): FailUnderThreshold[] {
  return values.map((spec) => {
    const equals = spec.lastIndexOf('=');
    const name = spec.slice(0, equals).trim();
    const valueText = spec.slice(equals + 1).trim();
    const minimum = Number(valueText);
    if (equals <= 0 || name === '' || valueText === '' || !Number.isFinite(minimum)) {
      throw new CliUsageError(`--fail-under must be METRIC=VALUE, SCORER/METRIC=VALUE or SCORER.METRIC=VALUE with a number, got "${spec}" (for example --fail-under accuracy=0.8).`);
    }
    const split = Math.max(name.lastIndexOf('/'), name.lastIndexOf('.'));
    if (split === -1) return { spec, metric: name, minimum };
    const scorer = name.slice(0, split);
    const metric = name.slice(split + 1);
    if (scorer === '' || metric === '') {
      throw new CliUsageError(`--fail-under "${spec}" names no ${scorer === '' ? 'scorer' : 'metric'}; write SCORER/METRIC=VALUE (for example --fail-under includes/accuracy=0.8).`);
    }
    return { spec, scorer, metric, minimum };
  });
}

function metricNames(log: EvalLog): string[] {
  return (log.results?.scores ?? []).flatMap((score) => Object.keys(score.metrics ?? {}).map((metric) => `${score.name}/${metric}`));
}

/**
 * The metrics of finished logs below their thresholds. A threshold naming a metric that a log with results does not
 * have is a usage error (exit 2) naming the flag and the metrics the log has; logs without results (failed or
 * cancelled runs) are skipped, their own exit code says what happened.
 */
export function checkFailUnder(options: { logs: readonly EvalLog[]; thresholds: readonly FailUnderThreshold[] }): FailUnderMiss[] {
  const misses: FailUnderMiss[] = [];
  for (const log of options.logs) {
    if (!log.results || log.results.scores.length === 0) continue;
    for (const threshold of options.thresholds) {
      let found = false;
      for (const score of log.results.scores) {
        if (threshold.scorer !== undefined && score.name !== threshold.scorer) continue;
        const metric = score.metrics?.[threshold.metric];
        if (!metric) continue;
        found = true;
        const value = typeof metric.value === 'number' ? metric.value : Number.NaN;
        // A metric that could not be computed (NaN) does not meet any threshold.
        if (!(value >= threshold.minimum)) {
          misses.push({ task: log.eval.task, model: log.eval.model, scorer: score.name, metric: threshold.metric, value, minimum: threshold.minimum, spec: threshold.spec });
        }
      }
      if (!found) {
        throw new CliUsageError(
          `--fail-under ${threshold.spec}: the log of ${log.eval.task} · ${log.eval.model} has no metric ${threshold.scorer ? `${threshold.scorer}/` : ''}${threshold.metric}; it has ${metricNames(log).join(', ')}.`,
        );
      }
    }
  }
  return misses;
}

/** One line per miss: `fail-under: quiz · mockllm/model includes/accuracy 0.500 < 0.8`. */
export function describeMiss(miss: FailUnderMiss): string {
  return `fail-under: ${miss.task} · ${miss.model} ${miss.scorer}/${miss.metric} ${miss.value.toFixed(3)} < ${miss.minimum}`;
}
