import { isoTimestamp } from './log-format.js';
import { validateLogValue } from './parse-eval-sample.js';
import { evalLogSchema, type EvalLog, type EvalStatus } from './schema/eval-log.js';
import type { EvalErrorInput } from './schema/eval-error.js';
import type { EvalPlan } from './schema/eval-plan.js';
import type { EvalResultsInput } from './schema/eval-results.js';
import type { EvalSampleReductionsInput } from './schema/eval-sample-reductions.js';
import type { EvalSpec } from './schema/eval-spec.js';
import type { EvalStatsInput } from './schema/eval-stats.js';

/** What a log writer's `finish` records about the finished eval. */
export interface FinishEvalLogOptions {
  status: EvalStatus;
  results?: EvalResultsInput | null;
  /** Timing and usage; `started_at` / `completed_at` default to when the writer started / finished. */
  stats?: EvalStatsInput;
  error?: EvalErrorInput | null;
  reductions?: EvalSampleReductionsInput[] | null;
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
  const checked = validateLogValue({ schema: finishedHeaderSchema, value: raw, what: 'log header', ...(options.path ? { path: options.path } : {}) });
  // In Inspect's order: the spec and plan right after `status`.
  const { version, status, ...rest } = checked;
  return { version, status, eval: options.eval, plan: options.plan, ...rest };
}

/** The header without samples and reductions, as written to `header.json`. */
export function headerWithoutSamples(log: EvalLog): Record<string, unknown> {
  const { samples: _samples, reductions: _reductions, location: _location, ...header } = log;
  return header;
}
