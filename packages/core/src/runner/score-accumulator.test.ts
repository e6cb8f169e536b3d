import v8 from 'node:v8';
import * as zlib from 'node:zlib';
import vm from 'node:vm';
import { expect, it } from 'vitest';
import { buildLogHeader, headerWithoutSamples } from '../log/build-log-header.js';
import { parseLogJson } from '../log/parse-log-json.js';
import type { EvalResultsInput } from '../log/schema/index.js';
import type { Score } from '../log/schema/score.js';
import { accuracy, defineMetric, grouped, maxScore, meanScore, stderr, type Metric, type SampleScore } from '../metrics/index.js';
import { createScoreAccumulator } from './score-accumulator.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const scorers = [{ name: 'check', metrics: [accuracy()] }];

/** The value of metric `name` of the results' score at `index`. */
function metricValue(results: EvalResultsInput, name: string, index = 0): unknown {
  const metrics = (results.scores?.[index]?.metrics ?? {}) as Record<string, { value: unknown }>;
  return metrics[name]?.value;
}

it('reduces each sample once all its epochs are in, and what is left at the end', () => {
  const scoring = createScoreAccumulator({ scorers, reducers: [meanScore(), maxScore()], epochs: 3 });
  const add = (id: number, epoch: number, value: number): void =>
    scoring.add({ id, epoch, scores: { check: { value, answer: `a${id}.${epoch}` } }, metadata: {} });
  add(1, 1, 1);
  add(2, 1, 0);
  add(1, 2, 0);
  add(1, 3, 1);
  add(2, 2, 0); // sample 2's third epoch never finishes
  const { results, reductions } = scoring.summarise({ totalSamples: 6, completed: 5 });
  expect(results.completed_samples).toBe(5);
  const mean = reductions.values().find((item) => item.reducer === 'mean')!;
  const max = reductions.values().find((item) => item.reducer === 'max')!;
  expect(mean.samples.map((item) => [item.sample_id, item.value])).toEqual([
    [1, 2 / 3],
    [2, 0],
  ]);
  expect(max.samples.map((item) => [item.sample_id, item.value])).toEqual([
    [1, 1],
    [2, 0],
  ]);
  expect(results.scores?.map((score) => score.reducer)).toEqual(['mean', 'max']);
  expect([metricValue(results, 'accuracy', 0), metricValue(results, 'accuracy', 1)]).toEqual([1 / 3, 0.5]);
});

it('passes sample metadata to metrics and keeps NaN scores', () => {
  const scoring = createScoreAccumulator({
    scorers: [{ name: 'check', metrics: [grouped(accuracy(), { groupKey: 'kind' })] }],
    reducers: [meanScore()],
    epochs: 1,
  });
  scoring.add({ id: 'a', epoch: 1, scores: { check: { value: 1 } }, metadata: { kind: 'x' } });
  scoring.add({ id: 'b', epoch: 1, scores: { check: { value: 0 } }, metadata: { kind: 'y' } });
  scoring.add({ id: 'c', epoch: 1, scores: { check: { value: 1 } }, metadata: { kind: 'y' } });
  scoring.add({ id: 'd', epoch: 1, scores: { check: { value: Number.NaN, explanation: 'unscored' } } });
  const { results, reductions } = scoring.summarise({ totalSamples: 4, completed: 4 });
  expect(metricValue(results, 'x')).toBe(1);
  expect(metricValue(results, 'y')).toBe(0.5);
  const unscored = reductions.values()[0]!.samples.find((item) => item.sample_id === 'd')!;
  expect(unscored.value).toBeNaN();
  expect(unscored.explanation).toBe('unscored');
  expect(unscored.history).toEqual([]);
});

it('keeps no score object of a finished sample (epochs = 1)', async () => {
  const scoring = createScoreAccumulator({ scorers, reducers: [meanScore()], epochs: 1 });
  const references: Array<WeakRef<Score>> = [];
  // In a function of its own, so that no local variable of this test holds the last score.
  const fill = (): void => {
    for (let id = 0; id < 200; id++) {
      const score: Score = { value: id % 2, answer: `answer ${id}` };
      references.push(new WeakRef(score));
      scoring.add({ id, epoch: 1, scores: { check: score }, metadata: { n: id } });
    }
  };
  fill();
  // WeakRef targets stay alive until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  collectGarbage();
  expect(references.filter((reference) => reference.deref() !== undefined)).toHaveLength(0);
  const { results } = scoring.summarise({ totalSamples: 200, completed: 200 });
  expect(metricValue(results, 'accuracy')).toBe(0.5);
});

