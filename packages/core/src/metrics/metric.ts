import type { Score } from '../log/schema/score.js';

/** A score together with the sample it belongs to, as metrics receive it. */
export interface SampleScore {
  score: Score;
  sampleId: string | number;
  /** Present for unreduced scores. */
  epoch?: number;
  sampleMetadata?: Record<string, unknown>;
}

/** A metric's value: one number, or several named numbers (e.g. one per group). */
export type MetricValue = number | Record<string, number>;

/** Aggregates sample scores into a number. */
export interface Metric {
  /** Registry name, e.g. `accuracy`; the key of the metric in the log's results. */
  readonly name: string;
  readonly args: Record<string, unknown>;
  compute(scores: readonly SampleScore[]): MetricValue;
}

/** Reduces the scores of one sample's epochs into one score. */
export interface ScoreReducer {
  /** Registry name, e.g. `mean`, `pass_at_5`. */
  readonly name: string;
  reduce(scores: readonly Score[]): Score;
}
