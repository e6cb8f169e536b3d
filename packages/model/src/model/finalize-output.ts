import { messageText } from '../spec/chat-message.js';
import type { ModelOutput } from '../spec/model-output.js';

/**
 * Copies a provider's output with what `Model.generate` guarantees filled in: `model`, `completion`, `time`, and
 * `model` / `source: "generate"` on each choice's message. The provider's objects are not modified, since a mock may
 * hand out the same output twice.
 */
export function finalizeOutput(output: ModelOutput, options: { modelName: string; time: number }): ModelOutput {
  const model = output.model || options.modelName;
  // Copies are made with Object.assign rather than spreads: this runs for every model call, and on Node 20 an object
  // spread followed by keys gets a hidden class of its own each time (architecture/log-sink.md, "A hidden class per
  // object").
  const choices = (output.choices ?? []).map((choice) =>
    Object.assign({}, choice, {
      message: Object.assign({}, choice.message, { model: choice.message.model || model, source: 'generate' as const }),
    }),
  );
  const first = choices[0];
  return Object.assign({}, output, {
    model,
    choices,
    completion: output.completion || (first ? messageText(first.message) : ''),
    time: output.time ?? options.time,
  });
}
