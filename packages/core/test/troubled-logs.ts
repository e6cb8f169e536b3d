// Logs with samples that errored, hit a limit or were cancelled, in both formats, for the interop checks.
import { getModel, modelOutputFromContent } from '@assay/model';
import { z } from 'zod';
import type { EvalLog } from '../src/log/schema/index.js';
import { createEvalEventEmitter } from '../src/runner/eval-events.js';
import { evaluate } from '../src/runner/evaluate.js';
import { includes, modelGradedQa } from '../src/scorer/index.js';
import { defineSolver, generate } from '../src/solver/index.js';
import { task } from '../src/task/task.js';

/** What happens to a sample of the troubled task. */
export type SampleFate = 'error' | 'limit' | 'ok' | 'cancel';
const fates: readonly SampleFate[] = ['error', 'limit', 'ok', 'cancel'];

// An errored sample throws; a limited one asks twice and so hits its message limit; a cancelled one waits until the
// run is cancelled (and so is not in the log, as in Inspect).
const troubled = defineSolver({
  name: 'troubled',
  options: z.strictObject({ fates: z.array(z.enum(['error', 'limit', 'ok', 'cancel'])) }),
  create:
    ({ fates: byId }) =>
    async (state, generateFunction) => {
      const fate = byId[Number(state.sampleId) - 1];
      if (fate === 'error') throw new Error('the tool crashed');
      if (fate === 'cancel') await new Promise((resolve) => setTimeout(resolve, 60_000).unref());
      const once = await generateFunction(state);
      if (fate === 'limit') {
        once.messages.push({ role: 'user', content: 'Are you sure?' });
        return generateFunction(once);
      }
      return once;
    },
});

/**
 * Runs a task of four samples that error, hit the message limit, succeed and are cancelled (sample 1 is `first`, the
 * others follow in that order), scored by `includes` and by a model grader that gives no grade (so every scored sample
 * is also unscored, NaN, by it), and returns its log, whose status is `cancelled`.
 */
export async function writeTroubledLog(options: { logDir: string; format: 'eval' | 'json'; first: SampleFate }): Promise<EvalLog> {
  const start = fates.indexOf(options.first);
  const byId = fates.map((_fate, index) => fates[(start + index) % fates.length] as SampleFate);
  const controller = new AbortController();
  const events = createEvalEventEmitter();
  let finished = 0;
  events.on('sample-end', () => {
    finished += 1;
    if (finished === 3) controller.abort();
  });
  const model = getModel('mockllm/model', {
    args: {
      customOutputs: () => modelOutputFromContent({ model: 'mockllm/model', content: 'Paris, I think.' }),
    },
  });
  const quiz = task({
    name: `troubled_${options.first}_first_${options.format}`,
    dataset: [1, 2, 3, 4].map((id) => ({ id, input: `Question ${id}: the capital of France?`, target: 'Paris' })),
    solver: [troubled({ fates: byId }), generate()],
    scorer: [includes(), modelGradedQa({ model })],
    messageLimit: 3,
  });
  const [log] = await evaluate(quiz, {
    model,
    logDir: options.logDir,
    logFormat: options.format,
    failOnError: false,
    signal: controller.signal,
    events,
  });
  return log!;
}
