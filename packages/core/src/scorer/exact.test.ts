import { describe, expect, it } from 'vitest';
import { createTarget } from '../solver/target.js';
import { exact } from './exact.js';
import { f1 } from './f1.js';
import { answeredState } from './test-state.js';

// Inspect 0.3.260's exact() and f1() on the same outputs (scorer/_classification.py: max_exact_score compares the
// normalised strings, so word order and repeats matter; compute_f1 compares word sets; a target counts when
// target.strip() is not empty; _remove_punc keeps a number wrapped in punctuation), as printed by
// __fixtures__/inspect-oracle/text_scorers_oracle.py.
const inspectVerdicts = [
  { answer: 'a b c', target: 'c b a', exact: 'I', f1: 1.0 },
  { answer: 'a b c', target: 'a b c', exact: 'C', f1: 1.0 },
  { answer: 'The cat sat', target: 'cat sat', exact: 'C', f1: 1.0 },
  { answer: 'sat cat', target: 'cat sat', exact: 'I', f1: 1.0 },
  { answer: 'cat cat sat', target: 'cat sat', exact: 'I', f1: 1.0 },
  { answer: '(3.14)', target: '3.14', exact: 'C', f1: 1.0 },
  { answer: '3.14.', target: '3.14', exact: 'C', f1: 1.0 },
  { answer: 'Paris', target: ' Paris', exact: 'C', f1: 1.0 },
  { answer: '1,000', target: '1000', exact: 'C', f1: 1.0 },
  { answer: 'Infinity', target: 'inf', exact: 'I', f1: 0.0 },
];

describe('exact and f1, as Inspect scores them', () => {
  for (const { answer, target, exact: exactVerdict, f1: f1Value } of inspectVerdicts) {
    it(`${JSON.stringify(answer)} against ${JSON.stringify(target)}: exact ${exactVerdict}, f1 ${f1Value}`, async () => {
      const state = answeredState({ completion: answer, target });
      expect((await exact().score(state, createTarget(target))).value).toBe(exactVerdict);
      expect((await f1().score(state, createTarget(target))).value).toBe(f1Value);
    });
  }
});
