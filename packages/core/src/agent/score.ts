import type { Score } from '../log/schema/score.js';
import { sampleContext } from '../runner/sample-context.js';
import type { AgentState } from './agent.js';

/**
 * Scores an agent's state with the task's scorers, as if the sample ended here (Inspect's `score()`): records
 * `score` events marked intermediate and returns the scores. Used by `react()` to judge attempts.
 * @example const [first] = await score(state); if (first?.value === 'C') return state;
 */
export async function score(state: AgentState): Promise<Score[]> {
  const context = sampleContext.getStore();
  const taskState = context?.taskState;
  if (!context?.scorers || !taskState) {
    throw new Error('score() scores a running sample: call it from an agent or solver inside an eval.');
  }
  const scored = { ...taskState, messages: state.messages, output: state.output };
  const scores: Score[] = [];
  for (const scorer of context.scorers) {
    const result = await scorer.score(scored, scored.target);
    scores.push(result);
    context.transcript.record({
      event: 'score',
      score: { ...result, history: result.history ?? [] },
      target: taskState.target.values.length === 1 ? taskState.target.text : [...taskState.target.values],
      intermediate: true,
      scorer: scorer.name,
    });
  }
  return scores;
}
