import { toInspectArgs } from '../log/inspect-args.js';
import type { EvalScorer } from '../log/schema/index.js';
import type { Metric } from '../metrics/metric.js';
import type { Scorer } from '../scorer/scorer.js';

function metricInfo(metric: Metric): { name: string; options: Record<string, unknown> } {
  return { name: metric.name, options: toInspectArgs({ kind: 'metric', name: metric.name, args: metric.args }) };
}

/** A scorer as `eval.scorers[]` records it: name, options under Inspect's argument names, and its metrics. */
export function scorerInfo(scorer: Scorer): EvalScorer {
  return {
    name: scorer.name,
    options: toInspectArgs({ kind: 'scorer', name: scorer.name, args: scorer.args }),
    metrics: Array.isArray(scorer.metrics)
      ? scorer.metrics.map(metricInfo)
      : Object.fromEntries(Object.entries(scorer.metrics).map(([key, list]) => [key, list.map(metricInfo)])),
  };
}
