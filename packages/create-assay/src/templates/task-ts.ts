/** The new project's src/task.ts: a small question-answering task. */
export function taskTs(): string {
  return `import { generate, includes, task } from '@assay/core';

/** Two questions; an answer is correct when it contains the target. */
export const capitals = task({
  name: 'capitals',
  dataset: [
    { id: 'france', input: 'What is the capital of France? Answer in one word.', target: 'Paris' },
    { id: 'japan', input: 'What is the capital of Japan? Answer in one word.', target: 'Tokyo' },
  ],
  solver: generate(), // send the prompt to the model and keep its reply
  scorer: includes(), // correct when the reply contains the target
});
`;
}
