import { isoTimestamp } from './log-format.js';
import { validateLogValue } from './parse-eval-sample.js';
import { evalLogSchema, type EvalLog, type EvalStatus } from './schema/eval-log.js';
import type { EvalErrorInput } from './schema/eval-error.js';
import type { EvalPlan } from './schema/eval-plan.js';
import type { EvalResultsInput } from './schema/eval-results.js';
import type { EvalSampleReductionsInput } from './schema/eval-sample-reductions.js';
import type { EvalSpec } from './schema/eval-spec.js';
import { defineStoredReductions, isStoredReductions, type StoredReductions } from './stored-reductions.js';
import type { EvalStatsInput } from './schema/eval-stats.js';

/** What a log writer's `finish` records about the finished eval. */
export interface FinishEvalLogOptions {
  status: EvalStatus;
  results?: EvalResultsInput | null;
  /** Timing and usage; `started_at` / `completed_at` default to when the writer started / finished. */
  stats?: EvalStatsInput;
  error?: EvalErrorInput | null;
  /** Objects, or (from the runner) reductions kept deflated, which the log then builds only when they are read. */
  reductions?: EvalSampleReductionsInput[] | StoredReductions | null;
  invalidated?: boolean;
  tags?: string[];
  metadata?: Record<string, unknown>;
  /** Other header fields to keep (for example, from a log being rewritten). */
  extra?: Record<string, unknown>;
}

// The header without the spec and plan, which writers check when they start: the spec lists every sample id, and
// checking it again would copy that list at the end of every run.
const finishedHeaderSchema = evalLogSchema.omit({ eval: true, plan: true });

/** Builds a complete log header (every field the published schema requires) from a writer's spec, plan and finish options. */
export function buildLogHeader(options: {
  /** The spec as parsed by its schema (writers parse it when they start). */
  eval: EvalSpec;
  /** The plan as parsed by its schema. */
  plan: EvalPlan;
  finish: FinishEvalLogOptions;
  startedAt: string;
  path?: string;
}): EvalLog {
  const { finish } = options;
  const raw: Record<string, unknown> = {
    version: 2,
    status: finish.status,
    ...(finish.results != null ? { results: finish.results } : {}),
    stats: { started_at: options.startedAt, completed_at: isoTimestamp(), ...finish.stats },
    ...(finish.error != null ? { error: finish.error } : {}),
    invalidated: finish.invalidated ?? false,
    ...(finish.reductions != null ? { reductions: finish.reductions } : {}),
    tags: finish.tags ?? [],
    metadata: finish.metadata ?? {},
  };
  for (const [key, value] of Object.entries(finish.extra ?? {})) {
    if (!(key in raw) && key !== 'samples' && key !== 'location' && value !== undefined) {
      Object.defineProperty(raw, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const stored = isStoredReductions(finish.reductions) ? finish.reductions : undefined;
  if (stored) delete raw.reductions;
  const checked = validateLogValue({ schema: finishedHeaderSchema, value: raw, what: 'log header', ...(options.path ? { path: options.path } : {}) });
  // In Inspect's order: the spec and plan after `status`; stored reductions (checked item by item as they were built)
  // after `invalidated`, as a property that builds them when read.
  const log = {} as EvalLog;
  const define = (key: string, value: unknown): void => {
    Object.defineProperty(log, key, { value, enumerable: true, configurable: true, writable: true });
  };
  for (const [key, value] of Object.entries(checked)) {
    define(key, value);
    if (key === 'status') {
      define('eval', options.eval);
      define('plan', options.plan);
    }
    if (key === 'invalidated' && stored) defineStoredReductions(log, stored);
  }
  return log;
}

/** The header without samples and reductions, as written to `header.json`. */
export function headerWithoutSamples(log: EvalLog): Record<string, unknown> {
  // By key, so that reductions stored outside the heap are not built just to be left out.
  const keys = Object.keys(log).filter((key) => key !== 'samples' && key !== 'reductions' && key !== 'location');
  return Object.fromEntries(keys.map((key) => [key, (log as Record<string, unknown>)[key]]));
}
