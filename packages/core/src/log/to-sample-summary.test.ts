import { describe, expect, it } from 'vitest';
import { evalSampleSchema } from './schema/eval-sample.js';
import { toSampleSummary } from './to-sample-summary.js';

const sample = evalSampleSchema.parse({
  id: 'a',
  epoch: 1,
  input: 'question',
  messages: [{ role: 'user', content: 'question' }],
  error_retries: [{ message: 'once' }],
  limit: { type: 'message', limit: 10 },
});

describe('toSampleSummary', () => {
  it('gives a sample without scores (it errored first) an empty scores object, as Inspect does', () => {
    // Inspect's viewer calls Object.keys(summary.scores) on every summary of a .eval log.
    const errored = toSampleSummary({ ...sample, scores: null, error: { message: 'boom', traceback: '', traceback_ansi: '' } });
    expect(errored).toMatchObject({ scores: {}, error: 'boom' });
  });

  it('summarizes a sample as Inspect writes summaries.json', () => {
    const summary = toSampleSummary({
      ...sample,
      metadata: { small: 1, big: 'x'.repeat(2000) },
      scores: { s: { value: Number.NaN, answer: 'a\n\nb', history: [] } },
    });
    expect(summary).toMatchObject({
      id: 'a',
      epoch: 1,
      metadata: { small: 1, big: 'Key removed from summary (> 1k)' },
      scores: { s: { answer: 'a b' } },
      limit: 'message',
      retries: 1,
      completed: true,
      message_count: 1,
    });
    expect(summary.scores!.s!.value).toBeNaN();
    expect(summary).not.toHaveProperty('error');
  });
});
