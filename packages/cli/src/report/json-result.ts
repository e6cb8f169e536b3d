import type { EvalLog } from '@assay/core';
import type { FailUnderMiss } from './fail-under.js';

/** One finished task × model in the `--json` result. */
export interface JsonTaskResult {
  task: string;
  model: string;
  status: string;
  log: string | null;
  samples: { total: number; completed: number } | null;
  /** `scorer/metric` → value, e.g. `{ "includes/accuracy": 0.75 }`. */
  metrics: Record<string, unknown>;
  error: string | null;
}

/** The document `--json` prints on stdout. */
export interface JsonResult {
  /** The exit code `assay` exits with. */
  exitCode: number;
  tasks: JsonTaskResult[];
  failUnder: FailUnderMiss[];
}

/** The machine-readable result of finished runs that `--json` prints. */
export function jsonResult(options: { logs: readonly EvalLog[]; misses: readonly FailUnderMiss[]; exitCode: number }): JsonResult {
  return {
    exitCode: options.exitCode,
    tasks: options.logs.map((log) => {
      const metrics: Record<string, unknown> = {};
      for (const score of log.results?.scores ?? []) {
        for (const [metric, { value }] of Object.entries(score.metrics ?? {})) metrics[`${score.name}/${metric}`] = value;
      }
      return {
        task: log.eval.task,
        model: log.eval.model,
        status: log.status,
        log: log.location ?? null,
        samples: log.results ? { total: log.results.total_samples, completed: log.results.completed_samples } : null,
        metrics,
        error: log.error?.message ?? null,
      };
    }),
    failUnder: [...options.misses],
  };
}
