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
  /**
   * What `compute` reads of each sample score. `'value'`: only `score.value` (and `sampleId`), so the runner may give
   * it scores without answer, explanation, history or sample metadata, which spares holding every sample's
   * explanation in memory to compute the metrics of a large eval. `'all'` (the default): the whole sample score.
   */
  readonly reads?: MetricReads;
  compute(scores: readonly SampleScore[]): MetricValue;
}

/** What a metric reads of each sample score: see {@link Metric.reads}. */
export type MetricReads = 'value' | 'all';

/** Reduces the scores of one sample's epochs into one score. */
export interface ScoreReducer {
  /** Registry name, e.g. `mean`, `pass_at_5`. */
  readonly name: string;
  reduce(scores: readonly Score[]): Score;
}
