import type { EvalResultsInput, EvalScore } from '../log/schema/index.js';
import { evalSampleScoreSchema, type EvalSampleReductions, type EvalSampleScore } from '../log/schema/eval-sample-reductions.js';
import { validateLogValue } from '../log/parse-eval-sample.js';
import { markReductionsValid } from '../log/validated-reductions.js';
import type { Score } from '../log/schema/score.js';
import { computeMetrics } from '../metrics/index.js';
import type { SampleScore, ScoreReducer } from '../metrics/metric.js';
import type { Scorer } from '../scorer/index.js';
import { createDeflatedJsonList, type DeflatedJsonList } from './deflated-json-list.js';

/** What is kept of a finished sample: its scores and metadata, never its messages or events. */
export interface ScoredSample {
  id: string | number;
  epoch: number;
  scores: Record<string, Score>;
  metadata?: Record<string, unknown> | undefined;
}

/**
 * Gathers the scores of finished samples for the log's `results` and `reductions`. A sample is reduced as soon as all
 * its epochs are in, and the reduced scores are kept as deflated JSON, so memory does not grow with finished samples
 * (only samples with epochs still to come are held as objects).
 */
export interface ScoreAccumulator {
  add(sample: ScoredSample): void;
  /** Reduces what is left (samples with epochs that never finished) and computes every scorer's metrics. */
  summarise(options: { totalSamples: number; completed: number }): { results: EvalResultsInput; reductions: EvalSampleReductions[] };
}

/** One reduced score as kept: the reductions item, and the sample metadata when there is any. */
type Reduced = [EvalSampleScore, Record<string, unknown>] | [EvalSampleScore];

/** Creates a {@link ScoreAccumulator} for these scorers, reducers and number of epochs. */
export function createScoreAccumulator(options: {
  scorers: readonly Pick<Scorer, 'name' | 'metrics'>[];
  /** The task's metrics, which replace every scorer's own. */
  metrics?: Scorer['metrics'] | undefined;
  reducers: readonly ScoreReducer[];
  /** Epochs per sample; `Infinity` when unknown (each sample is then reduced at the end). */
  epochs: number;
}): ScoreAccumulator {
  const { scorers, reducers, epochs } = options;
  const lists = new Map<string, DeflatedJsonList<Reduced>>();
  for (const scorer of scorers) for (const reducer of reducers) lists.set(listKey(scorer.name, reducer.name), createDeflatedJsonList());
  // Samples with some of their epochs in, by id (first seen first).
  const pending = new Map<string | number, ScoredSample[]>();
  let maxEpoch = 1;

  const reduce = (id: string | number, items: readonly ScoredSample[]): void => {
    const metadata = items[0]?.metadata;
    for (const scorer of scorers) {
      const epochScores = items.map((item) => item.scores[scorer.name]).filter((score): score is Score => !!score);
      if (epochScores.length === 0) continue;
      for (const reducer of reducers) {
        const score = reducer.reduce(epochScores);
        const item: EvalSampleScore = Object.assign({}, score, { history: score.history ?? [], sample_id: id });
        lists.get(listKey(scorer.name, reducer.name))!.push(metadata && Object.keys(metadata).length > 0 ? [item, metadata] : [item]);
      }
    }
  };

  return {
    add(sample) {
      maxEpoch = Math.max(maxEpoch, sample.epoch);
      if (epochs <= 1) return reduce(sample.id, [sample]);
      const items = pending.get(sample.id);
      if (!items) pending.set(sample.id, [sample]);
      else items.push(sample);
      const all = items ?? [sample];
      if (all.length >= epochs) {
        pending.delete(sample.id);
        reduce(sample.id, all);
      }
    },
    summarise({ totalSamples, completed }) {
      for (const [id, items] of pending) reduce(id, items);
      pending.clear();
      // Name the reducer whenever it matters: with epochs, or when several reducers give several results.
      const named = (Number.isFinite(epochs) ? epochs : maxEpoch) > 1 || reducers.length > 1;
      const scores: EvalScore[] = [];
      const reductions: EvalSampleReductions[] = [];
      for (const scorer of scorers) {
        for (const reducer of reducers) {
          const samples: EvalSampleScore[] = [];
          const sampleScores: SampleScore[] = [];
          for (const [raw, metadata] of lists.get(listKey(scorer.name, reducer.name))!.values()) {
            // Checked here, one at a time, so that the log header need not check (and copy) them all at once. The
            // item itself is kept (the schema only fills defaults it already has), not the checked copy.
            if (!evalSampleScoreSchema.safeParse(raw).success) {
              validateLogValue({ schema: evalSampleScoreSchema, value: raw, what: `reduced score of sample ${String(raw.sample_id)} (scorer ${scorer.name})` });
            }
            samples.push(raw);
            // The reductions item is the score too (its extra `sample_id` is the sample's id).
            sampleScores.push({ score: raw as Score, sampleId: raw.sample_id!, sampleMetadata: metadata ?? {} });
          }
          const computed = computeMetrics({ scorer: scorer.name, scores: sampleScores, metrics: options.metrics ?? scorer.metrics });
          for (const evalScore of computed) {
            scores.push({ ...evalScore, reducer: named ? reducer.name : null });
          }
          reductions.push({ scorer: scorer.name, reducer: reducer.name, samples });
        }
      }
      return { results: { total_samples: totalSamples, completed_samples: completed, scores }, reductions: markReductionsValid(reductions) };
    },
  };
}

function listKey(scorer: string, reducer: string): string {
  return `${scorer}\u0000${reducer}`;
}
