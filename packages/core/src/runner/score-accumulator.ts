import { toInspectArgs } from '../log/inspect-args.js';
import type { EvalResultsInput, EvalScore } from '../log/schema/index.js';
import { validateLogValue } from '../log/parse-eval-sample.js';
import { parseLogJson } from '../log/parse-log-json.js';
import { evalSampleScoreSchema, type EvalSampleScore } from '../log/schema/eval-sample-reductions.js';
import type { Score, ScoreValue } from '../log/schema/score.js';
import type { StoredReductions } from '../log/stored-reductions.js';
import { stringifyLogJson } from '../log/stringify-log-json.js';
import { computeMetrics } from '../metrics/index.js';
import type { Metric, SampleScore, ScoreReducer } from '../metrics/metric.js';
import type { Scorer } from '../scorer/index.js';
import { createDeflatedLines, type DeflatedLines } from './deflated-lines.js';
import { createDeflatedReductions, type DeflatedReductionList } from './deflated-reductions.js';

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
 * (only samples with epochs still to come are held as objects). At the end they are read back one scorer × reducer at
 * a time for its metrics, and the reductions stay deflated: log writers stream them.
 */
export interface ScoreAccumulator {
  add(sample: ScoredSample): void;
  /** Reduces what is left (samples with epochs that never finished) and computes every scorer's metrics. */
  summarise(options: { totalSamples: number; completed: number }): { results: EvalResultsInput; reductions: StoredReductions };
}

/**
 * A scorer × reducer's reduced scores (their JSON, for the log), and what its metrics take of them: when they read only
 * values, each score's value and sample id, kept as they come (a few bytes a sample); otherwise each sample's metadata
 * JSON (or an empty line) beside each score, the scores being read back from their JSON.
 */
interface ReducedList extends DeflatedReductionList {
  /** Values and sample ids in chunks of {@link CHUNK}, not arrays grown by copying (which a long run leaves behind). */
  values: ScoreValue[][];
  ids: (string | number)[][];
  metadata: DeflatedLines | undefined;
}

const CHUNK = 4096;

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
    const valuesOnly = metricList(options.metrics ?? scorer.metrics).every((metric) => metric.reads === 'value');
    for (const reducer of reducers) {
      lists.set(listKey(scorer.name, reducer.name), {
        scorer: scorer.name,
        reducer: reducer.name,
        // `,\n` between items: the reductions' JSON is made of them as they are kept.
        items: createDeflatedLines({ separator: ',\n' }),
        values: [],
        ids: [],
        metadata: valuesOnly ? undefined : createDeflatedLines(),
      });
    }
  }
  // Samples with some of their epochs in, by id (first seen first).
  const pending = new Map<string | number, ScoredSample[]>();
  let maxEpoch = 1;
  // Why the first reduced score that does not fit the log schema does not.
  let invalid: unknown;
  const needsMetadata = [...lists.values()].some((list) => list.metadata);

  const reduce = (id: string | number, items: readonly ScoredSample[]): void => {
    const metadata = items[0]?.metadata;
    // Only for metrics that read more than values.
    const metadataLine = metadata && Object.keys(metadata).length > 0 && needsMetadata ? stringifyLogJson({ value: metadata }) : '';
    for (const scorer of scorers) {
      const epochScores = items.map((item) => item.scores[scorer.name]).filter((score): score is Score => !!score);
      if (epochScores.length === 0) continue;
      for (const reducer of reducers) {
        const score = reducer.reduce(epochScores);
        const item: EvalSampleScore = Object.assign({}, score, { history: score.history ?? [], sample_id: id });
        // As the log will hold it: the metrics see what the log says.
        const text = stringifyLogJson({ value: item });
        const logged = parseLogJson({ text }) as EvalSampleScore;
        if (!invalid) invalid = checkItem(logged, `reduced score of sample ${String(id)} (scorer ${scorer.name})`);
        const list = lists.get(listKey(scorer.name, reducer.name))!;
        list.items.push(text);
        if (list.metadata) list.metadata.push(metadataLine);
        else pushValue(list, logged.value, id);
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
      if (invalid) throw invalid;
      const scores: EvalScore[] = [];
      for (const scorer of scorers) {
        const metrics = options.metrics ?? scorer.metrics;
        for (const reducer of reducers) {
          const list = lists.get(listKey(scorer.name, reducer.name))!;
          // As Inspect's results, `params` are the scorer's options under Inspect's argument names.
          const params = toInspectArgs({ kind: 'scorer', name: scorer.name, args: scorer.args ?? {} });
          const computed = computeMetrics({ scorer: scorer.name, scores: readSampleScores(list), metrics, params });
          for (const evalScore of computed) {
            scores.push({ ...evalScore, reducer: named ? reducer.name : null });
          }
        }
      }
      return {
        results: { total_samples: totalSamples, completed_samples: completed, scores },
        reductions: createDeflatedReductions([...lists.values()]),
      };
    },
  };
}

/**
 * Why an item, as the log will hold it, does not fit the log schema, or `undefined` when it does. Checked as each
 * sample is reduced, while the item is at hand (so the end of the run need not hold them all); the first failure
 * fails the run only when it is summarised, as it always has.
 */
function checkItem(item: EvalSampleScore, what: string): unknown {
  if (evalSampleScoreSchema.safeParse(item).success) return undefined;
  try {
    validateLogValue({ schema: evalSampleScoreSchema, value: item, what });
    return undefined;
  } catch (error) {
    return error;
  }
}

function pushValue(list: ReducedList, value: ScoreValue, id: string | number): void {
  let values = list.values.at(-1);
  let ids = list.ids.at(-1);
  if (!values || !ids || values.length === CHUNK) {
    list.values.push((values = []));
    list.ids.push((ids = []));
  }
  values.push(value);
  ids.push(id);
}

/**
 * A list's scores as its metrics take them: just values and sample ids for metrics that read nothing else. Samples
 * with the same plain value (`1`, `'C'`) share one frozen score: a large eval's metrics then hold one small object per
 * sample rather than two.
 */
function readSampleScores(list: ReducedList): SampleScore[] {
  if (!list.metadata) {
    const shared = new Map<ScoreValue, Score>();
    const scoreOf = (value: ScoreValue): Score => {
      if (value !== null && typeof value === 'object') return { value };
      let score = shared.get(value);
      if (!score) shared.set(value, (score = Object.freeze({ value })));
      return score;
    };
    return list.values.flatMap((values, chunk) => values.map((value, index) => ({ score: scoreOf(value), sampleId: list.ids[chunk]![index]! })));
  }
  const sampleScores: SampleScore[] = [];
  const metadataLines = list.metadata.lines();
  for (const text of list.items.lines()) {
    const item = parseLogJson({ text }) as EvalSampleScore;
    const metadataLine = metadataLines.next().value as string;
    const sampleMetadata = metadataLine === '' ? {} : (parseLogJson({ text: metadataLine }) as Record<string, unknown>);
    // The reductions item is the score too (its extra `sample_id` is the sample's id).
    sampleScores.push({ score: item as Score, sampleId: item.sample_id!, sampleMetadata });
  }
  return sampleScores;
}

function metricList(metrics: Scorer['metrics']): readonly Metric[] {
  return Array.isArray(metrics) ? metrics : Object.values(metrics as Record<string, readonly Metric[]>).flat();
}

function listKey(scorer: string, reducer: string): string {
  return `${scorer}\u0000${reducer}`;
}