it('gives reductions whose JSON is what the log writes, and that a log header builds only when they are read, in their place', () => {
  const scoring = createScoreAccumulator({ scorers, reducers: [meanScore(), maxScore()], epochs: 1 });
  for (let id = 1; id <= 3_000; id++) scoring.add({ id, epoch: 1, scores: { check: { value: id % 3 === 0 ? Number.NaN : 'C', answer: `é${id}` } }, metadata: {} });
  const { results, reductions } = scoring.summarise({ totalSamples: 3_000, completed: 3_000 });
  const values = reductions.values();
  expect(values.map((item) => [item.scorer, item.reducer, item.samples.length])).toEqual([
    ['check', 'mean', 3_000],
    ['check', 'max', 3_000],
  ]);
  expect(values[0]!.samples[0]).toEqual({ value: 1, answer: 'é1', history: [], sample_id: 1 });
  expect(values[0]!.samples[2]!.value).toBeNaN();
  // The streamed JSON (many deflated segments, non-ASCII text, bare NaN) reads back as the same reductions.
  const json = Buffer.concat([...reductions.json()].map((piece) => Buffer.from(piece))).toString();
  expect(parseLogJson({ text: json })).toEqual(values);
  // As one zip member, made of the items as they are kept: the same JSON, with its CRC-32 and size.
  const member = reductions.deflated();
  const inflated = zlib.inflateRawSync(Buffer.concat(member.data));
  expect(inflated.toString()).toBe(json);
  expect([zlib.crc32(inflated), inflated.length]).toEqual([member.crc, member.uncompressedSize]);

  let built = 0;
  const counted = { json: () => reductions.json(), deflated: () => reductions.deflated(), values: () => (built++, reductions.values()) };
  const header = buildLogHeader({
    eval: { task: 't', task_id: 'x', run_id: 'y', model: 'mockllm/model', created: '2026-01-01T00:00:00Z', dataset: {}, config: {} } as never,
    plan: {} as never,
    finish: { status: 'success', results, reductions: counted },
    startedAt: '2026-01-01T00:00:00Z',
  });
  const keys = Object.keys(header);
  expect(keys.indexOf('reductions')).toBe(keys.indexOf('invalidated') + 1);
  expect(Object.keys(headerWithoutSamples(header))).not.toContain('reductions');
  expect(built).toBe(0);
  expect(header.reductions).toEqual(values);
  expect(header.reductions).toBe(header.reductions);
  expect(built).toBe(1);
  header.reductions = [];
  expect(header.reductions).toEqual([]);
});

it('names a score that does not fit the log schema', () => {
  const scoring = createScoreAccumulator({ scorers, reducers: [meanScore()], epochs: 1 });
  scoring.add({ id: 7, epoch: 1, scores: { check: { value: 1, answer: 5 as unknown as string } }, metadata: {} });
  expect(() => scoring.summarise({ totalSamples: 1, completed: 1 })).toThrow(/sample 7.*check|answer/);
});

it('gives metrics that read only values just the values, and the whole scores to any other', () => {
  const seen: { reads: string; scores: readonly SampleScore[] }[] = [];
  const probe = (reads: 'value' | 'all'): Metric => ({
    name: `probe_${reads}`,
    args: {},
    reads,
    compute: (scores) => (seen.push({ reads, scores }), scores.length),
  });
  const run = (metrics: Metric[]): void => {
    const scoring = createScoreAccumulator({ scorers: [{ name: 'check', metrics }], reducers: [meanScore()], epochs: 1 });
    scoring.add({ id: 'a', epoch: 1, scores: { check: { value: 'C', answer: 'yes', explanation: 'the model said yes' } }, metadata: { kind: 'x' } });
    scoring.add({ id: 'b', epoch: 1, scores: { check: { value: 0.5, explanation: 'partly' } }, metadata: {} });
    scoring.summarise({ totalSamples: 2, completed: 2 });
  };
  run([probe('value'), accuracy()]);
  expect(seen.at(-1)!.scores).toEqual([
    { score: { value: 1 }, sampleId: 'a' },
    { score: { value: 0.5 }, sampleId: 'b' },
  ]);
  // One metric that reads more is enough for every metric of the scorer to get the whole scores.
  run([probe('value'), probe('all')]);
  for (const { scores } of seen.slice(-2)) {
    expect(scores).toEqual([
      { score: { value: 1, answer: 'yes', explanation: 'the model said yes', history: [], sample_id: 'a' }, sampleId: 'a', sampleMetadata: { kind: 'x' } },
      { score: { value: 0.5, explanation: 'partly', history: [], sample_id: 'b' }, sampleId: 'b', sampleMetadata: {} },
    ]);
  }
  // The built-in metrics say what they read; a metric defined without saying reads everything.
  expect([accuracy(), stderr(), stderr({ cluster: 'kind' }), grouped(accuracy(), { groupKey: 'kind' })].map((metric) => metric.reads)).toEqual([
    'value',
    'value',
    'all',
    'all',
  ]);
  expect(defineMetric({ name: 'custom', create: () => () => 0 })().reads).toBe('all');
});

it('keeps values in order across many chunks for metrics that read only values', () => {
  let seen: readonly SampleScore[] = [];
  const probe: Metric = { name: 'probe', args: {}, reads: 'value', compute: (scores) => ((seen = scores), scores.length) };
  const scoring = createScoreAccumulator({ scorers: [{ name: 'check', metrics: [probe] }], reducers: [meanScore()], epochs: 1 });
  for (let id = 1; id <= 10_000; id++) scoring.add({ id: `s${id}`, epoch: 1, scores: { check: { value: id % 4 } } });
  const { results } = scoring.summarise({ totalSamples: 10_000, completed: 10_000 });
  expect(metricValue(results, 'probe')).toBe(10_000);
  expect(seen.map((item) => item.sampleId)).toEqual(Array.from({ length: 10_000 }, (_, index) => `s${index + 1}`));
  expect(seen.map((item) => item.score.value)).toEqual(Array.from({ length: 10_000 }, (_, index) => (index + 1) % 4));
  // Samples with the same value share one frozen score.
  expect(seen[0]!.score).toBe(seen[4]!.score);
  expect(seen[0]!.score).not.toBe(seen[1]!.score);
  expect(Object.isFrozen(seen[0]!.score)).toBe(true);
});
