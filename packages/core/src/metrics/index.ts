export type { Metric, MetricValue, SampleScore, ScoreReducer } from './metric.js';
export { defineMetric, type DefineMetricOptions, type MetricFactory } from './define-metric.js';
export { MetricError, type MetricErrorCode } from './metric-error.js';
export {
  valueToFloat,
  createValueToFloat,
  isUnscoredValue,
  type ValueToFloat,
  type ValueToFloatOptions,
} from './value-to-float.js';
export { accuracy } from './accuracy.js';
export { mean } from './mean.js';
export { stderr } from './stderr.js';
export { std } from './std.js';
export { variance } from './variance.js';
export { bootstrapStderr } from './bootstrap-stderr.js';
export { grouped, type GroupedOptions } from './grouped.js';
export { builtinMetrics } from './builtin-metrics.js';
export { computeMetrics, type ComputeMetricsOptions } from './compute-metrics.js';
export { meanScore } from './reducers/mean-score.js';
export { medianScore } from './reducers/median-score.js';
export { modeScore } from './reducers/mode-score.js';
export { maxScore } from './reducers/max-score.js';
export { atLeast, type AtLeastOptions } from './reducers/at-least.js';
export { passAtK, passAtKEstimate, type PassAtKOptions } from './reducers/pass-at-k.js';
export { scoreReducer } from './reducers/score-reducer.js';
export { reduceScores, type ReduceScoresOptions } from './reducers/reduce-scores.js';
