import { messageText } from '../spec/chat-message.js';
import type { ModelOutput } from '../spec/model-output.js';

/**
 * Copies a provider's output with what `Model.generate` guarantees filled in: `model`, `completion`, `time`, and
 * `model` / `source: "generate"` on each choice's message. The provider's objects are not modified, since a mock may
 * hand out the same output twice.
 */
export function finalizeOutput(output: ModelOutput, options: { modelName: string; time: number }): ModelOutput {
  const model = output.model || options.modelName;
  const choices = (output.choices ?? []).map((choice) => ({
    ...choice,
    message: { ...choice.message, model: choice.message.model || model, source: 'generate' as const },
  }));
  const first = choices[0];
  return {
    ...output,
    model,
    choices,
    completion: output.completion || (first ? messageText(first.message) : ''),
    time: output.time ?? options.time,
  };
}
