import { toInspectArgs } from '../log/inspect-args.js';
import type { EvalResultsInput, EvalScore } from '../log/schema/index.js';
import { validateLogValue } from '../log/parse-eval-sample.js';
import { parseLogJson } from '../log/parse-log-json.js';
import {
  evalSampleScoreSchema,
  type EvalSampleReductions,
  type EvalSampleScore,
} from '../log/schema/eval-sample-reductions.js';
import type { Score } from '../log/schema/score.js';
import { stringifyLogJson } from '../log/stringify-log-json.js';
import { computeMetrics } from '../metrics/index.js';
import type { SampleScore, ScoreReducer } from '../metrics/metric.js';
import type { Scorer } from '../scorer/index.js';
import { createTextLineStore, type TextLineStore } from '../util/text-line-store.js';

/** What is kept of a finished sample: its scores and metadata, never its messages or events. */
export interface ScoredSample {
  id: string | number;
  epoch: number;
  scores: Record<string, Score>;
  metadata?: Record<string, unknown> | undefined;
}

/**
 * Gathers the scores of finished samples for the log's `results` and `reductions`. A sample is reduced as soon as all
 * its epochs are in; only its reduced scores (and its metadata, for metrics that group by it) are kept.
 */
export interface ScoreAccumulator {
  add(sample: ScoredSample): void;
  /** Reduces what is left (samples with epochs that never finished) and computes every scorer's metrics. */
  summarise(options: { totalSamples: number; completed: number }): {
    results: EvalResultsInput;
    reductions: EvalSampleReductions[];
  };
}

/**
 * One scorer × reducer's reduced scores, each kept as its JSON in a {@link TextLineStore} (outside the heap, rather
 * than a score's objects and strings for the whole run: a long run holds hundreds of thousands), with each sample's
 * metadata beside it when it has any.
 */
interface ReducedList {
  scorer: string;
  reducer: string;
  items: TextLineStore;
  metadata: (Record<string, unknown> | undefined)[];
}

/** Creates a {@link ScoreAccumulator} for these scorers, reducers and number of epochs. */
export function createScoreAccumulator(options: {
  scorers: ReadonlyArray<Pick<Scorer, 'name' | 'metrics'> & { readonly args?: Record<string, unknown> }>;
  /** The task's metrics, which replace every scorer's own. */
  metrics?: Scorer['metrics'] | undefined;
  reducers: readonly ScoreReducer[];
  /** Epochs per sample; `Infinity` when unknown (each sample is then reduced at the end). */
  epochs: number;
}): ScoreAccumulator {
  const { scorers, reducers, epochs } = options;
  const lists = new Map<string, ReducedList>();
  for (const scorer of scorers) {
    for (const reducer of reducers) {
      lists.set(listKey(scorer.name, reducer.name), { scorer: scorer.name, reducer: reducer.name, items: createTextLineStore(), metadata: [] });
    }
  }
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
        // As the log will hold it (a JSON round trip: NaN stays NaN, undefined keys go), so the metrics see what the
        // log says; it is parsed back, and checked against the log schema, at the end. (Object.assign rather than a
        // spread: this runs for every sample; architecture/log-sink.md, "A hidden class per object".)
        const text = stringifyLogJson({ value: Object.assign({}, score, { history: score.history ?? [], sample_id: id }) });
        const list = lists.get(listKey(scorer.name, reducer.name))!;
        list.items.add(text);
        list.metadata.push(metadata && Object.keys(metadata).length > 0 ? metadata : undefined);
      }
    }
  };

  return {
    add(sample) {
      maxEpoch = Math.max(maxEpoch, sample.epoch);
      if (epochs <= 1) return reduce(sample.id, [sample]);
      const items = pending.get(sample.id) ?? [];
      items.push(sample);
      if (items.length >= epochs) {
        pending.delete(sample.id);
        reduce(sample.id, items);
      } else {
        pending.set(sample.id, items);
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
        const metrics = options.metrics ?? scorer.metrics;
        for (const reducer of reducers) {
          const list = lists.get(listKey(scorer.name, reducer.name))!;
          const samples = Array.from(list.items.lines(), (text) => checkItem(parseLogJson({ text }) as EvalSampleScore, scorer.name));
          reductions.push({ scorer: list.scorer, reducer: list.reducer, samples });
          const sampleScores = samples.map(
            (item, index): SampleScore => ({ score: item, sampleId: item.sample_id!, sampleMetadata: list.metadata[index] ?? {} }),
          );
          // As Inspect's results, `params` are the scorer's options under Inspect's argument names.
          const params = toInspectArgs({ kind: 'scorer', name: scorer.name, args: scorer.args ?? {} });
          for (const evalScore of computeMetrics({ scorer: scorer.name, scores: sampleScores, metrics, params })) {
            scores.push({ ...evalScore, reducer: named ? reducer.name : null });
          }
        }
      }
      return {
        results: { total_samples: totalSamples, completed_samples: completed, scores },
        reductions,
      };
    },
  };
}

/** `item` when it fits the log schema; otherwise throws, naming the sample and scorer (the run fails at its end). */
function checkItem(item: EvalSampleScore, scorer: string): EvalSampleScore {
  validateLogValue({ schema: evalSampleScoreSchema, value: item, what: `reduced score of sample ${String(item.sample_id)} (scorer ${scorer})` });
  return item;
}

function listKey(scorer: string, reducer: string): string {
  return `${scorer}\u0000${reducer}`;
}
