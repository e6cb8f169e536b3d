import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy.js';
import { computeMetrics } from './compute-metrics.js';
import { evalScoreSchema } from '../log/schema/eval-results.js';
import { builtinMetrics } from './builtin-metrics.js';
import { grouped } from './grouped.js';
import { mean } from './mean.js';
import { stderr } from './stderr.js';
import { sampleScores } from './test-scores.js';

describe('computeMetrics', () => {
  // Inspect's scorer_for_metrics (_eval/task/results.py) drops NaN (unscored) sample scores before calling any metric,
  // so every built-in metric gives over [C, NaN, I, C, NaN] what it gives over [C, I, C].
  it('gives every built-in metric only the scored samples', () => {
    for (const [name, create] of Object.entries(builtinMetrics)) {
      if (name === 'bootstrap_stderr') continue; // random resampling: compared by its range below
      const [withUnscored] = computeMetrics({ scorer: 's', scores: sampleScores(['C', Number.NaN, 'I', 'C', Number.NaN]), metrics: [create()] });
      const [scoredOnly] = computeMetrics({ scorer: 's', scores: sampleScores(['C', 'I', 'C']), metrics: [create()] });
      expect(withUnscored?.metrics[name]?.value, name).toBe(scoredOnly?.metrics[name]?.value);
      expect(withUnscored?.metrics[name]?.value, name).not.toBeNaN();
    }
    const [bootstrap] = computeMetrics({
      scorer: 's',
      scores: sampleScores([Number.NaN, 'C', Number.NaN, 'C']),
      metrics: [builtinMetrics.bootstrap_stderr!()],
    });
    // Only the two Cs are resampled: every resample's mean is 1, so the spread is 0 (NaN would poison it).
    expect(bootstrap?.metrics.bootstrap_stderr?.value).toBe(0);
  });

  it('leaves unscored samples out and counts them', () => {
    const [result] = computeMetrics({
      scorer: 'match',
      scores: sampleScores(['C', 'I', Number.NaN, 'C']),
      metrics: [accuracy(), stderr()],
      params: { location: 'end' },
    });
    // scored [1, 0, 1]: accuracy 2/3; deviations 1/3, −2/3, 1/3 → squares sum 6/9; /2 = 1/3; √(1/3)/√3 = 1/3
    expect(result).toMatchObject({
      name: 'match',
      scorer: 'match',
      scored_samples: 3,
      unscored_samples: 1,
      params: { location: 'end' },
    });
    expect(result?.metrics.accuracy).toMatchObject({ name: 'accuracy', params: {} });
    expect(result?.metrics.accuracy?.value).toBeCloseTo(2 / 3, 12);
    expect(result?.metrics.stderr?.value).toBeCloseTo(1 / 3, 12);
    expect(result && 'reducer' in result).toBe(false);
    expect(evalScoreSchema.safeParse(result).success).toBe(true);
  });

  it('gives NaN metrics when nothing was scored, and records the reducer', () => {
    const [result] = computeMetrics({ scorer: 'match', scores: sampleScores([Number.NaN]), metrics: [accuracy()], reducer: 'mean' });
    expect(result?.metrics.accuracy?.value).toBeNaN();
    expect(result).toMatchObject({ reducer: 'mean', scored_samples: 0, unscored_samples: 1 });
  });

  it('suffixes duplicate metric names and spreads dict-valued metrics', () => {
    const scores = sampleScores(['C', 'I'], [{ subject: 'x' }, { subject: 'y' }]);
    const [result] = computeMetrics({
      scorer: 'match',
      scores,
      metrics: [accuracy(), accuracy(), grouped(accuracy(), { groupKey: 'subject' })],
    });
    expect(Object.keys(result?.metrics ?? {})).toEqual(['accuracy', 'accuracy2', 'x', 'y', 'all']);
    expect(result?.metrics.accuracy2).toMatchObject({ name: 'accuracy', value: 0.5 });
    expect(result?.metrics.x).toMatchObject({ name: 'x', value: 1 });
    expect(result?.metrics.all).toMatchObject({ name: 'all', value: 0.5 });
  });

  it('gives one EvalScore per key of dict-valued scores, skipping NaN entries', () => {
    const scores = sampleScores([
      { a: 1, b: 0 },
      { a: 0, b: Number.NaN },
      { a: 1, b: 1 },
    ]);
    const results = computeMetrics({ scorer: 'letters', scores, metrics: { '*': [mean()] } });
    // a: (1 + 0 + 1) / 3 = 2/3 over 3 samples; b: (0 + 1) / 2 = 0.5 over 2 samples, 1 unscored
    expect(results.map((result) => [result.name, result.scorer, result.scored_samples, result.unscored_samples])).toEqual([
      ['a', 'letters', 3, 0],
      ['b', 'letters', 2, 1],
    ]);
    expect(results[0]?.metrics.mean?.value).toBeCloseTo(2 / 3, 12);
    expect(results[1]?.metrics.mean?.value).toBe(0.5);
  });

  it('names dict-valued metrics of a key `metric_group`', () => {
    const scores = sampleScores([{ a: 1 }, { a: 0 }], [{ subject: 'x' }, { subject: 'y' }]);
    const [result] = computeMetrics({ scorer: 's', scores, metrics: { a: [grouped(mean(), { groupKey: 'subject' })] } });
    expect(Object.keys(result?.metrics ?? {})).toEqual(['grouped_x', 'grouped_y', 'grouped_all']);
  });

  it('rejects dict metrics for non-dict scores', () => {
    expect(() => computeMetrics({ scorer: 's', scores: sampleScores(['C']), metrics: { a: [mean()] } })).toThrow(
      expect.objectContaining({ code: 'mismatched_values' }),
    );
  });
});
